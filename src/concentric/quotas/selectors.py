"""Reads of the quotas app for pages, the API and other apps (the dashboard's ``minimum_for``)."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from concentric.core.scoping import Action
from concentric.org.selectors import units_where
from concentric.quotas import periods
from concentric.quotas.choices import Period
from concentric.quotas.evaluation import Evaluator, RuleRow, history, in_force, rules_for
from concentric.quotas.models import QuotaRule
from concentric.quotas.workdays import WorkCalendar

HISTORY_MONTHS = 12


def rules_visible(user, action: Action = Action.VIEW):
    return QuotaRule.objects.visible_to(user, action)


def minimum_for(*, unit, measure: str, period: str, on: date) -> Decimal | None:
    """The minimum the rule in force on ``on`` sets for ``unit``'s ``measure`` in each ``period``
    ("workday", "week", "month", "quarter", "year"); None when no rule binds it."""
    found = [rule for rule in rules_for(unit, on, on) if rule.measure == measure and rule.period == period]
    return max((rule.minimum for rule in found), default=None)


def minimums_between(
    *, unit, measures: tuple[str, ...], start: date, end: date, kinds: tuple[str, ...] = tuple(Period.values)
) -> dict[str, dict[str, dict[date, Decimal | None]]]:
    """``minimum_for`` of each of ``measures`` and each period of ``kinds`` on each day of
    [start, end] (both included): ``{measure: {period: {day: minimum or None}}}``, the rules read
    once (one query however long the span, however many measures and kinds: the dashboard's
    weekly quota lines)."""
    read = in_force(start, end)
    return {measure: _minimums(unit, measure, start, end, kinds, read) for measure in measures}


def _minimums(unit, measure: str, start: date, end: date, kinds: tuple[str, ...], read: list) -> dict:
    rules = [rule for rule in read if rule.measure == measure and rule.period in kinds]
    found: dict[str, dict[date, Decimal | None]] = {period: {} for period in kinds}
    # The rules in force change only on a rule's first day and the day after its last.
    changes = {start} | {rule.valid_from for rule in rules}
    changes |= {rule.valid_until + timedelta(days=1) for rule in rules if rule.valid_until is not None}
    minimums: dict[str, Decimal | None] = {}
    day = start
    while day <= end:
        if day in changes:
            chosen = rules_for(unit, day, day, rules) if rules else []
            minimums = {
                period: max((rule.minimum for rule in chosen if rule.period == period), default=None)
                for period in kinds
            }
        for period in kinds:
            found[period][day] = minimums[period]
        day += timedelta(days=1)
    return found


def workdays_between(start: date, end: date) -> list[date]:
    """The working days of [start, end] (both included) by the calendar the boards judge with:
    the official holidays and make-up days where chinese-calendar knows the year, Monday to
    Friday otherwise, and the days administrators entered in both cases. One query."""
    return WorkCalendar(start, end).workdays(start, end)


def board_units(user):
    """The active units whose boards ``user`` may open: those of the user's roles that read quota
    rules, with everything below them, in tree order."""
    return units_where(user, Action.VIEW, QuotaRule)


@dataclass
class Board:
    unit: object
    month: date
    calendar: dict
    rows: list[RuleRow]
    children: list[tuple[object, dict]]  # (child unit, {(measure, period): RuleRow})
    child_columns: list[tuple[tuple[str, str], str]]  # ((measure, period), title)
    history: list[dict]
    months: list[date]

    def as_dict(self) -> dict:
        def unit_dict(unit):
            return {"id": unit.pk, "code": unit.code, "name": unit.name, "kind": unit.kind}

        return {
            "unit": unit_dict(self.unit),
            "month": self.month.strftime("%Y-%m"),
            "calendar": self.calendar,
            "rules": [row.as_dict() for row in self.rows],
            "children": [
                {"unit": unit_dict(child), "rules": [row.as_dict(periods_too=False) for row in rows.values()]}
                for child, rows in self.children
            ],
            "history": [
                {
                    "measure": line["measure"],
                    "period": line["period"],
                    "title": line["title"],
                    "months": [
                        {"month": month.strftime("%Y-%m"), "status": row.status if row is not None else None}
                        for month, row in line["months"]
                    ],
                }
                for line in self.history
            ],
        }


def board(*, user, unit, month: date, today: date | None = None) -> Board:
    """The compliance board of ``unit`` (one the user may open: ``board_units``) for ``month``:
    its own rules, its children's side by side, and the last twelve months of its own."""
    month = month.replace(day=1)
    months = [periods.add_months(month, offset) for offset in range(1 - HISTORY_MONTHS, 1)]
    evaluator = Evaluator(months[0], periods.month_end(month), today=today or timezone.localdate())
    rows = evaluator.month(unit, month)
    children_units = list(board_units(user).filter(parent=unit))
    children = [(child, {row.key: row for row in evaluator.month(child, month)}) for child in children_units]
    columns: dict[tuple, str] = {}
    for _child, child_rows in children:
        for key, row in child_rows.items():
            columns.setdefault(key, row.title)
    ordered = sorted(columns.items(), key=lambda item: ([row.key for row in rows] + list(columns)).index(item[0]))
    return Board(
        unit=unit,
        month=month,
        calendar=evaluator.calendar_note(month, periods.month_end(month)),
        rows=rows,
        children=children,
        child_columns=ordered,
        history=history(evaluator, unit, months),
        months=months,
    )


def this_month_missed(unit, month: date) -> int:
    """How many periods of ``unit``'s rules were missed so far in ``month`` (the home card)."""
    evaluator = Evaluator(month, periods.month_end(month))
    return sum(len(row.missed) for row in evaluator.month(unit, month))
