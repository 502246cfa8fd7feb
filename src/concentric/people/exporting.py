"""The member export: the import template's columns (so an export can be edited and imported
again), plus unit and stage; sensitive values masked as the pages mask them, unless an audited
unmask asks.

Rows are read as the stored values (``core.export.stored_chunks``: no model instance, no field
converters) with the unit and category names joined in, and the other categories of a chunk of
members in one query; each column's cell is then made by one function chosen per column. So a
value is decrypted only where the cell shows it: a masked export never decrypts what it masks
whole (party, religion), only asks whether it is empty.
"""

from collections.abc import Callable, Iterator
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from concentric.core.crypto import decrypt
from concentric.core.export import FORMATS, export_response, neutralise, stored_chunks
from concentric.core.fields import EncryptedTextField
from concentric.core.kit.filters import filtered
from concentric.core.kit.tables import Column
from concentric.core.labels import label_of
from concentric.core.masking import WHOLE_MASK, masker_for
from concentric.core.scoping import Action, can
from concentric.people.filtersets import PersonFilterSet
from concentric.people.importing.columns import COLUMNS
from concentric.people.models import Person

UNIT_WIDTH, STAGE_WIDTH = 20, 10


def export_options(actor, params) -> tuple[str, bool, str, dict]:
    """(format, unmasked, reason, the filters) of an export asked for with ``params`` (a page's or
    the API's query): ValidationError for an unknown format or an unmasked export without a reason,
    PermissionDenied for an unmasked export without the unmask permission."""
    fmt = params.get("format", "csv")
    if fmt not in FORMATS:
        raise ValidationError({"format": gettext("Unknown export format.")})
    unmasked = params.get("unmasked") in ("1", "true")
    reason = (params.get("reason") or "").strip()
    if unmasked and not can(actor, Action.UNMASK, Person):
        raise PermissionDenied
    if unmasked and not reason:
        raise ValidationError({"reason": gettext("Give the reason for exporting unmasked values.")})
    filters = params.copy()
    for name in ("format", "unmasked", "reason"):
        filters.pop(name, None)
    return fmt, unmasked, reason, filters


def people_export(*, actor, request, data, fmt: str, unmasked: bool = False, reason: str = ""):
    """The export of the members ``actor`` may export, filtered by ``data`` through the list's
    FilterSet (FiltersInvalid for a bad value: nothing is written or audited); unmasked (the
    caller checked the permission and the reason) only the members ``actor`` may unmask."""
    queryset = Person.objects.visible_to(actor, Action.EXPORT)
    if unmasked:
        queryset = queryset.filter(pk__in=Person.objects.visible_to(actor, Action.UNMASK).values("pk"))
    queryset, description = filtered(PersonFilterSet, data, queryset, request)
    if unmasked:
        description = f"unmasked; reason: {reason}; {description}"
    return export_response(
        actor=actor,
        queryset=queryset,
        # By unit, then as entered: the unit index serves the order (by id alone, a unit of a
        # million-member registry was found by scanning every member in id order).
        rows=person_rows(queryset.order_by("org_unit_id", "pk"), unmasked=unmasked),
        cells=True,
        columns=export_columns(),
        fmt=fmt,
        title=_("Members"),
        reason=description[:500],
    )


def export_columns() -> list[Column]:
    """Header and width of each column; the values come from ``person_rows``."""
    columns = [Column(column.header, None, column.width) for column in COLUMNS]
    columns.append(Column(str(_("Unit")), None, UNIT_WIDTH))
    columns.append(Column(str(_("Stage")), None, STAGE_WIDTH))
    return columns


def _labelled(field) -> Callable[[str], str]:
    labels = {code: label_of(field, code) for code, _label in field.flatchoices}
    return lambda code: labels.get(code, code) if code else ""


def _date_text(stored) -> str:
    """A stored date as its cell: ISO text already on SQLite, a date on PostgreSQL."""
    if not stored:
        return ""
    return stored if stored.__class__ is str else stored.isoformat()


def _text(stored) -> str:
    return neutralise(stored) if stored else ""


def _cell_maker(field, *, unmasked: bool) -> Callable[[object], str]:
    """How a stored value of a person's model field becomes its finished export cell: decrypted
    only when the cell shows it, masked, labelled, and neutralised (``core.export.neutralise``)."""
    encrypted = isinstance(field, EncryptedTextField)
    is_date = isinstance(field, models.DateField)
    if field.name in Person.SENSITIVE_FIELDS and not unmasked:
        if field.choices:  # masked whole: whether there is a value is all the cell shows
            return lambda stored: WHOLE_MASK if stored else ""
        mask = masker_for(field)
        if is_date:
            return lambda stored: mask(_as_date(stored)) if stored else ""
        return lambda stored: neutralise(mask(decrypt(stored))) if stored else ""
    if field.choices:
        label = _labelled(field)  # our own labels: nothing to neutralise
        return (lambda stored: label(decrypt(stored)) if stored else "") if encrypted else label
    if encrypted:
        return lambda stored: neutralise(decrypt(stored)) if stored else ""
    return _date_text if is_date else _text


def _as_date(stored):
    return date.fromisoformat(stored) if stored.__class__ is str else stored


def person_rows(queryset, *, unmasked: bool = False) -> Iterator[list[str]]:
    """The export row of each person of ``queryset`` (scoped, filtered, ordered), as finished
    cells (``export_response(cells=True)``) in the order of ``export_columns``."""
    selected, makers = [], []  # the stored values read and how each becomes a cell
    for column in COLUMNS:
        if column.field == "categories":
            continue  # from _categories_of, per chunk
        if column.field == "main_category":
            selected.append("main_category__name")
            makers.append(_text)
        else:
            field = Person._meta.get_field(column.field)
            selected.append(field.name)
            makers.append(_cell_maker(field, unmasked=unmasked))
    selected += ["org_unit__name", "stage"]
    makers += [_text, _labelled(Person._meta.get_field("stage"))]
    categories_at = [column.field for column in COLUMNS].index("categories")

    for chunk in stored_chunks(queryset, ["pk", "main_category_id", *selected]):
        categories = _categories_of([values[0] for values in chunk])
        for pk, main_category_id, *values in chunk:
            row = [maker(value) for maker, value in zip(makers, values, strict=True)]
            others = "、".join(name for category_id, name in categories.get(pk, ()) if category_id != main_category_id)
            row.insert(categories_at, _text(others))
            yield row


def _categories_of(person_ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    """Each person's categories (id and name) in the dictionary's order, for one chunk."""
    links = (
        Person.categories.through.objects.filter(person_id__in=person_ids)
        .order_by("category__sort", "category__code")
        .values_list("person_id", "category_id", "category__name")
    )
    found: dict[int, list[tuple[int, str]]] = {}
    for person_id, category_id, name in links:
        found.setdefault(person_id, []).append((category_id, name))
    return found
