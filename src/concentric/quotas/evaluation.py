"""Judging quota rules: for a unit, its rules and a month, each period the month judges is met
(the figure reached the minimum), missed (it ended short of it) or in progress (not ended and
not yet met). Figures come from the rollups (``rollups.selectors.figures_by_day``), never from
the records. A unit is judged from the day it was created: a period that ended before it is not
judged, and a period it joined part-way counts from that day."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from concentric.core import registry
from concentric.quotas import periods
from concentric.quotas.choices import Period, Status
from concentric.quotas.models import QuotaRule, plain
from concentric.quotas.workdays import WorkCalendar, source_label
from concentric.rollups.selectors import figures_by_day

PERIOD_ORDER = {value: index for index, value in enumerate(Period.values)}


@dataclass
class Judged:
    """One period of a rule for a unit."""

    start: date
    end: date
    label: str
    status: str
    figure: Decimal
    minimum: Decimal
    reason: str = ""
    records_url: str = ""

    def as_dict(self) -> dict:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "label": self.label,
            "status": self.status,
            "figure": plain(self.figure),
            "minimum": plain(self.minimum),
            "reason": self.reason,
            "records_url": self.records_url,
        }


@dataclass
class RuleRow:
    """A rule (or the rules that succeeded one another for a measure and period) in one month."""

    measure: str
    period: str
    title: str
    subtree: bool
    judged: list[Judged] = field(default_factory=list)
    pending: int = 0  # periods of the month not started yet

    @property
    def key(self) -> tuple[str, str]:
        return self.measure, self.period

    def count(self, status: str) -> int:
        return sum(1 for one in self.judged if one.status == status)

    @property
    def missed(self) -> list[Judged]:
        return [one for one in self.judged if one.status == Status.MISSED]

    @property
    def status(self) -> str | None:
        """Missed once a period was missed; in progress while a period is open or to come; met
        when every period was met; None when nothing of the month is judged."""
        if self.count(Status.MISSED):
            return Status.MISSED
        if self.count(Status.IN_PROGRESS) or self.pending:
            return Status.IN_PROGRESS
        return Status.MET if self.judged else None

    def summary(self) -> str:
        """How many of the month's judged periods were met: 18/20."""
        return f"{self.count(Status.MET)}/{len(self.judged)}" if self.judged else "—"

    def as_dict(self, *, periods_too: bool = True) -> dict:
        found = {
            "measure": self.measure,
            "period": self.period,
            "title": self.title,
            "subtree": self.subtree,
            "status": self.status,
            "met": self.count(Status.MET),
            "missed": self.count(Status.MISSED),
            "in_progress": self.count(Status.IN_PROGRESS),
            "judged": len(self.judged),
        }
        if periods_too:
            found["periods"] = [one.as_dict() for one in self.judged]
        return found


def unit_start(unit) -> date:
    """The first day a unit is judged on: the local day it was created."""
    return timezone.localdate(unit.created_at)


def binds(rule: QuotaRule, unit) -> bool:
    """Whether ``rule`` binds ``unit``: the unit's kind is bound and the keeper is the unit, a unit
    above it, or nobody (the whole system)."""
    if unit.kind not in (rule.unit_kinds or []):
        return False
    return rule.org_unit_id is None or unit.path.startswith(rule.org_unit.path)


def rules_for(unit, start: date, end: date, rules=None) -> list[QuotaRule]:
    """The rules applied to ``unit`` in [start, end]: those in force in the span that bind it and
    name a registered measure; for a measure and period bound by several keepers, the nearest
    keeper's rules only (a subdistrict's own rule replaces the system's default)."""
    if rules is None:
        rules = in_force(start, end)
    nearest: dict[tuple, int] = {}
    chosen = []
    for rule in rules:
        if not binds(rule, unit) or not measure_known(rule.measure):
            continue
        if rule.valid_from > end or (rule.valid_until is not None and rule.valid_until < start):
            continue
        depth = rule.org_unit.depth if rule.org_unit_id else -1
        key = (rule.measure, rule.period)
        if depth > nearest.get(key, -2):
            nearest[key] = depth
        chosen.append((key, depth, rule))
    return [rule for key, depth, rule in chosen if depth == nearest[key]]


def in_force(start: date, end: date) -> list[QuotaRule]:
    """Every rule in force at some day of [start, end] (rules are few: read once per board)."""
    return list(
        QuotaRule.objects.filter(valid_from__lte=end)
        .exclude(valid_until__lt=start)
        .select_related("org_unit")
        .order_by("valid_from", "pk")
    )


def measure_known(key: str) -> bool:
    try:
        registry.measure(key)
    except KeyError:
        return False
    return True


def records_url(measure: str, unit, subtree: bool, start: date, end: date) -> str:
    """The records behind a figure (the rollups app's page), or "" while it has none."""
    try:
        base = reverse("rollups:records")
    except NoReverseMatch:
        return ""
    query = {
        "measure": measure,
        "unit": unit.pk,
        "subtree": "1" if subtree else "0",
        "from": start.isoformat(),
        "to": end.isoformat(),
    }
    return f"{base}?{urlencode(query)}"


class Evaluator:
    """Judges rules for units over [start, end] (a board's months): reads the calendar's entries
    once and each unit's daily figures once per measure."""

    def __init__(self, start: date, end: date, *, today: date | None = None, rules=None):
        self.start, self.end = start, end
        self.today = today or timezone.localdate()
        # A week judged in the first month may begin in the month before it (and one in the last
        # month end in the month after it).
        self.calendar = WorkCalendar(start - timedelta(days=7), end + timedelta(days=7))
        self.rules = in_force(start, end) if rules is None else rules
        self._figures: dict[tuple, dict] = {}
        self._subtrees: dict[int, list[int]] = {}

    def calendar_note(self, start: date, end: date) -> dict:
        source = self.calendar.source(start, end)
        adjusted = self.calendar.adjusted(start, end)
        return {"source": source, "adjusted": adjusted, "label": source_label(source, adjusted=adjusted)}

    def unit_ids(self, unit, subtree: bool) -> list[int]:
        if not subtree:
            return [unit.pk]
        if unit.pk not in self._subtrees:
            self._subtrees[unit.pk] = list(
                type(unit)._default_manager.filter(path__startswith=unit.path).values_list("pk", flat=True)
            )
        return self._subtrees[unit.pk]

    def figures(self, measure: str, unit, subtree: bool) -> dict[date, Decimal]:
        key = (measure, unit.pk, subtree)
        if key not in self._figures:
            self._figures[key] = figures_by_day(
                measure,
                units=self.unit_ids(unit, subtree),
                start=self.start - timedelta(days=7),
                end=self.end + timedelta(days=7),
            )
        return self._figures[key]

    def month(self, unit, month: date) -> list[RuleRow]:
        """Each rule row of ``unit`` for ``month``, in the order of the periods (working day first)."""
        first, last = month.replace(day=1), periods.month_end(month)
        rules = rules_for(unit, first - timedelta(days=7), last + timedelta(days=7), self.rules)
        rows: dict[tuple, RuleRow] = {}
        for rule in rules:
            spans = periods.of_month(rule.period, first, self.calendar.workdays)
            row = rows.setdefault(
                (rule.measure, rule.period), RuleRow(rule.measure, rule.period, rule.title(), rule.subtree)
            )
            if rule.valid_from <= last and (rule.valid_until is None or rule.valid_until >= first):
                row.title, row.subtree = rule.title(), rule.subtree  # the rule in force latest in the month
            for span in spans:
                self._judge(unit, rule, row, *span)
        for row in rows.values():
            row.judged.sort(key=lambda one: one.start)
        found = [row for row in rows.values() if row.judged or row.pending]
        return sorted(found, key=lambda row: (PERIOD_ORDER.get(row.period, 99), row.measure))

    def _judge(self, unit, rule: QuotaRule, row: RuleRow, start: date, end: date) -> None:
        span_start = max(start, rule.valid_from, unit_start(unit))
        span_end = min(end, rule.valid_until) if rule.valid_until else end
        if span_start > span_end:
            return  # before the unit existed, or outside the rule's dates
        if span_start > self.today:
            row.pending += 1
            return
        daily = self.figures(rule.measure, unit, rule.subtree)
        total = sum((amount for day, amount in daily.items() if span_start <= day <= span_end), Decimal(0))
        measure = registry.measure(rule.measure)
        total = total.quantize(Decimal(1).scaleb(-measure.decimals))
        label = periods.label(rule.period, start, end)
        if total >= rule.minimum:
            status = Status.MET
        elif span_end >= self.today:
            status = Status.IN_PROGRESS
        else:
            status = Status.MISSED
        reason = ""
        if status != Status.MET:
            values = {"period": label, "measure": measure.label, "figure": plain(total), "minimum": plain(rule.minimum)}
            if measure.kind == "stock":
                reason = _("%(period)s: net increase of %(measure)s short (%(figure)s/%(minimum)s)") % values
            else:
                reason = _("%(period)s: %(measure)s short (%(figure)s/%(minimum)s)") % values
        row.judged.append(
            Judged(
                start=start,
                end=end,
                label=label,
                status=status,
                figure=total,
                minimum=rule.minimum,
                reason=reason,
                # A period still running lists its records up to today, not to its end.
                records_url=records_url(rule.measure, unit, rule.subtree, span_start, min(span_end, self.today)),
            )
        )


def history(evaluator: Evaluator, unit, months: list[date]) -> list[dict]:
    """A row per rule (measure and period) with its status in each of ``months``."""
    cells: dict[tuple, dict] = defaultdict(dict)
    titles: dict[tuple, str] = {}
    for month in months:
        for row in evaluator.month(unit, month):
            cells[row.key][month] = row
            titles[row.key] = row.title
    ordered = sorted(cells, key=lambda key: (PERIOD_ORDER.get(key[1], 99), key[0]))
    return [
        {
            "measure": key[0],
            "period": key[1],
            "title": titles[key],
            "months": [(month, cells[key].get(month)) for month in months],
        }
        for key in ordered
    ]
