"""Reads of volunteer service, always in the user's scope: the entries that count (approved and
in force), the totals per unit and person over a period, and a person's lines for a certificate.

Sessions are the held activities of a volunteer service type; person-times the approved entries
in force at those activities; hours their sum. Unapproved hours count nowhere."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from concentric.activities.choices import ActivityStatus, HoursStatus
from concentric.activities.models import Activity, VolunteerHours
from concentric.core.scoping import Action
from concentric.people.selectors import person_list


@dataclass(frozen=True)
class Totals:
    sessions: int
    person_times: int
    hours: Decimal


ONE_PLACE = Decimal("0.1")


def as_hours(value) -> Decimal:
    """A sum of hours with its one decimal place, whatever the database answered (SQLite drops it)."""
    return Decimal(value or 0).quantize(ONE_PLACE)


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def period_filter(prefix: str, start: date | None, end: date | None) -> Q:
    """Activities (through ``prefix``) that start within [start, end], local dates."""
    condition = Q()
    if start is not None:
        condition &= Q(**{f"{prefix}starts_at__gte": _start_of(start)})
    if end is not None:
        condition &= Q(**{f"{prefix}starts_at__lt": _start_of(end + timedelta(days=1))})
    return condition


def sessions(user, *, start=None, end=None, unit=None, action: Action = Action.VIEW):
    """Held volunteer service activities the user may see, in the period (and unit subtree)."""
    found = Activity.objects.visible_to(user, action).filter(
        period_filter("", start, end), status=ActivityStatus.HELD, type__is_volunteering=True
    )
    if unit is not None:
        found = found.filter(org_unit__path__startswith=unit.path)
    return found


def counted_hours(user, *, start=None, end=None, unit=None, person_id=None, action: Action = Action.VIEW):
    """The approved entries in force, at the sessions the user may see."""
    found = VolunteerHours.objects.visible_to(user, action).filter(
        period_filter("participant__activity__", start, end),
        status=HoursStatus.APPROVED,
        is_current=True,
        participant__activity__status=ActivityStatus.HELD,
        participant__activity__type__is_volunteering=True,
    )
    if unit is not None:
        found = found.filter(participant__activity__org_unit__path__startswith=unit.path)
    if person_id is not None:
        found = found.filter(participant__person_id=person_id)
    return found


def totals(user, *, start=None, end=None, unit=None) -> Totals:
    hours = counted_hours(user, start=start, end=end, unit=unit).aggregate(n=Count("id"), total=Sum("hours"))
    return Totals(
        sessions=sessions(user, start=start, end=end, unit=unit).count(),
        person_times=hours["n"],
        hours=as_hours(hours["total"]),
    )


@dataclass(frozen=True)
class UnitTotals:
    unit_id: int
    unit_name: str
    sessions: int
    person_times: int
    hours: Decimal

    @property
    def pk(self) -> int:
        return self.unit_id


def totals_by_unit(user, *, start=None, end=None, unit=None) -> list[UnitTotals]:
    """One row per organising unit with sessions or counted hours, by unit path."""
    names: dict[int, tuple[str, str]] = {}
    session_counts = {}
    for row in (
        sessions(user, start=start, end=end, unit=unit)
        .values("org_unit", "org_unit__name", "org_unit__path")
        .annotate(n=Count("id"))
        .order_by()
    ):
        names[row["org_unit"]] = (row["org_unit__path"], row["org_unit__name"])
        session_counts[row["org_unit"]] = row["n"]
    owner = "participant__activity__org_unit"
    hour_rows = {}
    for row in (
        counted_hours(user, start=start, end=end, unit=unit)
        .values(owner, f"{owner}__name", f"{owner}__path")
        .annotate(n=Count("id"), total=Sum("hours"))
        .order_by()
    ):
        names[row[owner]] = (row[f"{owner}__path"], row[f"{owner}__name"])
        hour_rows[row[owner]] = row
    ordered = sorted(names.items(), key=lambda item: item[1][0])
    return [
        UnitTotals(
            unit_id=unit_id,
            unit_name=name,
            sessions=session_counts.get(unit_id, 0),
            person_times=hour_rows.get(unit_id, {}).get("n", 0),
            hours=as_hours(hour_rows.get(unit_id, {}).get("total")),
        )
        for unit_id, (_path, name) in ordered
    ]


@dataclass(frozen=True)
class PersonTotals:
    person_id: int
    name: str
    unit_name: str
    person_times: int
    hours: Decimal

    @property
    def pk(self) -> int:
        return self.person_id


def totals_by_person(user, *, start=None, end=None, unit=None, action: Action = Action.VIEW) -> list[PersonTotals]:
    """Members with counted hours, most hours first (guests have no totals of their own).
    ``action=Action.ADD``: only the hours the user's own units recorded, of members the user sees
    (what the user may certify: 谁记录谁证明; a co-organiser sees more than it may certify)."""
    found = counted_hours(user, start=start, end=end, unit=unit, action=action)
    if action != Action.VIEW:
        found = found.filter(participant__person__in=person_list(user=user).values("pk"))
    rows = (
        found.filter(participant__person__isnull=False)
        .values("participant__person", "participant__person__name", "participant__person__org_unit__name")
        .annotate(n=Count("id"), total=Sum("hours"))
        .order_by("-total", "participant__person")
    )
    return [
        PersonTotals(
            row["participant__person"],
            row["participant__person__name"],
            row["participant__person__org_unit__name"],
            row["n"],
            as_hours(row["total"]),
        )
        for row in rows
    ]


def certificate_lines(user, *, person_id: int, unit, start: date, end: date) -> list[dict]:
    """The person's counted entries at activities the unit's subtree organised, in the period,
    as a certificate keeps them: date, activity, content, hours (text, exact)."""
    entries = (
        counted_hours(user, start=start, end=end, unit=unit, person_id=person_id, action=Action.VIEW)
        .select_related("participant__activity__type", "participant__activity__org_unit")
        .order_by("participant__activity__starts_at", "id")
    )
    return [
        {
            "date": timezone.localdate(entry.participant.activity.starts_at).isoformat(),
            "activity": entry.participant.activity.title,
            "content": _content_of(entry.participant.activity),
            "unit": entry.participant.activity.org_unit.name,
            "hours": str(entry.hours),
        }
        for entry in entries
    ]


def _content_of(activity) -> str:
    summary = " ".join(activity.description.split())
    text = f"{activity.type.name}：{summary}" if summary else activity.type.name
    return text if len(text) <= 60 else text[:59] + "…"


def person_hours(user, person_id: int) -> list[dict]:
    """The member's counted hours per activity (the member page's panel), newest first."""
    entries = (
        counted_hours(user, person_id=person_id)
        .select_related("participant__activity")
        .order_by("-participant__activity__starts_at", "-id")
    )
    return [
        {
            "activity": entry.participant.activity,
            "date": timezone.localdate(entry.participant.activity.starts_at),
            "hours": entry.hours,
        }
        for entry in entries
    ]
