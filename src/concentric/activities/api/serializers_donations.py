"""The API's view of pairing projects and donations: they validate and present; the services
write. Figures are strings with two places ("50000.00"), read exactly like the form's."""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from concentric.activities.amounts import parse_quantity, parse_yuan
from concentric.activities.display_donations import donor_text, recipient_text
from concentric.activities.models import Activity, Donation, PairingProject
from concentric.core.api import ScopedPrimaryKeyRelatedField, ServiceSerializerMixin, VersionField


@extend_schema_field({"type": "string", "nullable": True, "example": "50000.00"})
class FigureField(serializers.Field):
    """A figure as text ("50000", "50,000.00", "5万") or a whole number; never a float."""

    def __init__(self, *, parse, **kwargs):
        self.parse = parse
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if data in ("",):
            return None
        try:
            return self.parse(data)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None

    def to_representation(self, value):
        return f"{value:.2f}"


class PairingSerializer(ServiceSerializerMixin, serializers.ModelSerializer):
    org_unit = ScopedPrimaryKeyRelatedField(model="org.OrgUnit")
    version = VersionField()

    class Meta:
        model = PairingProject
        fields = [
            "id",
            "org_unit",
            "name",
            "partner",
            "start_on",
            "end_on",
            "description",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class PairingCreateSerializer(PairingSerializer):
    version = VersionField(read_only=True)


class DonationSerializer(ServiceSerializerMixin, serializers.ModelSerializer):
    org_unit = ScopedPrimaryKeyRelatedField(model="org.OrgUnit")
    donor_person = ScopedPrimaryKeyRelatedField(model="people.Person", allow_null=True, required=False)
    pairing = ScopedPrimaryKeyRelatedField(model=PairingProject, allow_null=True, required=False)
    activity = ScopedPrimaryKeyRelatedField(model=Activity, allow_null=True, required=False)
    amount = FigureField(parse=parse_yuan)
    quantity = FigureField(parse=parse_quantity)
    donor = serializers.SerializerMethodField()
    recipient = serializers.SerializerMethodField()
    version = VersionField()

    class Meta:
        model = Donation
        fields = [
            "id",
            "org_unit",
            "donated_on",
            "donor_kind",
            "donor_person",
            "donor_name",
            "donor",
            "recipient_kind",
            "pairing",
            "activity",
            "recipient_name",
            "recipient",
            "kind",
            "amount",
            "item",
            "quantity",
            "quantity_unit",
            "remarks",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def get_donor(self, donation) -> str:
        return donor_text(donation)

    def get_recipient(self, donation) -> str:
        return recipient_text(donation)


class DonationCreateSerializer(DonationSerializer):
    version = VersionField(read_only=True)
