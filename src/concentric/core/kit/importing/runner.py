"""Dry run and commit of a workbook of one import kind.

One streaming pass: rows are read with calamine, judged by rows.RowReader (the kind's columns
and parsers), settled a batch at a time by the kind's handler (duplicates within the file and
against the database), and, when committing, written by the handler in the same batch. A commit
is one transaction: in all-or-nothing mode (the default) any bad row rolls everything back; in
valid-rows-only mode the valid rows are written together; a crash or kill mid-way leaves the
database as it was either way. One audit event records a committed import.
"""

import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter

from django.db import connection, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from concentric.core.auditing import audit_record
from concentric.core.kit.importing.guard import ImportRefused, Limits, check_file
from concentric.core.kit.importing.kind import BAD_OUTCOMES, ImportKind, RowOutcome
from concentric.core.kit.importing.reader import open_sheets
from concentric.core.kit.importing.rows import ParsedRow, RowReader
from concentric.core.scoping import Action
from concentric.core.services import require

BATCH = 2000
PROGRESS_EVERY = 5  # batches


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
        return sum(self.counts[outcome] for outcome in BAD_OUTCOMES)

    def summary(self) -> dict:
        return {"counts": self.counts, "rows": self.rows_total, "committed": self.committed}


class ImportRun:
    """One pass over a workbook: ``source`` is its path or its bytes (an upload decrypted in
    memory). ``progress(done, total)`` is called every few batches."""

    def __init__(
        self,
        kind: ImportKind,
        *,
        actor,
        org_unit,
        source,
        file_name: str = "",
        dry_run: bool = True,
        allow_partial: bool = False,
        update_existing: bool = False,
        progress=None,
        limits=None,
    ):
        self.kind = kind
        self.actor = actor
        self.org_unit = org_unit
        self.source = source if isinstance(source, (bytes, bytearray)) else Path(source)
        self.file_name = file_name or getattr(self.source, "name", "")
        self.dry_run = dry_run
        self.allow_partial = allow_partial
        self.update_existing = update_existing and kind.updates
        self.progress = progress
        self.limits = limits or Limits.from_settings()
        self.report = ImportReport()
        self.batches = 0
        self.seconds = Counter()  # time per stage, for the bench's report: see stage_seconds()
        self.handler = kind.handler(self)

    # --- the pass ----------------------------------------------------------------------------

    def run(self) -> ImportReport:
        """Check, then dry-run or commit. Raises ImportRefused for a file that cannot be imported,
        PermissionDenied when the actor may not add the kind's records on the unit."""
        with translation.override("zh-hans"):
            require(self.actor, Action.ADD, self.kind.model, self.org_unit)
            started = perf_counter()
            check_file(self.source, self.limits)
            book, sheets = open_sheets(self.source, self.kind.columns[0].header, self.limits)
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
        parsers = self.handler.parsers()
        self.readers = []
        for sheet in sheets:
            reader = RowReader(
                sheet=sheet.name,
                header=sheet.header,
                columns=self.kind.columns,
                parsers=parsers,
                complete=self.handler.complete,
                label_field=self.kind.row_label_field,
                uncached_formulas=sheet.uncached_formulas,
            )
            if reader.missing:
                raise ImportRefused(
                    _("Sheet %(sheet)s lacks the required columns: %(columns)s.")
                    % {"sheet": sheet.name, "columns": "、".join(reader.missing)}
                )
            self.readers.append(reader)

    def header_of(self, field_name: str, sheet: str | None = None) -> str:
        """The header a field's column has in this file's sheet (an older name, perhaps)."""
        reader = next((reader for reader in self.readers if reader.sheet == sheet), self.readers[0])
        return reader.header_of[field_name]

    def _commit(self, sheets) -> None:
        counts = self.report.counts
        try:
            with transaction.atomic():
                self._pass(sheets, write=True)
                if self.report.bad and not self.allow_partial:
                    raise _Rejected
                written = counts[RowOutcome.NEW] + counts[RowOutcome.UPDATE]
                audit_record(
                    actor=self.actor,
                    action="import",
                    object_type=self.kind.audit_type,
                    object_repr=(
                        f"{self.file_name}: {counts[RowOutcome.NEW]} new, "
                        f"{counts[RowOutcome.UPDATE]} updated, {self.report.bad} refused"
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
        for sheet, reader in zip(sheets, self.readers, strict=True):
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
        reading and checking rows, then the kind's own stages (settling duplicates, writing …).
        The rest of a run is the audit event and the commit."""
        own = self.handler.stage_seconds()
        return {
            "check_file_and_load_sheet": self.seconds.get("open", 0.0),
            "read_and_check": self.seconds.get("pass", 0.0) - sum(own.values()),
            **own,
        }

    # --- one batch ---------------------------------------------------------------------------

    def _settle(self, batch: list[ParsedRow], *, write: bool) -> None:
        report = self.report
        new_rows, update_pairs = [], []
        for row, (outcome, target) in zip(batch, self.handler.settle(batch), strict=True):
            if outcome == RowOutcome.NEW:
                new_rows.append(row)
            elif outcome == RowOutcome.UPDATE:
                update_pairs.append((target, row))
            report.counts[outcome] += 1
            if self.dry_run or outcome != RowOutcome.NEW:
                report.results.append((row.sheet, row.row_number, str(outcome), row.name[:50], row.errors))
        self.batches += 1
        if write and (self.allow_partial or not report.bad):
            if new_rows:
                self.handler.insert(new_rows)
            if update_pairs:
                self.handler.update(update_pairs)

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
