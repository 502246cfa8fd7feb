"""The measures of information publishing (core.measures): items published, on the local day they
were published, in the unit they were written for, overall and per column (an item in two
columns counts in each). Only items published now count: a withdrawn item no longer does."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from concentric.core.measures import Measure, Part
from concentric.publishing.choices import ItemStatus
from concentric.publishing.models import Column

ITEM = "publishing.Item"
PUBLISHED = Q(status=ItemStatus.PUBLISHED)


def column_names(keys: list[str]) -> dict[str, str]:
    ids = [int(key) for key in keys if key.isdigit()]
    return {str(pk): name for pk, name in Column.objects.filter(pk__in=ids).values_list("pk", "name")}


ITEMS_PUBLISHED = Measure(
    key="items_published",
    label=_("Items published"),
    unit_label=pgettext_lazy("unit of a figure", "items"),
    parts=(Part(ITEM, day="published_at", where=PUBLISHED),),
    order=50,
)

ITEMS_BY_COLUMN = Measure(
    key="items_by_column",
    label=_("Items published by column"),
    unit_label=pgettext_lazy("unit of a figure", "items"),
    key_label=pgettext_lazy("information item", "column"),
    key_names=column_names,
    parts=(Part(ITEM, day="published_at", key=("columns",), where=PUBLISHED),),
    order=51,
)

ALL = (ITEMS_PUBLISHED, ITEMS_BY_COLUMN)
