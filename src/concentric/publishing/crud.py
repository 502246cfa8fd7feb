"""The declarations of information publishing for the kit: columns and items."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from concentric.core.kit.crud import Crud, Services
from concentric.core.scoping import Action
from concentric.publishing import views
from concentric.publishing.filtersets import ColumnFilterSet, ItemFilterSet
from concentric.publishing.forms import ColumnForm, ItemForm
from concentric.publishing.models import Column, Item
from concentric.publishing.services.columns import column_create, column_delete, column_update
from concentric.publishing.services.items import item_create, item_delete, item_update
from concentric.publishing.tables import ColumnTable, ItemTable


class ItemCrud(Crud):
    model = Item
    namespace = "publishing"
    filterset_class = ItemFilterSet
    table = ItemTable
    ordering = ("-pk",)
    form_class = ItemForm
    services = Services(create=item_create, update=item_update, delete=item_delete, id_kwarg="item_id")
    pages = ("list", "detail", "create", "edit", "delete", "export")
    page_classes = {
        "list": views.ItemListPage,
        "detail": views.ItemDetailPage,
        "edit": views.ItemEditPage,
    }
    detail_template = "publishing/detail.html"
    title = _("Information items")
    create_label = _("New information item")
    messages = {
        "created": _("The item “%(name)s” was saved as a draft."),
        "saved": _("The item “%(name)s” was saved."),
        "deleted": _("The item “%(name)s” was deleted."),
    }

    @classmethod
    def list_queryset(cls, user, queryset):
        return queryset.select_related("org_unit", "author").prefetch_related("columns", "features__person")

    @classmethod
    def object_queryset(cls, user, queryset):
        return queryset.select_related("org_unit", "author", "published_by")

    @classmethod
    def delete_confirmation(cls, item):
        return _("Delete the item “%(name)s”?") % {"name": item.title}


class ColumnCrud(Crud):
    """专题栏目: every business role reads them, the unit administrators keep them."""

    model = Column
    namespace = "publishing"
    filterset_class = ColumnFilterSet
    table = ColumnTable
    ordering = ("sort", "pk")
    page_size = 100
    form_class = ColumnForm
    services = Services(create=column_create, update=column_update, delete=column_delete, id_kwarg="column_id")
    pages = ("list", "detail", "create", "edit", "delete", "export")
    names = {
        "list": "columns",
        "detail": "column_detail",
        "create": "column_create",
        "edit": "column_edit",
        "delete": "column_delete",
        "export": "column_export",
    }
    paths = {
        "list": "columns/",
        "detail": "columns/<int:pk>/",
        "create": "columns/new/",
        "edit": "columns/<int:pk>/edit/",
        "delete": "columns/<int:pk>/delete/",
        "export": "columns/export/",
    }
    detail_fields = ("org_unit", "description", "is_public", "sort", "active_from", "active_until", "is_active")
    title = pgettext_lazy("information item", "Columns")
    create_label = _("New column")
    messages = {
        "created": _("Column “%(name)s” was created."),
        "saved": _("Column “%(name)s” was saved."),
        "deleted": _("Column “%(name)s” was deleted."),
    }

    @classmethod
    def list_queryset(cls, user, queryset):
        # Only the items the user sees are counted (a column of a subdistrict holds its communities' items).
        visible = Item.objects.visible_to(user, Action.VIEW).values("pk")
        return queryset.select_related("org_unit").annotate(
            item_count=Count("items", filter=Q(items__in=visible), distinct=True)
        )
