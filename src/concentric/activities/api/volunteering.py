"""Volunteer service's API: hours (read, record, correct), certificates (read, issue), and in
volunteering_urls the actions (approve, revoke) and the totals."""

from decimal import Decimal

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from concentric.activities.crud_volunteering import CertificateCrud, HoursCrud
from concentric.activities.models import Certificate, Participant, VolunteerHours
from concentric.activities.services.hours import hours_correct, hours_record
from concentric.core.api import ScopedPrimaryKeyRelatedField, ServiceSerializerMixin
from concentric.core.kit.api import CrudCreateViewSet
from concentric.core.masking import mask
from concentric.core.scoping import Action


class HoursSerializer(ServiceSerializerMixin, serializers.ModelSerializer):
    activity = serializers.IntegerField(source="participant.activity_id", read_only=True)
    volunteer = serializers.CharField(source="participant.__str__", read_only=True)
    hours = serializers.DecimalField(max_digits=5, decimal_places=1, coerce_to_string=True, read_only=True)

    class Meta:
        model = VolunteerHours
        fields = [
            "id",
            "participant",
            "activity",
            "volunteer",
            "hours",
            "status",
            "is_current",
            "replaces",
            "note",
            "recorded_at",
            "approved_at",
        ]
        read_only_fields = fields


class HoursCreateSerializer(ServiceSerializerMixin, serializers.ModelSerializer):
    """A first entry for an attendee, or (``replaces``) a correction of an approved entry."""

    participant = ScopedPrimaryKeyRelatedField(model=Participant, required=False, allow_null=True)
    replaces = ScopedPrimaryKeyRelatedField(model=VolunteerHours, required=False, allow_null=True)
    hours = serializers.DecimalField(max_digits=5, decimal_places=1, min_value=Decimal("0.1"))
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")

    class Meta:
        model = VolunteerHours
        fields = ["participant", "replaces", "hours", "note"]

    def to_representation(self, instance):
        return HoursSerializer(instance, context=self.context).data

    def validate(self, attrs):
        if bool(attrs.get("participant")) == bool(attrs.get("replaces")):
            raise serializers.ValidationError(
                _("Give either the participant (a first entry) or the entry it replaces (a correction).")
            )
        return attrs


class HoursViewSet(CrudCreateViewSet):
    """Entries of volunteer hours at activities the user may see. POST records a first entry for
    an attendee or a correction of an approved entry (``replaces``), awaiting approval."""

    crud = HoursCrud
    serializer_class = HoursSerializer
    create_serializer_class = HoursCreateSerializer

    def create_through_service(self, data):
        actor = self.request.user
        if data.get("replaces"):
            return hours_correct(actor=actor, hours_id=data["replaces"].pk, hours=data["hours"], note=data["note"])
        return hours_record(actor=actor, participant_id=data["participant"].pk, hours=data["hours"], note=data["note"])


class CertificateSerializer(ServiceSerializerMixin, serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True)
    id_number = serializers.SerializerMethodField()
    revoked = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = [
            "id",
            "number",
            "person",
            "person_name",
            "id_number",
            "org_unit",
            "period_start",
            "period_end",
            "total_hours",
            "lines",
            "issued_at",
            "revoked",
            "revoked_at",
            "revoke_reason",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField())
    def get_id_number(self, certificate) -> str:
        return mask(certificate.person.id_number, "id_number")

    def get_revoked(self, certificate) -> bool:
        return certificate.revoked_at is not None


class CertificateCreateSerializer(ServiceSerializerMixin, serializers.ModelSerializer):
    person = serializers.IntegerField(min_value=1)
    org_unit = ScopedPrimaryKeyRelatedField(model="org.OrgUnit", action=Action.VIEW)
    period_start = serializers.DateField()
    period_end = serializers.DateField()

    class Meta:
        model = Certificate
        fields = ["person", "org_unit", "period_start", "period_end"]

    def to_representation(self, instance):
        return CertificateSerializer(instance, context=self.context).data


class CertificateViewSet(CrudCreateViewSet):
    """Certificates issued by units the user may see; POST issues one (the member's approved
    hours recorded by the issuing unit's subtree over the period)."""

    crud = CertificateCrud
    serializer_class = CertificateSerializer
    create_serializer_class = CertificateCreateSerializer

    def create_through_service(self, data):
        data["person_id"] = data.pop("person")
        return self.crud.create(self.request.user, data)
