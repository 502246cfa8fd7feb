from rest_framework import serializers

from concentric.core.api import ScopedPrimaryKeyRelatedField, ServiceSerializerMixin, VersionField
from concentric.org.models import OrgUnit


class OrgUnitSerializer(ServiceSerializerMixin, serializers.ModelSerializer):
    # The parent is chosen among the units the user sees; the service then checks the user may
    # add under it (and, for a move, that no cycle results).
    parent = ScopedPrimaryKeyRelatedField(model=OrgUnit, allow_null=True, required=False)
    version = VersionField()

    class Meta:
        model = OrgUnit
        fields = [
            "id",
            "parent",
            "kind",
            "code",
            "name",
            "address",
            "is_active",
            "path",
            "depth",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["path", "depth", "created_at", "updated_at"]


class OrgUnitCreateSerializer(OrgUnitSerializer):
    """On creation the unit starts active; ``is_active`` is changed later with PATCH."""

    version = VersionField(read_only=True)

    class Meta(OrgUnitSerializer.Meta):
        read_only_fields = [*OrgUnitSerializer.Meta.read_only_fields, "is_active"]
