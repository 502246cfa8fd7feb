from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from concentric.activities.choices import ActivityStatus, CheckInMethod
from concentric.activities.models import Activity, ActivityType, Participant
from concentric.core.api import (
    IdRelatedField,
    MaskedCharField,
    ScopedPrimaryKeyRelatedField,
    ServiceSerializerMixin,
    VersionField,
)
from concentric.core.scoping import Action
from concentric.org.selectors import units_around, units_where


class ActivityTypeSerializer(ServiceSerializerMixin, serializers.ModelSerializer):
    version = VersionField()

    class Meta:
        model = ActivityType
        fields = ["id", "name", "path_evidence", "is_volunteering", "sort", "is_active", "version"]


class ActivityTypeCreateSerializer(ActivityTypeSerializer):
    version = VersionField(read_only=True)


class CoUnitField(IdRelatedField):
    """A co-organising unit: one beside the units the user organises in (the service checks it
    is beside the activity's own unit)."""

    def get_queryset(self):
        user = getattr(self.context.get("request"), "user", None)
        return units_around(units_where(user, Action.ADD, Activity))


class ActivitySerializer(ServiceSerializerMixin, serializers.ModelSerializer):
    # Units, types, venues and rooms are chosen among those the user sees; the service then checks
    # the user may add in the organising unit and that the room belongs to the venue.
    org_unit = ScopedPrimaryKeyRelatedField(model="org.OrgUnit")
    co_units = CoUnitField(many=True, required=False)
    type = ScopedPrimaryKeyRelatedField(model=ActivityType)
    venue = ScopedPrimaryKeyRelatedField(model="venues.Venue", allow_null=True, required=False)
    room = ScopedPrimaryKeyRelatedField(model="venues.Room", allow_null=True, required=False)
    participant_count = serializers.SerializerMethodField()
    version = VersionField()

    class Meta:
        model = Activity
        fields = [
            "id",
            "org_unit",
            "co_units",
            "title",
            "type",
            "starts_at",
            "ends_at",
            "venue",
            "room",
            "address",
            "description",
            "status",
            "participant_count",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["status", "created_at", "updated_at"]

    def get_participant_count(self, activity) -> int:
        count = getattr(activity, "participant_count", None)
        return activity.participants.count() if count is None else count


class ActivityCreateSerializer(ActivitySerializer):
    version = VersionField(read_only=True)


class ActivityStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ActivityStatus.choices)
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    version = VersionField()


class ParticipantSerializer(ServiceSerializerMixin, serializers.ModelSerializer):
    activity = ScopedPrimaryKeyRelatedField(model=Activity)
    person = ScopedPrimaryKeyRelatedField(model="people.Person", allow_null=True, required=False)
    guest_phone = MaskedCharField(kind="phone", max_length=20)
    # Empty until the participant is marked present or checks in.
    check_in_method = serializers.ChoiceField(choices=CheckInMethod.choices, allow_blank=True, read_only=True)
    version = VersionField()

    class Meta:
        model = Participant
        fields = [
            "id",
            "activity",
            "person",
            "guest_name",
            "guest_phone",
            "role",
            "attended",
            "checked_in_at",
            "check_in_method",
            "version",
        ]
        read_only_fields = ["checked_in_at", "check_in_method"]
        # One member once per activity: the service says so in Chinese (DRF's validator for the
        # conditional unique constraint would make ``person`` required, shutting guests out).
        validators = []

    def validate(self, attrs):
        if self.instance is None and bool(attrs.get("person")) == bool(attrs.get("guest_name", "").strip()):
            raise serializers.ValidationError({"person": [_("Give either a member or a guest's name.")]})
        return attrs


class ParticipantCreateSerializer(ParticipantSerializer):
    version = VersionField(read_only=True)


class ParticipantUpdateSerializer(ParticipantSerializer):
    """Only the role and the attendance change; the rest is who the participant is."""

    activity = serializers.PrimaryKeyRelatedField(read_only=True)
    person = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)  # null for a guest
    guest_phone = MaskedCharField(kind="phone", read_only=True)

    class Meta(ParticipantSerializer.Meta):
        read_only_fields = ["activity", "person", "guest_name", "guest_phone", "checked_in_at", "check_in_method"]
