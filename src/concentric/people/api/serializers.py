from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from concentric.core.api import (
    IdRelatedField,
    MaskedCharField,
    MaskedDateField,
    ScopedPrimaryKeyRelatedField,
    ServiceSerializerMixin,
    VersionField,
)
from concentric.core.masking import WHOLE_MASK
from concentric.core.schema import dependent_choices
from concentric.core.scoping import Action
from concentric.org.selectors import units_where
from concentric.people import choices
from concentric.people.models import Category, PathEvent, Person
from concentric.people.services.common import PERSON_FIELDS


class MaskedChoiceField(MaskedCharField):
    """A sensitive value with choices (political affiliation, religion): a valid code in, always
    answered masked whole."""

    default_error_messages = {"invalid_choice": serializers.ChoiceField.default_error_messages["invalid_choice"]}

    def __init__(self, *, choices, **kwargs):
        self.valid = {value for value, _ in choices}
        super().__init__(kind="generic", **kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if value and value not in self.valid:
            self.fail("invalid_choice", input=value)
        return value

    def to_representation(self, value):
        return WHOLE_MASK if value else ""


@extend_schema_field(OpenApiTypes.BINARY)
class PhotoField(serializers.Field):
    """The photo, written only: a JPEG or PNG file sent as multipart/form-data (at most 2 MB), or
    empty to remove it. The person service checks the content."""

    default_error_messages = {"invalid": _("Send the photo as a file (multipart/form-data).")}

    def __init__(self, **kwargs):
        super().__init__(required=False, allow_null=True, write_only=True, **kwargs)

    def to_internal_value(self, data):
        if data == "":
            return ""
        if not hasattr(data, "read"):
            self.fail("invalid")
        return data


class PersonSerializer(ServiceSerializerMixin, serializers.ModelSerializer):
    """A member. Sensitive fields are accepted in clear and always answered masked; unmasking is
    a page action with a reason, audited."""

    org_unit = ScopedPrimaryKeyRelatedField(model="org.OrgUnit", read_only=False, required=False)
    main_category = ScopedPrimaryKeyRelatedField(model=Category)
    categories = ScopedPrimaryKeyRelatedField(model=Category, many=True, required=False)
    tags = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    birth_date = MaskedDateField()
    id_number = MaskedCharField(kind="id_number", max_length=30)
    phone = MaskedCharField(kind="phone", max_length=30)
    phone2 = MaskedCharField(kind="phone", max_length=30)
    household_address = MaskedCharField(kind="generic", max_length=200)
    residence_address = MaskedCharField(kind="generic", max_length=200)
    work_address = MaskedCharField(kind="generic", max_length=200)
    political_affiliation = MaskedChoiceField(choices=choices.PoliticalAffiliation.choices)
    second_party = MaskedChoiceField(choices=choices.PoliticalAffiliation.choices)
    religion = MaskedChoiceField(choices=choices.Religion.choices)
    photo = PhotoField()
    has_photo = serializers.SerializerMethodField()
    version = VersionField()

    class Meta:
        model = Person
        fields = [
            "id",
            "org_unit",
            *(name for name in PERSON_FIELDS if name != "photo"),
            "categories",
            "tags",
            "photo",
            "has_photo",
            "stage",
            "stage_since",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["stage", "stage_since", "created_at", "updated_at"]

    def get_has_photo(self, person) -> bool:
        return bool(person.photo)


class RegistrationUnitField(IdRelatedField):
    """The unit a person is registered on: one where the requesting user may add people."""

    def get_queryset(self):
        request = self.context.get("request")
        return units_where(getattr(request, "user", None), Action.ADD, Person)


class PersonCreateSerializer(PersonSerializer):
    org_unit = RegistrationUnitField()
    version = VersionField(read_only=True)


class PersonUpdateSerializer(PersonSerializer):
    """The unit is changed by a transfer, not by PATCH."""

    org_unit = serializers.PrimaryKeyRelatedField(read_only=True)


@dependent_choices(on="stage", field="kind", choices=choices.STAGE_EVENT_KINDS)
class PathEventSerializer(ServiceSerializerMixin, serializers.ModelSerializer):
    stage = serializers.ChoiceField(choices=choices.Stage.choices[1:])
    kind = serializers.ChoiceField(choices=choices.PathEventKind.choices)

    class Meta:
        model = PathEvent
        fields = ["id", "person", "stage", "kind", "occurred_on", "source", "evidence", "recorded_by", "created_at"]
        read_only_fields = ["person", "recorded_by", "created_at"]


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "code", "name", "parent", "is_official", "sort", "is_active"]
        read_only_fields = fields
