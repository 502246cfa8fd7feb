"""Writing items: a draft (or a returned item) is written and changed by the staff and unit
administrators of its unit; once submitted it waits for review (services.workflow)."""

from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from concentric.core.auditing import audit_record, changed_fields
from concentric.core.scoping import Action
from concentric.core.services import (
    assign,
    ensure_still_visible,
    lock_for_update,
    related_ids,
    require,
    snapshot,
    unchanged,
)
from concentric.publishing.choices import EDITABLE, ItemStatus, Transition
from concentric.publishing.models import Column, Item, ItemEvent
from concentric.publishing.services import covers
from concentric.publishing.services.bodies import claim_images, clean_body
from concentric.publishing.services.features import person_ids, set_features
from concentric.publishing.services.public import public_changed
from concentric.rollups.services import tallies

ITEM_FIELDS = ("org_unit", "title", "summary", "body", "source")
# A publish time this close to now is now (the request's own delay); earlier is backdating.
SLACK = timedelta(minutes=1)


def check_publish_time(value, *, publishing: bool = False) -> None:
    """A publish time someone tries to give: earlier than now is backdating, refused; on a
    publish, now is taken (later is scheduling, which there is not); elsewhere it is never given."""
    if value is None:
        return
    now = timezone.now()
    if value < now - SLACK:
        raise ValidationError(
            {"published_at": _("The publish time cannot be earlier than now: backdating an item is not allowed.")}
        )
    if not publishing:
        raise ValidationError({"published_at": _("The publish time is set when the item is published.")})
    if value > now + SLACK:
        raise ValidationError(
            {"published_at": _("An item is published at the moment it is published; it cannot be set for later.")}
        )


def publish_time_of(raw) -> datetime | None:
    """A publish time sent where none is taken (a form or the API), read as a moment: an ISO date
    and time, or a date (its start); anything that is no time is None (a read-only value echoed
    back, ignored like the API's other read-only fields)."""
    if isinstance(raw, datetime):
        value = raw
    else:
        text = str(raw or "").strip()
        try:
            value = parse_datetime(text.replace(" ", "T", 1)) or parse_datetime(text)
            day = None if value else parse_date(text)
        except ValueError:
            return None
        if value is None and day is None:
            return None
        value = value or datetime.combine(day, time.min)
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def check_columns(actor, org_unit, columns, *, keep=()) -> list:
    """At least one column, each one the actor sees, in use today, of the item's unit or a unit
    above it. Columns the item is in already (``keep``) stay choosable."""
    columns = list(columns or [])
    if not columns:
        raise ValidationError({"columns": _("Choose at least one column.")})
    kept = {column.pk for column in keep}
    visible = set(
        Column.objects.visible_to(actor, Action.VIEW)
        .filter(pk__in=[c.pk for c in columns])
        .values_list("pk", flat=True)
    )
    today = timezone.localdate()
    for column in columns:
        if column.pk in kept:
            continue
        if column.pk not in visible or not org_unit.path.startswith(column.org_unit.path):
            raise ValidationError({"columns": _("Choose columns of the item's unit or of a unit above it.")})
        if not column.is_open_on(today):
            raise ValidationError(
                {"columns": _("The column “%(name)s” is not open for items now.") % {"name": column.name}}
            )
    return columns


def record_event(item, transition: str, actor, comment: str = "") -> ItemEvent:
    return ItemEvent.objects.create(item=item, transition=transition, status=item.status, actor=actor, comment=comment)


def audit_values(item) -> dict:
    return {
        **snapshot(item, (*ITEM_FIELDS, "status")),
        "columns": related_ids(item.columns.all()),
        "cover": item.cover.name,
        "features": sorted(item.features.values_list("person_id", flat=True)) if item.pk else [],
    }


@transaction.atomic
def item_create(
    *,
    actor,
    org_unit,
    title: str,
    columns,
    body: str = "",
    summary: str = "",
    source: str = "",
    cover=None,
    features=(),
    published_at=None,
) -> Item:
    """A draft of ``org_unit`` written by ``actor`` (its author)."""
    require(actor, Action.ADD, Item, org_unit)
    check_publish_time(published_at)
    columns = check_columns(actor, org_unit, columns)
    body, text = clean_body(actor, body)
    item = Item(org_unit=org_unit, author=actor, body=body, body_text=text, status=ItemStatus.DRAFT)
    assign(item, {"title": title, "summary": summary, "source": source})
    item.full_clean(exclude=["cover"])
    if cover is not None:
        covers.store_cover(item, cover)
    with tallies() as tracked:  # a draft counts nowhere, but its columns are what it will count in
        item.save()
        item.columns.set(columns)
        tracked.add(item)
    claim_images(item)
    set_features(actor, item, features)
    record_event(item, Transition.CREATE, actor)
    audit_record(actor=actor, action="create", obj=item, changes=changed_fields({}, audit_values(item)))
    return item


def lock_editable(actor, item_id: int, version: int) -> Item:
    """The item, locked, as of ``version``, while it may be edited (a draft or returned)."""
    item = lock_for_update(actor, Item, item_id, version=version)
    if item.status not in EDITABLE:
        raise ValidationError(
            _("A %(status)s item cannot be edited.") % {"status": item.get_status_display()}, code="not_editable"
        )
    return item


@transaction.atomic
def item_update(*, actor, item_id: int, version: int, **values) -> Item:
    """Change a draft or a returned item: its text, columns, cover (``cover``: a new image;
    ``remove_cover``) and featured members (``features``: the whole list)."""
    if "published_at" in values:
        check_publish_time(values.pop("published_at"))
    unknown = set(values) - {*ITEM_FIELDS, "columns", "cover", "remove_cover", "features"}
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    item = lock_editable(actor, item_id, version)
    before = audit_values(item)
    old_columns = list(item.columns.all())
    columns = old_columns if values.get("columns") is None else list(values.pop("columns"))
    values.pop("columns", None)
    cover, remove_cover = values.pop("cover", None), values.pop("remove_cover", False)
    features = values.pop("features", None)
    moved = values.get("org_unit") is not None and values["org_unit"].pk != item.org_unit_id
    if moved:
        require(actor, Action.ADD, Item, values["org_unit"])
    if "body" in values:
        values["body"], item.body_text = clean_body(actor, values["body"])
    assign(item, values)
    same_features = features is None or person_ids(features) == before["features"]
    same_cover = cover is None and not (remove_cover and item.cover)
    text_before = {name: before[name] for name in ITEM_FIELDS}
    same_text = unchanged(text_before, snapshot(item, ITEM_FIELDS)) and related_ids(columns) == before["columns"]
    if same_text and same_cover and same_features:
        return item
    # A column the item is in stays choosable, unless the item moves to a unit the column is not for.
    columns = check_columns(actor, item.org_unit, columns, keep=() if moved else old_columns)
    item.full_clean(exclude=["cover"])
    if remove_cover and cover is None:
        covers.drop_cover(item)
    if cover is not None:
        covers.store_cover(item, cover)
    item.version += 1
    with tallies(item):  # its unit and columns
        item.columns.set(columns)
        item.save()
    ensure_still_visible(actor, item)
    claim_images(item)
    if features is not None:
        set_features(actor, item, features)
    audit_record(actor=actor, action="update", obj=item, changes=changed_fields(before, audit_values(item)))
    if item.status == ItemStatus.PUBLISHED:
        public_changed()
    return item


@transaction.atomic
def item_delete(*, actor, item_id: int, version: int) -> None:
    """Delete an item never published (a draft or a returned one); a published or withdrawn item
    stays on record."""
    item = lock_for_update(actor, Item, item_id, version=version, action=Action.DELETE)
    if item.status not in EDITABLE:
        raise ValidationError(_("Only a draft or a returned item can be deleted; withdraw a published one."))
    audit_record(actor=actor, action="delete", obj=item, changes=changed_fields(audit_values(item), {}))
    covers.drop_cover(item)
    with tallies(item):
        item.delete()
