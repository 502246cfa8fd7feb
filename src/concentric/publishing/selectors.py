"""Reads of information publishing for every app (and this app's own pages), through ``visible_to``.

``items_published`` is what the quota engine counts (每日有信息): an item counts for its own unit
on the local date it was published, while it stays published (a withdrawn item no longer counts).
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from concentric.core.scoping import Action
from concentric.publishing.choices import ItemStatus
from concentric.publishing.models import Column, Item, ItemFeature


def columns_visible(user, action: Action = Action.VIEW):
    """The columns ``user`` sees: their units' own and those of the units above them."""
    return Column.objects.visible_to(user, action)


def items_visible(user, action: Action = Action.VIEW):
    return Item.objects.visible_to(user, action)


def _day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def items_published(*, user, unit=None, date_from=None, date_to=None, include_subunits: bool = False):
    """The published items ``user`` may see, of ``unit`` (its own items; with ``include_subunits``
    those of the units below it too), published from ``date_from`` to ``date_to`` inclusive
    (local dates, either open). Each item counts once, for its unit and its publish date."""
    items = Item.objects.visible_to(user, Action.VIEW).filter(status=ItemStatus.PUBLISHED)
    if unit is not None:
        items = items.filter(org_unit__path__startswith=unit.path) if include_subunits else items.filter(org_unit=unit)
    if date_from is not None:
        items = items.filter(published_at__gte=_day_start(date_from))
    if date_to is not None:
        items = items.filter(published_at__lt=_day_start(date_to + timedelta(days=1)))
    return items


def items_published_this_month(user):
    today = timezone.localdate()
    return items_published(user=user, date_from=today.replace(day=1), date_to=today)


def person_features(*, user, person_id: int):
    """The items featuring a member that ``user`` may see, the latest published first."""
    return (
        ItemFeature.objects.visible_to(user, Action.VIEW)
        .filter(person_id=person_id)
        .select_related("item__org_unit")
        .order_by("-item__published_at", "-item_id")
    )
