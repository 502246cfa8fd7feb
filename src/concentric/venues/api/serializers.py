from rest_framework import serializers

from concentric.core.api import MaskedCharField, ScopedPrimaryKeyRelatedField, ServiceSerializerMixin, VersionField
from concentric.core.scoping import Action
from concentric.venues.models import Booking, Room, RoomFunction, Venue


class VenueSerializer(ServiceSerializerMixin, serializers.ModelSerializer):
    org_unit = ScopedPrimaryKeyRelatedField(model="org.OrgUnit")
    keeper_phone = MaskedCharField(kind="phone", max_length=20)
    version = VersionField()

    class Meta:
        model = Venue
        fields = [
            "id",
            "org_unit",
            "name",
            "kind",
            "address",
            "opening_hours",
            "keeper",
            "keeper_phone",
            "description",
            "is_active",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class VenueCreateSerializer(VenueSerializer):
    version = VersionField(read_only=True)


class RoomSerializer(ServiceSerializerMixin, serializers.ModelSerializer):
    venue = ScopedPrimaryKeyRelatedField(model=Venue, read_only=True)
    functions = ScopedPrimaryKeyRelatedField(model=RoomFunction, many=True, required=False)
    version = VersionField()

    class Meta:
        model = Room
        fields = ["id", "venue", "name", "capacity", "functions", "description", "is_active", "version"]


class RoomCreateSerializer(RoomSerializer):
    """A room is added to a venue the user may change."""

    venue = ScopedPrimaryKeyRelatedField(model=Venue, action=Action.CHANGE)
    version = VersionField(read_only=True)


class RoomFunctionSerializer(ServiceSerializerMixin, serializers.ModelSerializer):
    version = VersionField()

    class Meta:
        model = RoomFunction
        fields = ["id", "code", "name", "sort", "version"]


class BookingSerializer(ServiceSerializerMixin, serializers.ModelSerializer):
    room = ScopedPrimaryKeyRelatedField(model=Room)
    org_unit = ScopedPrimaryKeyRelatedField(model="org.OrgUnit")
    version = VersionField()

    class Meta:
        model = Booking
        fields = ["id", "room", "org_unit", "starts_at", "ends_at", "purpose", "contact", "status", "source", "version"]
        read_only_fields = ["source"]


class BookingCreateSerializer(BookingSerializer):
    """A new booking is booked; cancel it later with PATCH ``status=cancelled``."""

    version = VersionField(read_only=True)

    class Meta(BookingSerializer.Meta):
        read_only_fields = ["source", "status"]
