"""Counting a measure's records: one grouped query per part, giving hundredths per (unit, day, key).

The same query serves the three uses, so they cannot drift: the difference a write makes (the
records it touches, before and after), the rebuild (every record), and the live figures the
dashboard's rollups are checked and benchmarked against (the records of some units and days).
"""

from collections import Counter
from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.db.models import Count, DateTimeField, F, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from concentric.core import registry
from concentric.core.measures import KEY_SEPARATOR, Measure, Part

# (measure key, unit id, day, key) -> hundredths
Cell = tuple[str, int, date, str]


def model_of(part: Part):
    return apps.get_model(part.model)


def _final_field(model, path: str):
    field = None
    for name in path.split("__"):
        field = model._meta.get_field(name)
        model = field.related_model
    return field


def _day_expression(part: Part):
    if isinstance(_final_field(model_of(part), part.day), DateTimeField):
        return TruncDate(part.day, tzinfo=timezone.get_current_timezone())
    return F(part.day)


def _local_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def day_range(part: Part, start: date | None, end: date | None) -> Q:
    """The part's records whose local day falls in [start, end] (either open)."""
    condition = Q()
    is_moment = isinstance(_final_field(model_of(part), part.day), DateTimeField)
    if start is not None:
        condition &= Q(**{f"{part.day}__gte": _local_start(start) if is_moment else start})
    if end is not None:
        if is_moment:
            condition &= Q(**{f"{part.day}__lt": _local_start(end + timedelta(days=1))})
        else:
            condition &= Q(**{f"{part.day}__lte": end})
    return condition


def _hundredths(value) -> int:
    return round(value * 100) if value is not None else 0


def count_part(measure: Measure, part: Part, records: Q, into: Counter) -> Counter:
    """Add the part's figures over ``records`` (a filter on its model) to ``into``, by cell."""
    names = {"unit_id": F(part.unit), "day_of": _day_expression(part)}
    names.update({f"key_{index}": F(path) for index, path in enumerate(part.key)})
    value = Sum(part.value) if part.value else Count("pk")
    rows = (
        model_of(part)
        ._base_manager.filter(part.where)
        .filter(records)
        .exclude(**{f"{part.unit}__isnull": True})
        .order_by()
        .values(**names)
        .annotate(total=value)
    )
    for row in rows:
        key = KEY_SEPARATOR.join("" if row[f"key_{i}"] is None else str(row[f"key_{i}"]) for i in range(len(part.key)))
        into[(measure.key, row["unit_id"], row["day_of"], key)] += part.sign * _hundredths(row["total"])
    return into


def parts_reached(labels) -> set[tuple[str, int]]:
    """The (measure, part index) whose records records of ``labels`` count or move."""
    return {
        (measure.key, index)
        for measure in registry.measures()
        for index, part in enumerate(measure.parts)
        if any(part.path_to(label) is not None for label in labels)
    }


def count_touching(pks_by_label: dict[str, list]) -> Counter:
    """The figures of every measure's records that hang on the given records (ids by model
    label): the records themselves where a part counts them, and the records a part says they
    move. A record reached through several of them counts once."""
    counted = Counter()
    for measure in registry.measures():
        for part in measure.parts:
            reach = Q()
            for label, pks in pks_by_label.items():
                path = part.path_to(label)
                if path is not None and pks:
                    reach |= Q(**{f"{path or 'pk'}__in": sorted(pks)})
            if reach:
                count_part(measure, part, reach, counted)
    return counted


def count_all(measure: Measure) -> Counter:
    counted = Counter()
    for part in measure.parts:
        count_part(measure, part, Q(), counted)
    return counted


def count_live(measure: Measure, *, units, start: date | None, end: date | None) -> Counter:
    """The measure's figures straight from its records, for ``units`` (ids) and days in [start, end]."""
    counted = Counter()
    unit_ids = sorted(set(units))
    for part in measure.parts:
        count_part(measure, part, Q(**{f"{part.unit}__in": unit_ids}) & day_range(part, start, end), counted)
    return counted
