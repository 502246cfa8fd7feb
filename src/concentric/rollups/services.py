"""Writing the rollups: in the transaction of the records they count, and rebuilt from them.

A service that writes records a measure counts wraps its writes in ``tallies``::

    with tallies(person):            # what the person (and what hangs on it) counts for now
        person.org_unit = other
        person.save()
    # the difference is added to the tallies before the transaction commits

and, for records it creates, hands them over once they exist: ``tracked.add(new_person)``.
Differences are added (``hundredths = hundredths + change``), so concurrent writers never
overwrite each other's counts.
"""

import threading
from collections import Counter
from contextlib import contextmanager

from django.db import connection, transaction

from concentric.core import registry
from concentric.rollups.models import Tally
from concentric.rollups.tally import count_all, count_touching, parts_reached

BATCH = 2000


class Tracked:
    """The records a write touches, and what they counted for before it."""

    def __init__(self, objects):
        self._pks: dict[str, set] = {}
        for obj in objects:
            if obj is not None:
                self._pks.setdefault(obj._meta.label, set()).add(obj.pk)
        self._before = _count(self._pks)

    def add(self, *objects) -> None:
        """Records created inside the block (they counted for nothing before it)."""
        for obj in objects:
            self._pks.setdefault(obj._meta.label, set()).add(obj.pk)

    @property
    def reached(self) -> set:
        return parts_reached(self._pks)

    def apply(self) -> None:
        change = _count(self._pks)
        change.subtract(self._before)
        add_to_tallies(change)


def _count(pks_by_label: dict[str, set]) -> Counter:
    """``count_touching``, in batches when many records of one model are counted (a bulk insert)."""
    if len(pks_by_label) == 1:
        ((label, pks),) = pks_by_label.items()
        pks = sorted(pks)
        counted = Counter()
        for start in range(0, len(pks), BATCH):
            counted.update(count_touching({label: pks[start : start + BATCH]}))
        return counted
    return count_touching(pks_by_label)


_local = threading.local()  # the blocks open in this thread's transaction, outermost first


@contextmanager
def tallies(*objects):
    """Keep the rollups of the records ``objects`` and what hangs on them true across the block;
    must run inside the writing transaction. Blocks may nest (a service calling another) only
    over different measures' records: two blocks counting the same records would count a change
    twice, so that is refused."""
    if not connection.in_atomic_block:
        raise RuntimeError("tallies() keeps rollups in the writing transaction: call it inside one")
    tracked = Tracked(objects)
    open_blocks = _local.__dict__.setdefault("blocks", [])
    open_blocks.append(tracked)
    try:
        yield tracked
        for outer in open_blocks[:-1]:
            shared = outer.reached & tracked.reached
            if shared:
                raise RuntimeError(f"nested tallies() blocks count the same records: {sorted(shared)}")
        tracked.apply()
    finally:
        open_blocks.pop()


def tally_added(label: str, pks) -> None:
    """Count records just inserted in bulk (ids of one model), in the inserting transaction."""
    if not connection.in_atomic_block:
        raise RuntimeError("tally_added() keeps rollups in the writing transaction: call it inside one")
    add_to_tallies(_count({label: set(pks)}))


def add_to_tallies(change: Counter) -> int:
    """Add hundredths to cells (creating them), in one statement per batch: an upsert that adds,
    so two transactions counting the same cell both count. Answers the cells changed."""
    rows = [(measure, unit, day, key, amount) for (measure, unit, day, key), amount in change.items() if amount]
    table = connection.ops.quote_name(Tally._meta.db_table)
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        placeholders = ", ".join(["(%s, %s, %s, %s, %s)"] * len(batch))
        params = [value for row in batch for value in row]
        sql = (
            f"INSERT INTO {table} (measure, org_unit_id, day, key, hundredths) VALUES {placeholders} "  # nosec B608
            "ON CONFLICT (measure, org_unit_id, day, key) "
            f"DO UPDATE SET hundredths = {table}.hundredths + excluded.hundredths"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
    return len(rows)


@transaction.atomic
def rollups_rebuild(*, measures: list[str] | None = None) -> dict[str, int]:
    """Recount the named measures (default: all, and forget the tallies of measures no app
    declares any more) from their records. Answers the cells written per measure."""
    chosen = [registry.measure(key) for key in measures] if measures else registry.measures()
    if not measures:
        Tally.objects.exclude(measure__in=[measure.key for measure in chosen]).delete()
    written = {}
    for measure in chosen:
        Tally.objects.filter(measure=measure.key).delete()
        counted = count_all(measure)
        cells = [
            Tally(measure=key, org_unit_id=unit, day=day, key=part, hundredths=amount)
            for (key, unit, day, part), amount in counted.items()
            if amount
        ]
        Tally.objects.bulk_create(cells, batch_size=BATCH)
        written[measure.key] = len(cells)
    return written


def rollups_differences(*, measures: list[str] | None = None) -> dict[str, int]:
    """How many cells of each measure differ between the tallies and a recount of the records
    (measures that agree are left out)."""
    chosen = [registry.measure(key) for key in measures] if measures else registry.measures()
    differences = {}
    for measure in chosen:
        counted = Counter({cell: amount for cell, amount in count_all(measure).items() if amount})
        kept = Counter(
            {
                (measure.key, row.org_unit_id, row.day, row.key): row.hundredths
                for row in Tally.objects.filter(measure=measure.key).exclude(hundredths=0)
            }
        )
        differing = sum(1 for cell in set(counted) | set(kept) if counted[cell] != kept[cell])
        if differing:
            differences[measure.key] = differing
    return differences


def rollups_count_missing(*, using: str = "default") -> list[str]:
    """Rebuild each measure that has no tally at all (answers their keys)."""
    counted = set(Tally.objects.using(using).values_list("measure", flat=True).distinct())
    missing = [measure.key for measure in registry.measures() if measure.key not in counted]
    if missing:
        rollups_rebuild(measures=missing)
    return missing
