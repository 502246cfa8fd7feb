from concentric.core.kit.api import CrudDeleteMixin, CrudViewSet
from concentric.org.api.serializers import OrgUnitCreateSerializer, OrgUnitSerializer
from concentric.org.crud import OrgUnitCrud


class OrgUnitViewSet(CrudDeleteMixin, CrudViewSet):
    """Org units the user may see; changes need the unit administrator or system administrator
    role over the unit. PATCH and DELETE need the ``version`` read (409 "stale" otherwise)."""

    crud = OrgUnitCrud
    serializer_class = OrgUnitSerializer
    create_serializer_class = OrgUnitCreateSerializer
