"""The org-unit columns of the list page and the export."""

from django.utils.translation import gettext_lazy as _

from concentric.core.kit.tables import Column, Table


class OrgUnitTable(Table):
    name = Column(_("Name"), "name", width=28)
    code = Column(_("Code"), "code", width=14)
    kind = Column(_("Kind"), "get_kind_display", width=12)
    parent_code = Column(_("Parent code"), "parent.code", width=14)
    parent = Column(_("Parent unit"), "parent.name", width=28)
    address = Column(_("Address"), "address", width=30)
    is_active = Column(_("Active"), "is_active", width=8)
    depth = Column(_("Level"), "depth", width=6)

    page = ("name", "code", "kind", "parent", "is_active")
    export = ("code", "name", "kind", "parent_code", "parent", "address", "is_active", "depth")
