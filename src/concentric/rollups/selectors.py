"""Reading measures: from the tallies (what pages read) or live from the records (what the tallies
are checked and benchmarked against), with the same answers.

Every reader takes ``units``: the ids of the units whose figures are wanted, already limited by
the caller to what the user may see (a unit and its subtree, from the org app's selectors). Days
are local dates, both ends included; a ``stock`` measure with no ``start`` sums from the
beginning (its figure at ``end``).
"""

from collections import Counter
from datetime import date
from decimal import Decimal

from django.db.models import Q, Sum

from concentric.core import registry
from concentric.core.measures import KEY_SEPARATOR, Measure
from concentric.core.roles import BUSINESS_ROLES
from concentric.core.scoping import under, user_scope
from concentric.org.selectors import visible_units
from concentric.rollups.models import Tally
from concentric.rollups.tally import count_live, day_range, model_of

TALLY = "tally"
LIVE = "live"


def scope_units(user):
    """The units whose figures ``user`` may read, in tree order: those under the units of their
    business roles (unit administrator, staff, leader). The separated administrators (system,
    security, audit) see the tree but no work's figures."""
    paths = user_scope(user).paths(BUSINESS_ROLES)
    if not paths:
        return visible_units(user).none()
    return visible_units(user).filter(under(paths))


def subtree_ids(user, unit) -> list[int]:
    """Ids of ``unit`` and the units below it that ``user`` may read figures of."""
    return list(scope_units(user).filter(path__startswith=unit.path).values_list("pk", flat=True))


def measures() -> list[Measure]:
    return registry.measures()


def measure(key: str) -> Measure:
    return registry.measure(key)


def _as_figure(measure_: Measure, hundredths) -> Decimal:
    return (Decimal(hundredths or 0) / 100).quantize(Decimal(1).scaleb(-measure_.decimals))


Span = tuple[date | None, date | None]
GROUP_FIELDS = {"unit": "org_unit_id", "day": "day", "key": "key"}


def _keys(key) -> tuple[str, ...] | None:
    """A figure's ``key``: None (every key), one key, or several (their sum: a group of categories)."""
    if key is None:
        return None
    return (key,) if isinstance(key, str) else tuple(key)


def _tallies(spans: dict[str, Span], units, keys: tuple[str, ...] | None):
    """The tally rows of each measure of ``spans`` within its own [start, end]."""
    condition = Q()
    for measure_key, (start, end) in spans.items():
        one = Q(measure=measure_key)
        if start is not None:
            one &= Q(day__gte=start)
        if end is not None:
            one &= Q(day__lte=end)
        condition |= one
    rows = Tally.objects.filter(condition, org_unit_id__in=sorted(set(units)))
    if keys is not None:
        rows = rows.filter(key__in=keys)
    return rows.order_by()


def _live(measure_: Measure, units, start, end, keys, by: str) -> dict:
    counted = count_live(measure_, units=units, start=start, end=end)
    grouped = Counter()
    position = {"unit": 1, "day": 2, "key": 3}.get(by)
    for cell, amount in counted.items():
        if keys is None or cell[3] in keys:
            grouped[cell[position] if position else ""] += amount
    return {group: _as_figure(measure_, amount) for group, amount in grouped.items() if amount}


def grouped(spans: dict[str, Span], *, units, by: str = "", key=None, source: str = TALLY) -> dict:
    """Several measures at once, each over its own (start, end): ``{measure: {group: figure}}``,
    grouped by "unit", "day", "key" or "" (one total, under ""), for the ``key`` or keys given.
    From the tallies in one query however many measures (a page's figures in a few reads)."""
    keys = _keys(key)
    if source == LIVE:
        return {
            measure_key: _live(registry.measure(measure_key), units, start, end, keys, by)
            for measure_key, (start, end) in spans.items()
        }
    found = {measure_key: {} for measure_key in spans}
    if not spans:
        return found
    field = GROUP_FIELDS.get(by)
    columns = ("measure", field) if field else ("measure",)
    for row in _tallies(spans, units, keys).values(*columns).annotate(total=Sum("hundredths")):
        if row["total"]:
            figure_ = _as_figure(registry.measure(row["measure"]), row["total"])
            found[row["measure"]][row[field] if field else ""] = figure_
    return found


def _grouped(measure_key: str, units, start, end, key, by: str, source: str) -> dict:
    """One measure's figures grouped by "unit", "day", "key" or "" (one total)."""
    return grouped({measure_key: (start, end)}, units=units, by=by, key=key, source=source)[measure_key]


def figure(measure_key: str, *, units, start=None, end=None, key=None, source: str = TALLY) -> Decimal:
    """One figure: the measure's sum for ``units`` over [start, end] (for the key, or the sum of
    the keys, given)."""
    total = _grouped(measure_key, units, start, end, key, "", source).get("")
    return total if total is not None else _as_figure(registry.measure(measure_key), 0)


def figures_by_key(measure_key: str, *, units, start=None, end=None, source: str = TALLY) -> dict[str, Decimal]:
    return _grouped(measure_key, units, start, end, None, "key", source)


def figures_by_unit(
    measure_key: str, *, units, start=None, end=None, key=None, source: str = TALLY
) -> dict[int, Decimal]:
    return _grouped(measure_key, units, start, end, key, "unit", source)


def figures_by_day(
    measure_key: str, *, units, start=None, end=None, key=None, source: str = TALLY
) -> dict[date, Decimal]:
    return _grouped(measure_key, units, start, end, key, "day", source)


def records(measure_key: str, *, units, start=None, end=None, key=None) -> list[tuple[int, object]]:
    """The records behind a figure, as (sign, queryset) per part: the caller narrows each
    queryset to what its user may see (``visible_to``) before listing it."""
    measure_ = registry.measure(measure_key)
    found = []
    unit_ids = sorted(set(units))
    keys = _keys(key)
    for part in measure_.parts:
        condition = part.where & Q(**{f"{part.unit}__in": unit_ids}) & day_range(part, start, end)
        if keys is not None and part.key:
            condition &= _any_key(part, keys)
        found.append((part.sign, model_of(part).objects.filter(condition).distinct()))
    return found


def _any_key(part, keys: tuple[str, ...]) -> Q:
    """The records of ``part`` whose key is one of ``keys``."""
    condition = Q(pk__in=[])
    for key in keys:
        one = Q()
        for path, value in zip(part.key, key.split(KEY_SEPARATOR), strict=False):
            one &= Q(**{f"{path}__isnull": True}) if value == "" else Q(**{path: value})
        condition |= one
    return condition
