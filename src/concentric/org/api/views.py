
from concentric.core.api import (
    KeysetPagination,
    required_version,
)
from concentric.core.viewsets import VersionedRecordViewSet
from concentric.org.api.serializers import OrgUnitCreateSerializer, OrgUnitSerializer
from concentric.org.filtersets import OrgUnitFilterSet
from concentric.org.models import OrgUnit
from concentric.org.services import org_unit_create, org_unit_delete, org_unit_update


class OrgUnitPagination(KeysetPagination):
    ordering = "path"


class OrgUnitViewSet(VersionedRecordViewSet):
    """Org units the user may see; changes need the unit administrator or system administrator
    role over the unit. PATCH and DELETE need the ``version`` read (409 "stale" otherwise)."""

    access = "list"
    model = OrgUnit
    serializer_class = OrgUnitSerializer
    filterset_class = OrgUnitFilterSet
    pagination_class = OrgUnitPagination

    def get_queryset(self):
        return super().get_queryset().select_related("parent")

    def get_serializer_class(self):
        return OrgUnitCreateSerializer if self.action == "create" else OrgUnitSerializer

    def create_through_service(self, data):
        return org_unit_create(
            actor=self.request.user,
            parent=data.get("parent"),
            kind=data["kind"],
            code=data["code"],
            name=data["name"],
            address=data.get("address", ""),
        )

    def update_through_service(self, instance, data, version):
        return org_unit_update(actor=self.request.user, unit_id=instance.pk, version=version, **data)

    def delete_through_service(self, instance):
        org_unit_delete(actor=self.request.user, unit_id=instance.pk, version=required_version(self.request))
