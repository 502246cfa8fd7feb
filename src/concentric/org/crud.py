"""The organisation tree's declaration for the kit: its pages, export and API."""

from django.utils.translation import gettext_lazy as _

from concentric.core.kit.crud import Crud, Services
from concentric.core.scoping import Action
from concentric.org.filtersets import OrgUnitFilterSet
from concentric.org.forms import OrgUnitEditForm, OrgUnitForm
from concentric.org.models import OrgUnit
from concentric.org.services import org_unit_create, org_unit_delete, org_unit_update
from concentric.org.tables import OrgUnitTable
from concentric.org.views import OrgUnitCreatePage, OrgUnitDetailPage, OrgUnitListPage


class OrgUnitCrud(Crud):
    model = OrgUnit
    namespace = "org"
    filterset_class = OrgUnitFilterSet
    table = OrgUnitTable
    ordering = ("path", "pk")
    page_size = 100
    form_class = OrgUnitForm
    edit_form_class = OrgUnitEditForm
    services = Services(create=org_unit_create, update=org_unit_update, delete=org_unit_delete, id_kwarg="unit_id")
    page_classes = {"list": OrgUnitListPage, "detail": OrgUnitDetailPage, "create": OrgUnitCreatePage}
    detail_template = "org/detail.html"
    title = _("Organisation")
    create_label = _("New org unit")
    messages = {
        "created": _("Unit “%(name)s” was created."),
        "saved": _("Unit “%(name)s” was saved."),
        "deleted": _("Unit “%(name)s” was deleted."),
    }

    @classmethod
    def list_queryset(cls, user, queryset):
        return queryset.select_related("parent")

    @classmethod
    def delete_confirmation(cls, unit):
        return _("Delete the unit “%(name)s”? This cannot be undone.") % {"name": unit.name}

    @classmethod
    def object_crumbs(cls, user, unit, *, link_last: bool) -> list[dict]:
        """Organisation > the unit's ancestors the user can see > the unit."""
        ancestor_ids = [int(part) for part in unit.path.strip("/").split("/")[:-1]]
        ancestors = OrgUnit.objects.visible_to(user, Action.VIEW).filter(pk__in=ancestor_ids).order_by("depth")
        return [
            *cls.list_crumbs(),
            *({"label": ancestor.name, "url": cls.url("detail", ancestor.pk)} for ancestor in ancestors),
            {"label": unit.name, "url": cls.url("detail", unit.pk) if link_last else ""},
        ]

    @classmethod
    def after_delete_url(cls, user, unit) -> str:
        """The parent's page when the user sees it, else the list."""
        if unit.parent_id and OrgUnit.objects.visible_to(user, Action.VIEW).filter(pk=unit.parent_id).exists():
            return cls.url("detail", unit.parent_id)
        return cls.url("list")
