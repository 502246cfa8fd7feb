"""The columns of the column list and of the item list, and of their exports."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from concentric.core.kit.tables import Column, Table


def period_of(column) -> str:
    if not column.active_from and not column.active_until:
        return ""
    start = column.active_from.isoformat() if column.active_from else ""
    end = column.active_until.isoformat() if column.active_until else ""
    return f"{start}–{end}"


def columns_of(item) -> str:
    return "、".join(column.name for column in item.columns.all())


def author_of(item) -> str:
    return (item.author.full_name or item.author.username) if item.author_id else ""


def featured_of(item) -> str:
    return "、".join(feature.person.name for feature in item.features.all())


class ColumnTable(Table):
    name = Column(_("Name"), "name", width=24)
    unit = Column(_("Owning unit"), "org_unit.name", width=20)
    is_public = Column(_("Public"), "is_public", width=8)
    period = Column(_("Open"), period_of, width=22, nowrap=True)
    is_active = Column(_("In use"), "is_active", width=8)
    sort = Column(_("Order"), "sort", width=6)
    item_count = Column(_("Items"), "item_count", width=8)

    page = ("name", "unit", "is_public", "period", "is_active", "item_count")


class ItemTable(Table):
    title = Column(pgettext_lazy("information item", "Title"), "title", width=36)
    columns = Column(pgettext_lazy("information item", "Columns"), columns_of, width=24)
    unit = Column(pgettext_lazy("information item", "Unit"), "org_unit.name", width=18)
    author = Column(_("Author"), author_of, width=10, nowrap=True)
    status = Column(pgettext_lazy("information item", "Status"), "get_status_display", width=10, nowrap=True)
    published_at = Column(_("Published at"), "published_at", width=19, nowrap=True)  # a date-time
    featured = Column(_("Featured members"), featured_of, width=20)
    source = Column(pgettext_lazy("information item", "Source"), "source", width=16)
    summary = Column(pgettext_lazy("information item", "Summary"), "summary", width=40)

    page = ("title", "columns", "unit", "author", "status", "published_at")
    export = ("title", "columns", "unit", "author", "status", "published_at", "featured", "source", "summary")
