"""The member export: the import template's columns (so an export can be edited and imported
again), plus unit and stage; sensitive values masked as the pages mask them, unless an audited
unmask asks.

Rows are read as tuples (``values_list``) with the unit and category names joined in and the
other categories of a chunk of members in one query: a model instance per member, with a related
manager for its categories, cost several times the writing of the file. A masked export does not
decrypt the values it masks whole (party, religion): it only asks whether they are empty.
"""

from collections.abc import Callable, Iterator
from itertools import islice

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.functions import Length
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from concentric.core.export import FORMATS, ITERATOR_CHUNK, export_response
from concentric.core.kit.filters import filtered
from concentric.core.kit.tables import Column
from concentric.core.labels import label_of
from concentric.core.masking import WHOLE_MASK, masker_for
from concentric.core.scoping import Action, can
from concentric.people.filtersets import PersonFilterSet
from concentric.people.importing.columns import COLUMNS
from concentric.people.models import Person

EXPORT_BASENAME = "members"
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
        rows=person_rows(queryset.order_by("pk"), unmasked=unmasked),
        columns=export_columns(),
        fmt=fmt,
        basename=EXPORT_BASENAME,
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


def _reader(field, *, unmasked: bool) -> tuple[object, Callable | None]:
    """What to select for one column of a person's model field and how to make its cell."""
    if field.name in Person.SENSITIVE_FIELDS and not unmasked:
        if field.choices:  # masked whole: the ciphertext's length says whether there is a value
            return Length(field.name), lambda length: WHOLE_MASK if length else ""
        return field.name, masker_for(field)
    if field.choices:
        return field.name, _labelled(field)
    return field.name, None


def _chunks(iterable, size: int) -> Iterator[list]:
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def person_rows(queryset, *, unmasked: bool = False) -> Iterator[list]:
    """The export row of each person of ``queryset`` (scoped, filtered, ordered), as plain values
    in the order of ``export_columns``."""
    selected, makers = [], []  # what values_list reads and how each becomes a cell
    for column in COLUMNS:
        if column.field == "categories":
            continue  # from _other_categories, per chunk
        if column.field == "main_category":
            selected.append("main_category__name")
            makers.append(None)
        else:
            expression, maker = _reader(Person._meta.get_field(column.field), unmasked=unmasked)
            selected.append(expression)
            makers.append(maker)
    selected += ["org_unit__name", "stage"]
    makers += [None, _labelled(Person._meta.get_field("stage"))]
    categories_at = [column.field for column in COLUMNS].index("categories")

    tuples = queryset.values_list("pk", "main_category_id", *selected).iterator(chunk_size=ITERATOR_CHUNK)
    for chunk in _chunks(tuples, ITERATOR_CHUNK):
        categories = _categories_of([values[0] for values in chunk])
        for pk, main_category_id, *values in chunk:
            row = [value if maker is None else maker(value) for maker, value in zip(makers, values, strict=True)]
            others = "、".join(name for category_id, name in categories.get(pk, ()) if category_id != main_category_id)
            row.insert(categories_at, others)
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
