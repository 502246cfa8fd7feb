"""Reads of information publishing for every app (and this app's own pages), through ``visible_to``.

``items_published`` is what the quota engine counts (每日有信息): an item counts for its own unit
on the local date it was published, while it stays published (a withdrawn item no longer counts).

The ``public_*`` reads are what anybody may see without signing in (the portal): published items
in at least one public column that is in use, shown only in such columns, and their cover, body
images and attachments. Nothing else is ever answered by them. ``public_generation`` changes
whenever something public may have changed (services.public), so a cache of public pages keyed by
it is never stale.
"""

import html as html_lib
import re
from datetime import datetime, time, timedelta

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from concentric.core.scoping import Action
from concentric.publishing import generation
from concentric.publishing.choices import ItemStatus
from concentric.publishing.models import Column, Item, ItemFeature, ItemFile, ItemImage
from concentric.publishing.services.bodies import image_url_pattern

SHARED_CACHE = generation.SHARED_CACHE  # settings.CACHES: the cache every serving process reads alike


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


def public_columns():
    """The columns the public sees: public and in use (their open period governs new items only)."""
    return Column.objects.filter(is_public=True, is_active=True)


def public_items(column=None, query: str | None = None):
    """Published items in a public column in use (in ``column`` when given: itself one of those),
    the latest first; ``query`` matches the title, summary or text (icontains; callers page it)."""
    shown_in = Column.items.through.objects.filter(
        item_id=OuterRef("pk"), column__is_public=True, column__is_active=True
    )
    if column is not None:
        shown_in = shown_in.filter(column_id=getattr(column, "pk", column))
    items = Item.objects.filter(Exists(shown_in), status=ItemStatus.PUBLISHED, published_at__isnull=False)
    query = (query or "").strip()
    if query:
        items = items.filter(Q(title__icontains=query) | Q(summary__icontains=query) | Q(body_text__icontains=query))
    return items.select_related("org_unit").order_by("-published_at", "-id")


def public_item(pk):
    """The public item ``pk``, or None (not published, in no public column in use, or missing)."""
    try:
        return public_items().filter(pk=int(pk)).first()
    except (TypeError, ValueError, OverflowError):
        return None


def public_column(pk):
    try:
        return public_columns().filter(pk=int(pk)).first()
    except (TypeError, ValueError, OverflowError):
        return None


def public_item_columns(item):
    """The public columns in use an item is shown in (never its internal ones)."""
    return public_columns().filter(items=item).order_by("sort", "pk")


def public_item_files(item):
    """A public item's attachments (pass only an item from ``public_items``)."""
    return ItemFile.objects.filter(item__in=public_items().filter(pk=item.pk).values("pk")).order_by("pk")


def public_feature_names(item) -> list[str]:
    """The names, and nothing else, of the members a public item features (kept on the feature
    when the item was published: no read of the registry)."""
    features = ItemFeature.objects.filter(item__in=public_items().filter(pk=item.pk).values("pk"))
    return [name for name in features.order_by("pk").values_list("person_name", flat=True) if name]


def public_file(pk):
    """An attachment of a public item, or None."""
    try:
        return ItemFile.objects.filter(pk=int(pk), item__in=public_items().values("pk")).first()
    except (TypeError, ValueError, OverflowError):
        return None


def public_image(pk):
    """A body image held by a public item, or None."""
    try:
        return ItemImage.objects.filter(pk=int(pk), item__in=public_items().values("pk")).first()
    except (TypeError, ValueError, OverflowError):
        return None


def public_body(item, image_url) -> str:
    """A public item's body as the public sees it: each of our images it shows points at
    ``image_url(pk)`` when the item holds that image, and is left out otherwise."""
    own = set(ItemImage.objects.filter(item=item).values_list("pk", flat=True))
    pattern = image_url_pattern()

    def public_tag(match) -> str:
        tag = match.group(0)
        src = re.search(r"""\bsrc\s*=\s*(["'])(.*?)\1""", tag, flags=re.IGNORECASE | re.DOTALL)
        found = pattern.match(html_lib.unescape(src.group(2))) if src else None
        if found is None or int(found.group(1)) not in own:
            return ""
        url = html_lib.escape(image_url(int(found.group(1))))
        return f'{tag[: src.start()]}src="{url}"{tag[src.end() :]}'

    return re.sub(r"<img\b[^>]*>", public_tag, item.body or "", flags=re.IGNORECASE)


def public_generation() -> str:
    """A token that changes whenever something public may have changed (publishing.generation)."""
    return generation.current()
