"""The dashboard's figures read from the rollups against the same figures counted live from the
records (rollups.selectors with source=LIVE): the p95 of each over the measured user's unit and
this year, as a ratio (target: the rollups at most 1/20 of the live count).

Participation is seeded in bulk beside the registry: held activities in the bench's units this
year, each with ``PER_ACTIVITY`` attending members, written as plain rows (COPY on PostgreSQL),
then the rollups are rebuilt once (the bench's seeding writes no tallies as it goes).
"""

import gc
import random
import time
from datetime import datetime, timedelta
from datetime import time as clock

from django.db import connection, transaction
from django.test.utils import override_settings
from django.utils import timezone

from concentric.activities.choices import ActivityStatus
from concentric.activities.models import Activity, ActivityType, Participant
from concentric.benchmark import measure
from concentric.benchmark.report import HIGHER, Figure
from concentric.core.heap import prepare_for_requests
from concentric.dashboard.figures import dashboard
from concentric.people.bulk_write import insert_rows
from concentric.people.models import Person
from concentric.rollups.selectors import LIVE, TALLY
from concentric.rollups.services import rollups_rebuild

TARGET = 1 / 20
PER_ACTIVITY = 50
BATCH = 20_000
TYPE_NAME = "基准测试活动"


def _row(model, values: dict) -> tuple[list[str], tuple]:
    """Every concrete column of ``model`` but its id: ``values``, else the field's default."""
    columns, row = [], []
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        if field.attname in values:
            value = values[field.attname]
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = timezone.now()
        else:
            value = field.get_default()
        columns.append(field.column)
        row.append(field.get_db_prep_value(value, connection) if value is not None else None)
    return columns, tuple(row)


def seed_participation(units: list, rows: int, seed_value: int, advance=None) -> dict:
    """Held activities this year in ``units`` with ``rows`` attending participants in all; a
    previous run's seeding is kept when whole, else (an interrupted run) written again."""
    if rows <= 0:
        return {}
    seeded = Participant.objects.filter(activity__title__startswith=TYPE_NAME)
    if seeded.count() == rows:
        return {}
    wipe()
    started = time.perf_counter()
    chance = random.Random(seed_value)  # nosec B311  # synthetic bench data, the same every run: nothing secret
    kind, _created = ActivityType.objects.get_or_create(name=TYPE_NAME)
    people = list(Person.objects.order_by("pk").values_list("pk", flat=True))
    if len(people) < PER_ACTIVITY:
        return {}
    today = timezone.localdate()
    first = today.replace(month=1, day=1)
    days = max((today - first).days, 1)
    count = -(-rows // PER_ACTIVITY)
    now = timezone.now()
    written = 0
    analysed = 0
    for start in range(0, count, BATCH // PER_ACTIVITY):
        size = min(BATCH // PER_ACTIVITY, count - start)
        with transaction.atomic():
            activities = []
            for index in range(start, start + size):
                day = first + timedelta(days=chance.randrange(days))
                starts_at = timezone.make_aware(datetime.combine(day, clock(9 + index % 8)))
                activities.append(
                    Activity(
                        org_unit=units[index % len(units)],
                        title=f"{TYPE_NAME}{index}",
                        type=kind,
                        starts_at=starts_at,
                        ends_at=starts_at + timedelta(hours=2),
                        status=ActivityStatus.HELD,
                        created_at=now,
                        updated_at=now,
                    )
                )
            ids = [activity.pk for activity in Activity.objects.bulk_create(activities)]
            analysed = _analyse_when_doubled(start + size, analysed)
            if any(pk is None for pk in ids):  # engines that answer no ids from a bulk insert
                ids = list(
                    Activity.objects.filter(title__in=[a.title for a in activities])
                    .order_by("pk")
                    .values_list("pk", flat=True)
                )
            # One row prepared as the fields would write it; each participant changes two columns.
            columns, template = _row(Participant, {"activity_id": 0, "person_id": 0, "attended": True})
            at_activity, at_person = columns.index("activity_id"), columns.index("person_id")
            plain = []
            for offset, activity_id in enumerate(ids):
                base = (start + offset) * PER_ACTIVITY
                for j in range(min(PER_ACTIVITY, rows - base)):
                    row = list(template)
                    row[at_activity], row[at_person] = activity_id, people[(base + j) % len(people)]
                    plain.append(tuple(row))
            insert_rows(Participant._meta.db_table, columns, plain)
            written += len(plain)
        if advance:
            advance(len(plain))
    return {"participation_rows": written, "activities": count, "seconds": round(time.perf_counter() - started, 2)}


def _analyse_when_doubled(activities: int, analysed: int) -> int:
    """PostgreSQL checks each participant's foreign key with a plan kept for the connection's
    life and made from the statistics of its first use: planned over an empty activities table,
    it reads the whole table for each row (a batch's commit took 30 s at 24 000 activities).
    Fresh statistics replace the plan; taken each time the table has doubled, they cost little."""
    if connection.vendor != "postgresql" or activities < 2 * max(analysed, BATCH // PER_ACTIVITY // 2):
        return analysed
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {connection.ops.quote_name(Activity._meta.db_table)}")
    return activities


def rebuild() -> dict:
    """The rollups recounted from the records (the bench's seeding writes no tallies as it goes)."""
    started = time.perf_counter()
    rollups_rebuild()
    return {"rollups_rebuild_seconds": round(time.perf_counter() - started, 2)}


def wipe() -> None:
    """The seeded activities and their participants (before the bench's units go)."""
    with transaction.atomic():
        activities = Activity.objects.filter(title__startswith=TYPE_NAME)
        Participant.objects.filter(activity__in=activities)._raw_delete(connection.alias)
        activities._raw_delete(connection.alias)
        ActivityType.objects.filter(name=TYPE_NAME, activities__isnull=True).delete()


def time_figures(user, unit, samples: int) -> dict[str, float]:
    """p95 (ms) of the dashboard's figures from the rollups and counted live, taken in turn, as
    the served application computes them (the pages' conditions: the collector prepared as
    concentric.wsgi does, Django's SQL debug log off)."""
    year = timezone.localdate().year
    timings = {TALLY: [], LIVE: []}
    threshold = gc.get_threshold()
    prepare_for_requests()
    try:
        with override_settings(DEBUG=False):
            for source in timings:  # warm up
                dashboard(user, unit, year, source)
            for _ in range(samples):
                for source, found in timings.items():
                    started = time.perf_counter()
                    dashboard(user, unit, year, source)
                    found.append((time.perf_counter() - started) * 1000)
    finally:
        gc.set_threshold(*threshold)
    return {source: measure.p95(found) for source, found in timings.items()}


def figures(user, unit, samples: int, seeding: dict) -> list[Figure]:
    p95 = time_figures(user, unit, samples)
    year = timezone.localdate().year
    same = dashboard(user, unit, year, TALLY) == dashboard(user, unit, year, LIVE)
    detail = {"samples": samples, "unit": unit.code, "year": year, **seeding}
    return [
        Figure("dashboard_rollups_p95_vs_live", p95[TALLY], p95[LIVE], TARGET, detail=detail),
        Figure("dashboard_rollups_equal_live", 1.0 if same else 0.0, 1.0, 1.0, better=HIGHER, unit="bool"),
    ]
