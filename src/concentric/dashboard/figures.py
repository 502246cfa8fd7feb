"""The dashboard's figures for a unit (with the units below it in the user's scope) and a year,
read from the rollups only (rollups.selectors, source=TALLY): the same function with
source=LIVE computes them from the records (the bench compares the two).

Each chart is a plain dict, the same for the page (ECharts draws it), its table, its export and
the JSON API: ``categories`` (the x axis or the slices), ``series`` (name, type, values, axis),
and ``table`` (column labels, rows of cells, and per row the address of the records behind it).
"""

from bisect import bisect_right
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cached_property
from urllib.parse import quote_plus

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from concentric.dashboard import quota
from concentric.rollups import selectors
from concentric.rollups.selectors import TALLY

# The figures of the headline cards and of the table per child unit, in order (a stock measure
# at the period's end, the others over the period: ``Figures.span``).
HEADLINE = (
    "members",
    "members_registered",
    "activities_held",
    "participation",
    "items_published",
    "volunteer_hours",
    "donations_money",
)
# The measures drawn week by week against their quota.
WEEKLY = ("activities_held", "items_published")
# The measures the charts break down by key, and those they draw day by day within the year.
BY_KEY = ("members", "members_by_stage", "donations_goods")
BY_DAY = (
    "members",
    "activities_held",
    "items_published",
    "participation",
    "volunteer_sessions",
    "volunteer_person_times",
    "volunteer_hours",
    "donations_money",
)


@dataclass(frozen=True)
class Period:
    year: int
    start: date
    end: date  # the last day counted: 31 December, or today in the current year

    @classmethod
    def of(cls, year: int) -> "Period":
        today = timezone.localdate()
        last = date(year, 12, 31)
        return cls(year, date(year, 1, 1), min(last, today) if year == today.year else last)

    def months(self) -> list[tuple[date, date]]:
        return [
            (date(self.year, month, 1), date(self.year, month, monthrange(self.year, month)[1]))
            for month in range(1, self.end.month + 1)
        ]

    def weeks(self) -> list[tuple[date, date]]:
        """Monday-to-Sunday weeks touching the period, each cut to the period."""
        monday = self.start - timedelta(days=self.start.weekday())
        weeks = []
        while monday <= self.end:
            weeks.append((max(monday, self.start), min(monday + timedelta(days=6), self.end)))
            monday += timedelta(days=7)
        return weeks


def number(value: Decimal, decimals: int):
    """A figure as JSON carries it: an integer, or a float with the measure's decimals."""
    return int(value) if decimals == 0 else float(round(value, decimals))


def summed(days: dict[date, Decimal], spans: list[tuple[date, date]]) -> list[Decimal]:
    """The sum of the daily figures ``days`` within each of ``spans`` (in order, not overlapping):
    one pass over the days, not one per span."""
    starts = [first for first, _last in spans]
    totals = [Decimal(0)] * len(spans)
    for day, value in days.items():
        index = bisect_right(starts, day) - 1
        if index >= 0 and day <= spans[index][1]:
            totals[index] += value
    return totals


def shown(value: Decimal, decimals: int) -> str:
    return f"{value:,.{decimals}f}"


class Figures:
    """The figures of one unit's subtree for one period, as one user may read them."""

    def __init__(self, user, unit, period: Period, source: str = TALLY):
        self.user, self.unit, self.period, self.source = user, unit, period, source
        # The unit and the units below it that the user may read, in tree order: read once for
        # the figures (their ids) and the table per child unit.
        self.subtree = list(selectors.scope_units(user).filter(path__startswith=unit.path).order_by("path"))
        self.units = [one.pk for one in self.subtree]
        self._available = {measure.key: measure for measure in selectors.measures()}
        self._records = reverse("rollups:records")

    # --- reading ---------------------------------------------------------------------------

    def has(self, key: str) -> bool:
        return key in self._available

    def measure(self, key: str):
        return self._available[key]

    def span(self, key: str) -> dict:
        """The period a measure's figure covers: its stock at the end, or its flow over the year."""
        if self.measure(key).kind == "stock":
            return {"end": self.period.end}
        return {"start": self.period.start, "end": self.period.end}

    def _read(self, keys, by: str, span=None) -> dict:
        """The figures of the available ``keys`` grouped ``by``, each over its span (``span`` for
        all when given): one read of the rollups for them all."""
        spans = {}
        for key in keys:
            if self.has(key):
                chosen = span or self.span(key)
                spans[key] = (chosen.get("start"), chosen.get("end"))
        return selectors.grouped(spans, units=self.units, by=by, source=self.source)

    # Each grouping is read once for every measure the page shows that way (three reads in all).
    @cached_property
    def _per_unit(self) -> dict:
        return self._read(HEADLINE, "unit")

    @cached_property
    def _per_key(self) -> dict:
        return self._read(BY_KEY, "key")

    @cached_property
    def _per_day(self) -> dict:
        return self._read(BY_DAY, "day", {"start": self.period.start, "end": self.period.end})

    def total(self, key: str) -> Decimal:
        """A headline measure's figure over its span, for the whole subtree."""
        return sum(self._per_unit[key].values(), Decimal(0))

    def by_key(self, key: str) -> dict:
        return self._per_key[key]

    def by_day(self, key: str) -> dict:
        """A measure's daily figures within the year (a stock's daily changes)."""
        return self._per_day[key]

    def by_unit(self, key: str) -> dict:
        return self._per_unit[key]

    def records_url(self, key: str, *, start=None, end=None, record_key=None, unit=None) -> str:
        # Formatted here rather than by urlencode: a year's page links about 180 records lists.
        query = f"measure={quote_plus(key)}&unit={(unit or self.unit).pk}&subtree=1"
        span = self.span(key) if start is None and end is None else {"start": start, "end": end}
        if span.get("start"):
            query += f"&from={span['start'].isoformat()}"
        if span.get("end"):
            query += f"&to={span['end'].isoformat()}"
        if record_key is not None:
            query += f"&key={quote_plus(str(record_key))}"
        return f"{self._records}?{query}"

    # --- the dashboard ---------------------------------------------------------------------

    def headline(self) -> list[dict]:
        cards = []
        for key in HEADLINE:
            if not self.has(key):
                continue
            measure = self.measure(key)
            value = self.total(key)
            cards.append(
                {
                    "measure": key,
                    "label": str(measure.label),
                    "value": number(value, measure.decimals),
                    "shown": shown(value, measure.decimals),
                    "unit_label": str(measure.unit_label),
                    "url": self.records_url(key),
                }
            )
        return cards

    def charts(self) -> list[dict]:
        builders = (
            self.members_by_category,
            self.members_by_stage,
            self.growth,
            self.activities_by_week,
            self.items_by_week,
            self.participation,
            self.volunteering,
            self.donations_money,
            self.donations_goods,
            self.children,
        )
        return [chart for chart in (build() for build in builders) if chart is not None]

    def _by_key_chart(self, slug: str, key: str, title: str, kind: str) -> dict | None:
        if not self.has(key):
            return None
        measure = self.measure(key)
        figures = {k: v for k, v in self.by_key(key).items() if v}
        names = measure.names_of(list(figures))
        # In the measure's own order where it has one (the path's stages), else the largest first.
        if measure.key_order:
            ordered = measure.ordered(figures)
        else:
            ordered = sorted(figures, key=lambda k: (-figures[k], names[k]))
        values = [number(figures[k], measure.decimals) for k in ordered]
        return {
            "slug": slug,
            "title": title,
            "kind": kind,
            "unit_label": str(measure.unit_label),
            "categories": [names[k] for k in ordered],
            "series": [{"name": str(measure.label), "type": "pie" if kind == "pie" else "bar", "data": values}],
            "table": {
                "columns": [str(measure.key_label) or _("Breakdown"), str(measure.label)],
                "rows": [[names[k], number(figures[k], measure.decimals)] for k in ordered],
                "decimals": [None, measure.decimals],
                "links": [self.records_url(key, record_key=k) for k in ordered],
            },
        }

    def members_by_category(self):
        return self._by_key_chart("members_by_category", "members", _("Members by main category"), "pie")

    def members_by_stage(self):
        return self._by_key_chart("members_by_stage", "members_by_stage", _("Members by stage of their path"), "bar")

    def growth(self):
        if not self.has("members"):
            return None
        days = self.by_day("members")
        # The register before the year: the stock at its end less the year's daily changes.
        before = self.total("members") - sum(days.values(), Decimal(0))
        labels, increases, totals, rows, links = [], [], [], [], []
        running = before
        months = self.period.months()
        for (first, last), increase in zip(months, summed(days, months), strict=True):
            running += increase
            label = _("Month %(month)d") % {"month": first.month}
            labels.append(label)
            increases.append(number(increase, 0))
            totals.append(number(running, 0))
            rows.append([label, number(increase, 0), number(running, 0)])
            links.append(self.records_url("members", start=first, end=last))
        return {
            "slug": "growth",
            "title": _("Growth by month"),
            "kind": "bar",
            "unit_label": str(self.measure("members").unit_label),
            "categories": labels,
            "series": [
                {"name": _("Net increase"), "type": "bar", "data": increases},
                {"name": _("Members on the register"), "type": "line", "data": totals, "axis": 1},
            ],
            "table": {
                "columns": [_("Month"), _("Net increase"), _("Members on the register")],
                "rows": rows,
                "decimals": [None, 0, 0],
                "links": links,
            },
        }

    @cached_property
    def workdays(self) -> set[date]:
        """The working days of the period (the quotas app's calendar), read once for both charts."""
        return quota.workdays_between(self.period.start, self.period.end)

    @cached_property
    def weekly_minimums(self) -> dict:
        """Each week's quota minimum of the weekly charts' measures, the rules read once for both."""
        return quota.weekly_minimums(self.unit, WEEKLY, self.period.weeks(), self.workdays)

    def _weekly(self, slug: str, key: str, title: str) -> dict | None:
        if not self.has(key):
            return None
        measure = self.measure(key)
        days = self.by_day(key)
        weeks = self.period.weeks()
        labels, values, minimums, rows, links = [], [], [], [], []
        minimums_of = self.weekly_minimums[key]
        for (first, last), value, minimum in zip(weeks, summed(days, weeks), minimums_of, strict=True):
            label = first.strftime("%m-%d")
            labels.append(label)
            values.append(number(value, measure.decimals))
            minimums.append(number(minimum, 0) if minimum is not None else None)
            # No met/missed here: the figure is the unit's and its subtree's, while a quota judges
            # each unit's own records from its creation. The quota board gives the one judgement.
            rows.append(
                [
                    f"{first:%Y-%m-%d} – {last:%m-%d}",
                    number(value, measure.decimals),
                    None if minimum is None else number(minimum, 0),
                ]
            )
            links.append(self.records_url(key, start=first, end=last))
        series = [{"name": str(measure.label), "type": "bar", "data": values}]
        if any(m is not None for m in minimums):
            series.append({"name": _("Minimum (quota)"), "type": "line", "data": minimums, "step": True})
        return {
            "slug": slug,
            "title": title,
            "kind": "bar",
            "unit_label": str(measure.unit_label),
            "note": _(
                "The unit and the units below it, against the unit's own minimum; whether each unit met "
                "its quota is judged on the quota board:"
            ),
            "categories": labels,
            "series": series,
            "table": {
                "columns": [_("Week"), str(measure.label), _("Minimum (quota)")],
                "rows": rows,
                "decimals": [None, measure.decimals, 0],
                "links": links,
            },
        }

    def activities_by_week(self):
        return self._weekly("activities_by_week", "activities_held", _("Activities by week against the quota"))

    def items_by_week(self):
        return self._weekly("items_by_week", "items_published", _("Items published by week against the quota"))

    def _monthly(self, slug: str, title: str, keys: list[str]) -> dict | None:
        keys = [key for key in keys if self.has(key)]
        if not keys:
            return None
        # A year with none of these figures draws no flat line at zero: the card says there are none.
        months = self.period.months() if any(any(self.by_day(key).values()) for key in keys) else []
        series, columns = [], [_("Month")]
        per_key = {}
        for key in keys:
            measure = self.measure(key)
            days = self.by_day(key)
            per_key[key] = summed(days, months)
            series.append(
                {
                    "name": str(measure.label),
                    "type": "line" if measure.decimals and len(keys) > 1 else "bar",
                    "data": [number(v, measure.decimals) for v in per_key[key]],
                    **({"axis": 1} if measure.decimals and len(keys) > 1 else {}),
                }
            )
            columns.append(str(measure.label))
        rows = [
            [_("Month %(month)d") % {"month": first.month}]
            + [number(per_key[key][i], self.measure(key).decimals) for key in keys]
            for i, (first, _last) in enumerate(months)
        ]
        return {
            "slug": slug,
            "title": title,
            "kind": "bar",
            "unit_label": " / ".join(str(self.measure(key).unit_label) for key in keys),
            "categories": [row[0] for row in rows],
            "series": series,
            "table": {
                "columns": columns,
                "rows": rows,
                "decimals": [None] + [self.measure(key).decimals for key in keys],
                "links": [self.records_url(keys[0], start=first, end=last) for first, last in months],
            },
        }

    def participation(self):
        return self._monthly("participation", _("Participation by month"), ["participation"])

    def volunteering(self):
        return self._monthly(
            "volunteering",
            _("Volunteer service by month"),
            ["volunteer_sessions", "volunteer_person_times", "volunteer_hours"],
        )

    def donations_money(self):
        return self._monthly("donations_money", _("Donations of money by month"), ["donations_money"])

    def donations_goods(self):
        return self._by_key_chart("donations_goods", "donations_goods", _("Donated goods by kind"), "bar")

    def children(self) -> dict | None:
        """Each child unit (with the units below it) side by side: a table and a bar chart."""
        children = [one for one in self.subtree if one.parent_id == self.unit.pk]
        if not children:
            return None
        keys = [key for key in HEADLINE if self.has(key)]
        by_unit = {key: self.by_unit(key) for key in keys}
        paths = {one.pk: one.path for one in self.subtree}
        totals = {child.pk: dict.fromkeys(keys, Decimal(0)) for child in children}
        for key in keys:
            for unit_id, value in by_unit[key].items():
                path = paths.get(unit_id, "")
                for child in children:
                    if path.startswith(child.path):
                        totals[child.pk][key] += value
                        break
        chart_keys = [key for key in ("members", "members_registered", "activities_held") if key in keys]
        return {
            "slug": "children",
            "title": _("Per unit below"),
            "kind": "bar",
            "unit_label": "",
            "categories": [child.name for child in children],
            "series": [
                {
                    "name": str(self.measure(key).label),
                    "type": "bar",
                    "data": [number(totals[child.pk][key], self.measure(key).decimals) for child in children],
                }
                for key in chart_keys
            ],
            "table": {
                "columns": [_("Unit")] + [str(self.measure(key).label) for key in keys],
                "rows": [
                    [child.name] + [number(totals[child.pk][key], self.measure(key).decimals) for key in keys]
                    for child in children
                ],
                "decimals": [None] + [self.measure(key).decimals for key in keys],
                "links": [self.records_url(keys[0], unit=child) for child in children],
            },
        }


def dashboard(user, unit, year: int, source: str = TALLY) -> dict:
    """Everything the dashboard shows for ``unit`` (and the units below it in the user's scope)."""
    figures = Figures(user, unit, Period.of(year), source)
    return {
        "unit": {"id": unit.pk, "name": unit.name},
        "year": year,
        "start": figures.period.start.isoformat(),
        "end": figures.period.end.isoformat(),
        "headline": figures.headline(),
        "charts": figures.charts(),
    }
