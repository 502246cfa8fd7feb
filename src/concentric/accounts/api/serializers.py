from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from concentric.accounts.forms import mobile_validator
from concentric.accounts.models import RoleAssignment, User
from concentric.core.api import (
    MaskedCharField,
    ScopedPrimaryKeyRelatedField,
    ServiceSerializerMixin,
    VersionField,
)
from concentric.core.identity import validate_id_number
from concentric.core.roles import Role


class UserSerializer(ServiceSerializerMixin, serializers.ModelSerializer):
    """An account. ``phone`` and ``id_number`` are accepted in clear and always answered masked;
    unmasking is a page action with a reason, audited. No password or hash is ever answered."""

    org_unit = ScopedPrimaryKeyRelatedField(model="org.OrgUnit")
    phone = MaskedCharField(kind="phone", max_length=11, validators=[mobile_validator])
    id_number = MaskedCharField(kind="id_number", max_length=18)
    version = VersionField()

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "full_name",
            "email",
            "org_unit",
            "title",
            "phone",
            "id_number",
            "is_active",
            "date_joined",
            "last_login",
            "password_changed_at",
            "must_change_password",
            "version",
        ]
        read_only_fields = ["username", "date_joined", "last_login", "password_changed_at", "must_change_password"]

    def validate_id_number(self, value):
        try:
            return validate_id_number(value) if value else value
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None


class UserCreateSerializer(UserSerializer):
    """A new account: it starts active and must replace ``password`` at the first sign-in."""

    password = serializers.CharField(
        write_only=True,
        trim_whitespace=False,
        style={"input_type": "password"},
        help_text="The initial password, checked against the password policy.",
    )
    initial_role = serializers.ChoiceField(choices=Role.choices, required=False, allow_blank=True, write_only=True)
    version = VersionField(read_only=True)

    class Meta(UserSerializer.Meta):
        fields = [*UserSerializer.Meta.fields, "password", "initial_role"]
        read_only_fields = [name for name in UserSerializer.Meta.read_only_fields if name != "username"] + ["is_active"]


class RoleAssignmentSerializer(ServiceSerializerMixin, serializers.ModelSerializer):
    user = ScopedPrimaryKeyRelatedField(model=User)
    org_unit = ScopedPrimaryKeyRelatedField(model="org.OrgUnit")
    role = serializers.ChoiceField(choices=Role.choices)

    class Meta:
        model = RoleAssignment
        fields = ["id", "user", "org_unit", "role", "granted_by", "created_at"]
        read_only_fields = ["granted_by", "created_at"]
        validators = []  # the service refuses a duplicate with a message on the role field
