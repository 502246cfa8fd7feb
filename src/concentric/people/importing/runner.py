"""Dry run and commit of a people workbook.

One streaming pass: rows are read with calamine, judged by rows.RowReader, settled a batch at a
time (duplicates within the file by a set of blind-index digests, duplicates in the database by
one IN query per batch), and, when committing, written by people.bulk_write in the same batch.
A commit is one transaction: in all-or-nothing mode (the default) any bad row rolls everything
back; in valid-rows-only mode the valid rows are written together; a crash or kill mid-way
leaves the database as it was either way. One audit event records a committed import.
"""

import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter
from types import SimpleNamespace

from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from concentric.core.auditing import audit_record
from concentric.core.scoping import Action
from concentric.core.services import require
from concentric.people.importing.guard import ImportRefused, Limits, check_file
from concentric.people.importing.lookups import lookup, lookup_any, people_with_name_and_birth
from concentric.people.importing.models import RowOutcome
from concentric.people.importing.reader import open_sheets
from concentric.people.importing.rows import CategoryIndex, ParsedRow, RowReader
from concentric.people.bulk_write import NewPerson, PersonWriter
from concentric.people.models import DuplicateCase, DuplicateReason, Person, PersonSearchToken
from concentric.people.search import pinyin_keys, tokens_for

BATCH = 2000
PROGRESS_EVERY = 5  # batches
UPDATABLE = frozenset({
    "name", "former_names", "gender", "ethnicity", "birth_date", "id_type", "id_number", "phone", "phone2",
    "household_address", "residence_address", "work_address", "education", "occupation", "work_unit", "post",
    "title", "political_affiliation", "party_joined_on", "second_party", "second_party_joined_on", "religion",
    "overseas_status", "overseas_country", "remarks", "tier", "main_category",
})
INDEX_FIELDS = [f for f in Person._meta.concrete_fields if f.name.endswith("_index")]


class _Rejected(Exception):
    """Raised inside the commit transaction to roll it back."""


@dataclass
class ImportReport:
    counts: dict = field(default_factory=lambda: {outcome.value: 0 for outcome in RowOutcome})
    results: list = field(default_factory=list)  # (sheet, row, outcome, name, errors)
    rows_total: int = 0
    committed: bool = False
    message: str = ""

    @property
    def bad(self) -> int:
        return self.counts[RowOutcome.ERROR] + self.counts[RowOutcome.DUPLICATE]

    def summary(self) -> dict:
        return {"counts": self.counts, "rows": self.rows_total, "committed": self.committed}


class ImportRun:
    def __init__(self, *, actor, org_unit, path, file_name: str = "", dry_run: bool = True,
                 allow_partial: bool = False, update_existing: bool = False, progress=None, limits=None):
        self.actor = actor
        self.org_unit = org_unit
        self.path = Path(path)
        self.file_name = file_name or self.path.name
        self.dry_run = dry_run
        self.allow_partial = allow_partial
        self.update_existing = update_existing
        self.progress = progress
        self.limits = limits or Limits.from_settings()
        self.report = ImportReport()
        self.seen: dict[str, tuple[str, int]] = {}
        self.batches = 0
        self.writer = PersonWriter()
        self.seconds = Counter()  # time per stage, for the bench's report: see stage_seconds()

    # --- the pass ----------------------------------------------------------------------------

    def run(self) -> ImportReport:
        """Check, then dry-run or commit. Raises ImportRefused for a file that cannot be imported."""
        with translation.override("zh-hans"):
            require(self.actor, Action.ADD, Person, self.org_unit)
            started = perf_counter()
            check_file(self.path, self.limits)
            book, sheets = open_sheets(self.path, self.limits)
            self.seconds["open"] += perf_counter() - started
            try:
                self._check_headers(sheets)
                self.report.rows_total = sum(sheet.row_count for sheet in sheets)
                if self.dry_run:
                    self._pass(sheets, write=False)
                else:
                    self._commit(sheets)
            finally:
                book.close()
        return self.report

    def _check_headers(self, sheets) -> None:
        if not sheets:
            raise ImportRefused(_("No sheet has the template's header row; download the template and fill it in."))
        self.categories = CategoryIndex()
        self.readers = []
        for sheet in sheets:
            reader = RowReader(
                sheet=sheet.name, header=sheet.header, org_unit=self.org_unit, categories=self.categories,
                uncached_formulas=sheet.uncached_formulas,
            )
            if reader.missing:
                raise ImportRefused(
                    _("Sheet %(sheet)s lacks the required columns: %(columns)s.")
                    % {"sheet": sheet.name, "columns": "、".join(reader.missing)}
                )
            self.readers.append(reader)

    def _commit(self, sheets) -> None:
        try:
            with transaction.atomic():
                self._pass(sheets, write=True)
                if self.report.bad and not self.allow_partial:
                    raise _Rejected
                written = self.report.counts[RowOutcome.NEW] + self.report.counts[RowOutcome.UPDATE]
                audit_record(
                    actor=self.actor,
                    action="import",
                    object_type="people.person",
                    object_repr=(
                        f"{self.file_name}: {self.report.counts[RowOutcome.NEW]} new, "
                        f"{self.report.counts[RowOutcome.UPDATE]} updated, {self.report.bad} refused"
                    )[:200],
                    org_unit_id=self.org_unit.pk,
                    reason=(
                        f"file={self.file_name}; mode={'valid rows only' if self.allow_partial else 'all or nothing'}; "
                        f"update={'yes' if self.update_existing else 'no'}; rows written={written}"
                    ),
                )
                self.report.committed = True
        except _Rejected:
            self.report.committed = False
            self.report.message = _(
                "Nothing was imported: %(bad)d rows have errors. Correct them, or choose to import the valid rows only."
            ) % {"bad": self.report.bad}

    def _pass(self, sheets, *, write: bool) -> None:
        done = 0
        started = perf_counter()
        for sheet, reader in zip(sheets, self.readers):
            batch: list[ParsedRow] = []
            row_number = sheet.first_row
            for cells in sheet.rows:
                row_number += 1
                parsed = reader.read(cells, row_number)
                if parsed is None:
                    continue
                batch.append(parsed)
                if len(batch) >= BATCH:
                    done += len(batch)
                    self._settle(batch, write=write)
                    self._report_progress(done)
                    batch = []
            if batch:
                done += len(batch)
                self._settle(batch, write=write)
        self.report.rows_total = done
        self._report_progress(done, force=True)
        self.seconds["pass"] += perf_counter() - started

    def stage_seconds(self) -> dict[str, float]:
        """Where the time went: checking the file and loading its sheet (calamine parses it whole),
        reading and checking rows, settling duplicates, the writer's stages, queueing suspected
        duplicates. The rest of a run is the audit event and the commit."""
        seconds = dict(self.seconds)
        written = self.writer.seconds
        outside_read = seconds.get("settle", 0.0) + sum(written.values()) + seconds.get("suspected", 0.0)
        return {
            "check_file_and_load_sheet": seconds.get("open", 0.0),
            "read_and_check": seconds.pop("pass", 0.0) - outside_read,
            "duplicates_in_file_and_database": seconds.get("settle", 0.0),
            **{f"write_{name}": value for name, value in written.items()},
            "suspected_duplicates": seconds.get("suspected", 0.0),
        }

    # --- one batch ---------------------------------------------------------------------------

    def _settle(self, batch: list[ParsedRow], *, write: bool) -> None:
        started = perf_counter()
        digest_of = Person._meta.get_field("id_number_index").digest
        digests = {}
        for row in batch:
            if row.values is not None and row.values["id_number"]:
                digests[id(row)] = digest_of(row.values["id_number"])
        existing = self._existing({digest for digest in digests.values() if digest not in self.seen})
        id_header = self.readers[0].header_of["id_number"]
        new_rows, update_rows = [], []
        for row in batch:
            digest = digests.get(id(row))
            outcome = RowOutcome.ERROR if row.errors else RowOutcome.NEW
            if digest and not row.errors:
                if digest in self.seen:
                    sheet, first = self.seen[digest]
                    row.errors.append({"column": id_header, "reason": self._in_file_duplicate(sheet, first)})
                    outcome = RowOutcome.DUPLICATE
                elif digest in existing:
                    pk, name, unit, changeable = existing[digest]
                    if self.update_existing and changeable:
                        outcome = RowOutcome.UPDATE
                        update_rows.append((pk, row))
                    else:
                        row.errors.append({"column": id_header, "reason": self._db_duplicate(name, unit)})
                        outcome = RowOutcome.DUPLICATE
                self.seen.setdefault(digest, (row.sheet, row.row_number))
            if outcome == RowOutcome.NEW:
                new_rows.append(row)
            self.report.counts[outcome] += 1
            if self.dry_run or outcome != RowOutcome.NEW:
                self.report.results.append((row.sheet, row.row_number, outcome.value, row.name[:50], row.errors))
        self.batches += 1
        self.seconds["settle"] += perf_counter() - started
        if write and (self.allow_partial or not self.report.bad):
            if new_rows:
                self._insert_batch(new_rows)
            if update_rows:
                self._update_batch(update_rows)

    def _existing(self, digests: set) -> dict:
        """digest -> (pk, name or "", unit name or "", changeable) for records already on file."""
        if not digests:
            return {}
        found = {digest: pk for pk, digest in lookup(("id", "id_number_index"), ("id_number_index",),
                                                      [(digest,) for digest in sorted(digests)])}
        if not found:
            return {}
        changeable = set(
            Person.objects.visible_to(self.actor, Action.CHANGE).filter(pk__in=found.values()).values_list("pk", flat=True)
        )
        visible = {
            pk: (name, unit)
            for pk, name, unit in Person.objects.visible_to(self.actor)
            .filter(pk__in=found.values())
            .values_list("pk", "name", "org_unit__name")
        }
        return {
            digest: (pk, *visible.get(pk, ("", "")), pk in changeable)
            for digest, pk in found.items()
        }

    def _in_file_duplicate(self, sheet: str, first: int) -> str:
        return _("The same document number is already on row %(row)d of sheet %(sheet)s in this file.") % {
            "row": first, "sheet": sheet,
        }

    def _db_duplicate(self, name: str, unit: str) -> str:
        if not name:
            return _(
                "A record with this document number already exists in a unit outside yours. "
                "Ask the unit that keeps it, or your superior unit, to transfer it."
            )
        return _("A record with this document number already exists: %(name)s, %(unit)s.") % {"name": name, "unit": unit}

    # --- writing -----------------------------------------------------------------------------

    def _insert_batch(self, rows: list[ParsedRow]) -> None:
        # The person rows, their search tokens and category links in one bulk write each; the
        # values were checked by the row reader as the person form checks them.
        written = self.writer.write([NewPerson(row.values, row.category_ids) for row in rows])
        started = perf_counter()
        self._queue_suspected([
            SimpleNamespace(pk=pk, name=row.values["name"], birth_date=row.values["birth_date"],
                            phones={phone, phone2} - {""})
            for row, pk, phone, phone2 in zip(
                rows, written.pks, written.digests["phone_index"], written.digests["phone2_index"], strict=True
            )
        ])
        self.seconds["suspected"] += perf_counter() - started

    def _update_batch(self, pairs: list[tuple[int, ParsedRow]]) -> None:
        current = Person.objects.select_for_update().in_bulk([pk for pk, _row in pairs])
        now = timezone.now()
        changed = set()
        people = []
        for pk, row in pairs:
            person = current[pk]
            fields = (row.filled & UPDATABLE) | {"id_number", "id_type"}
            for derived in ("birth_date", "gender"):
                if row.values[derived]:
                    fields.add(derived)
            for name in fields:
                attname = "main_category_id" if name == "main_category" else name
                setattr(person, attname, row.values[attname])
            person.name_pinyin = pinyin_keys(person)
            person.version += 1
            person.updated_at = now
            for index in INDEX_FIELDS:
                index.pre_save(person, False)
            changed |= fields
            people.append((person, row))
        names = sorted({("main_category" if n == "main_category" else n) for n in changed})
        names += ["name_pinyin", "version", "updated_at"] + [index.name for index in INDEX_FIELDS]
        Person.objects.bulk_update([person for person, _row in people], names, batch_size=500)
        pks = [person.pk for person, _row in people]
        PersonSearchToken.objects.filter(person_id__in=pks).delete()
        PersonSearchToken.objects.bulk_create(
            [PersonSearchToken(person_id=p.pk, token=t) for p, _row in people for t in tokens_for(p)], batch_size=5000
        )
        links = Person.categories.through
        replaced = [p.pk for p, row in people if "categories" in row.filled]
        if replaced:
            links.objects.filter(person_id__in=replaced).delete()
        links.objects.bulk_create(
            [links(person_id=p.pk, category_id=c) for p, row in people for c in row.category_ids],
            batch_size=5000, ignore_conflicts=True,
        )

    def _queue_suspected(self, people: list) -> None:
        """Same name and birth date, or same name and a shared phone: a case for review, in bulk.

        Index lookups per batch find only the matching records (name and birth date through
        person_name_birth, each phone through its blind index), however many people share a
        common name in a large registry.
        """
        same_birth = people_with_name_and_birth({(p.name, p.birth_date) for p in people if p.birth_date})
        digests = set().union(*(p.phones for p in people))
        same_phone = {}
        for pk, name, phone, phone2 in lookup_any(
            ("id", "name", "phone_index", "phone2_index"), ("phone_index", "phone2_index"), sorted(digests)
        ):
            same_phone.setdefault(name, []).append((pk, {phone, phone2} - {""}))
        cases = {}
        for person in people:
            if person.birth_date:
                for pk in same_birth.get((person.name, person.birth_date), ()):
                    if pk != person.pk:
                        cases.setdefault(tuple(sorted((pk, person.pk))), DuplicateReason.NAME_BIRTH)
            for pk, other_phones in same_phone.get(person.name, ()):
                if pk != person.pk and person.phones & other_phones:
                    cases.setdefault(tuple(sorted((pk, person.pk))), DuplicateReason.NAME_PHONE)
        if cases:
            DuplicateCase.objects.bulk_create(
                [DuplicateCase(person_a_id=a, person_b_id=b, reason=reason) for (a, b), reason in cases.items()],
                ignore_conflicts=True,
            )

    # --- progress ----------------------------------------------------------------------------

    def _report_progress(self, done: int, force: bool = False) -> None:
        if self.progress is None or (not force and self.batches % PROGRESS_EVERY):
            return
        total = max(self.report.rows_total, done)
        if connection.in_atomic_block:
            if connection.vendor == "sqlite":
                return  # one writer at a time: the commit's own transaction holds the lock
            # Inside the commit's transaction an update would stay invisible: use a short-lived
            # thread, whose own connection commits at once.
            thread = threading.Thread(target=_in_own_connection, args=(self.progress, done, total))
            thread.start()
            thread.join()
        else:
            self.progress(done, total)


def _in_own_connection(progress, done: int, total: int) -> None:
    try:
        progress(done, total)
    finally:
        connection.close()
