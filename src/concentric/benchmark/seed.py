"""Writing a synthetic registry straight to the database, in bulk.

This bypasses the services on purpose (a million audited single inserts would take hours), but
not what the model fields write: people go through ``people.bulk_write.PersonWriter``, the
import's own writer, which prepares each value as its field does, so ciphertext and blind indexes
are exactly what the services would write. Search tokens come from ``people.search.tokens_for``
and the pinyin keys from ``people.search.pinyin_keys``.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

from django.db import connection, models, transaction
from django.utils import timezone

from concentric.accounts.models import RoleAssignment, User
from concentric.core.roles import Role
from concentric.org.models import OrgUnit
from concentric.people.bulk_write import NewPerson, PersonWriter, insert_rows
from concentric.people.models import (
    Category,
    DuplicateCase,
    PathEvent,
    Person,
    PersonSearchToken,
    Tag,
)
from concentric.people.search import pinyin_keys
from concentric.people.synthetic.generator import PersonRow, RegistryGenerator, UnitSpec
from concentric.people.synthetic.names import TAGS
from concentric.rollups.models import Tally

BATCH = 2000
ROOT_CODE = "bench"
STAFF_USERNAME = "bench_staff"
STAFF_UNIT = "bench-s1"
_NAME_CACHE_LIMIT = 200_000


@dataclass
class SeedMarker:
    """What a previous seed was, recorded in the bench root unit's address."""

    seed: int
    members: int

    def encode(self) -> str:
        return f"bench seed={self.seed} members={self.members}"

    @classmethod
    def decode(cls, text: str) -> "SeedMarker | None":
        try:
            parts = dict(part.split("=", 1) for part in text.split()[1:])
            return cls(seed=int(parts["seed"]), members=int(parts["members"]))
        except (KeyError, ValueError):
            return None


def current_marker() -> SeedMarker | None:
    root = OrgUnit.objects.filter(code=ROOT_CODE).first()
    return SeedMarker.decode(root.address) if root else None


def registry_is_empty() -> bool:
    return not Person.objects.exists()


def wipe() -> None:
    """Remove every person (and what hangs on them), then the bench units and account."""
    from concentric.benchmark import dashboard_figures

    dashboard_figures.wipe()
    with transaction.atomic():
        DuplicateCase.objects.all().delete()
        for model in (PersonSearchToken, PathEvent, Person.categories.through, Person.tags.through):
            model.objects.all()._raw_delete(connection.alias)
        for related in Person._meta.related_objects:
            if related.related_model not in (PersonSearchToken, PathEvent, DuplicateCase):
                related.related_model.objects.all()._raw_delete(connection.alias)
        Person.objects.all()._raw_delete(connection.alias)
        User.objects.filter(username=STAFF_USERNAME).delete()
        units = OrgUnit.objects.filter(code__startswith=ROOT_CODE).order_by("-depth")
        Tally.objects.filter(org_unit_id__in=units.values("pk")).delete()
        for unit in units:
            unit.delete()


def create_units(specs: list[UnitSpec]) -> dict[str, OrgUnit]:
    by_code: dict[str, OrgUnit] = {}
    with transaction.atomic():
        for spec in specs:
            unit = OrgUnit.objects.filter(code=spec.code).first()
            if unit is None:
                unit = OrgUnit.objects.create(
                    parent=by_code.get(spec.parent), code=spec.code, name=spec.name, kind=spec.kind, path="-"
                )
                unit.set_path()
                unit.save(update_fields=["path", "depth"])
            by_code[spec.code] = unit
    return by_code


def staff_user(unit: OrgUnit) -> User:
    """The subdistrict worker the pages are measured as (no password: the bench signs in directly)."""
    user = User.objects.filter(username=STAFF_USERNAME).first()
    if user is None:
        user = User(
            username=STAFF_USERNAME,
            full_name="基准测试",
            org_unit=unit,
            must_change_password=False,
            password_changed_at=timezone.now(),
        )
        user.set_unusable_password()
        user.save()
        RoleAssignment.objects.create(user=user, org_unit=unit, role=Role.STAFF)
    return user


class Seeder:
    """Seeds people in batches; ``seed_up_to(n)`` can be called with growing n (10k, then 1M)."""

    def __init__(
        self, seed: int, *, units: dict[str, OrgUnit] | None = None, generator: RegistryGenerator | None = None
    ):
        self.generator = generator or RegistryGenerator(seed)
        self.units = units or create_units(self.generator.units)
        self.categories = dict(Category.objects.values_list("code", "pk"))
        self.tags = self._tags()
        self.seeded = Person.objects.filter(org_unit__path__startswith=self.units[ROOT_CODE].path).count()
        self.seconds = 0.0
        self._names: dict[str, str] = {}
        self.writer = PersonWriter()

    def _tags(self) -> dict[str, int]:
        for name in TAGS:
            Tag.objects.get_or_create(name=name)
        return dict(Tag.objects.filter(name__in=TAGS).values_list("name", "pk"))

    def _pinyin(self, name: str) -> str:
        keys = self._names.get(name)
        if keys is None:
            keys = pinyin_keys(SimpleNamespace(name=name))
            if len(self._names) < _NAME_CACHE_LIMIT:
                self._names[name] = keys
        return keys

    def _person(self, row: PersonRow) -> NewPerson:
        values = {
            "org_unit_id": self.units[row.unit].pk,
            "name": row.name,
            "name_pinyin": self._pinyin(row.name),
            "gender": row.gender,
            "ethnicity": "汉族",
            "birth_date": row.birth_date,
            "id_type": "resident_id",
            "id_number": row.id_number,
            "phone": row.phone,
            "residence_address": row.residence_address,
            "education": row.education,
            "occupation": row.occupation,
            "work_unit": row.work_unit,
            "political_affiliation": row.political_affiliation,
            "religion": row.religion,
            "overseas_status": row.overseas_status,
            "overseas_country": row.overseas_country,
            "tier": row.tier,
            "main_category_id": self.categories[row.main_category],
            "stage": row.stage,
            "stage_since": row.stage_since,
        }
        return NewPerson(values, [self.categories[code] for code in row.categories])

    def seed_up_to(self, total: int, progress: Callable[[int], None] | None = None) -> int:
        """Add people until ``total`` are seeded; returns how many were added."""
        added = 0
        started = time.perf_counter()
        while self.seeded < total:
            size = min(BATCH, total - self.seeded)
            rows = list(self.generator.people(size))
            self._write_batch(rows)
            self.seeded += size
            added += size
            if progress:
                progress(size)
        self.seconds += time.perf_counter() - started
        return added

    def _write_batch(self, rows: list[PersonRow]) -> None:
        now = timezone.now()
        with transaction.atomic():
            pks = self.writer.write([self._person(row) for row in rows], now=now).pks
            tags, events = [], []
            for pk, row in zip(pks, rows, strict=True):
                tags.extend((pk, self.tags[name]) for name in row.tags)
                events.extend((pk, step.stage, step.kind, step.occurred_on, step.source, "", now) for step in row.path)
            _insert(Person.tags.through, ("person_id", "tag_id"), tags)
            _insert(
                PathEvent, ("person_id", "stage", "kind", "occurred_on", "source", "evidence", "created_at"), events
            )


def _insert(model, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Rows with no encrypted or derived fields. Only dates and times need adapting (the rest are
    ints and strings), which keeps the per-value cost out."""
    if not rows:
        return
    fields = [model._meta.get_field(column.removesuffix("_id")) for column in columns]
    adapt = [index for index, field in enumerate(fields) if isinstance(field, (models.DateField, models.DateTimeField))]
    if adapt:
        rows = [
            tuple(
                fields[i].get_db_prep_value(value, connection) if i in adapt else value for i, value in enumerate(row)
            )
            for row in rows
        ]
    insert_rows(model._meta.db_table, [field.column for field in fields], rows)


def analyse() -> None:
    """Refresh planner statistics after a bulk load (both engines plan by them). On PostgreSQL
    also VACUUM, as autovacuum does after many inserts: without the visibility map it writes, the
    planner prices index-only scans as heap reads and counts the list's scope by a table scan
    (110 ms instead of 3 at a million members)."""
    with connection.cursor() as cursor:
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
