"""An import kind: what an app declares to import its records from a workbook, and the handler
that holds what is specific to it. Everything else (the template, the guard, the reader, the
runner, the jobs, the pages, the API and ``concentric import <kind>``) is the kit's.

An app registers its kinds from its contrib.py: ``registry.add_import_kind(kind.name, kind)``.
"""

from dataclasses import dataclass
from enum import StrEnum

from concentric.core.kit.importing.columns import Column
from concentric.core.measures import count_inserted


class RowOutcome(StrEnum):
    NEW = "new"
    UPDATE = "update"
    DUPLICATE = "duplicate"
    ERROR = "error"


BAD_OUTCOMES = (RowOutcome.ERROR, RowOutcome.DUPLICATE)


class ImportHandler:
    """What one run of a kind does beyond the generic: made once per run (``self.run`` is the
    ImportRun: actor, org_unit, dry_run, update_existing, seconds), so it may read what it needs
    once (a dictionary, an index) and keep state across batches. The defaults import plain
    records: each valid row is a new record written with ``bulk_create``."""

    def __init__(self, run):
        self.run = run
        self.kind = run.kind

    def parsers(self) -> dict:
        """The kind's own cell parsers by name: ``parse(column, raw) -> value``, raising
        core.kit.importing.cells.CellError or ValidationError for a refused cell."""
        return {}

    def complete(self, row, values: dict) -> None:
        """A row's last check: set ``row.values`` (what the model takes), or add ``row.errors``.
        It runs on rows with refused cells too (``values`` then lacks them), so that every problem
        of a row is reported at once. By default the values as read, with the unit the rows register on."""
        if self.kind.unit_field:
            values[f"{self.kind.unit_field}_id"] = self.run.org_unit.pk
        row.values = values

    def settle(self, batch: list) -> list[tuple[RowOutcome, object]]:
        """The outcome of each row of a batch, in order, with its target (the record an UPDATE
        changes): duplicates within the file and against the database are decided here."""
        return [(RowOutcome.ERROR if row.errors else RowOutcome.NEW, None) for row in batch]

    def insert(self, rows: list) -> None:
        """Write the NEW rows of a batch (inside the commit's transaction)."""
        model = self.kind.model
        created = model.objects.bulk_create([model(**row.values) for row in rows], batch_size=1000)
        count_inserted(model._meta.label, [record.pk for record in created])

    def update(self, pairs: list) -> None:
        """Write the UPDATE rows of a batch: (target, row) pairs."""
        raise NotImplementedError(f"import kind {self.kind.name!r} does not update records")

    def stage_seconds(self) -> dict[str, float]:
        """Seconds spent in the kind's own stages, by name (the bench's breakdown)."""
        return {}


@dataclass(frozen=True, eq=False)
class ImportKind:
    name: str  # "people": the URL segment (/people/import/) and ``concentric import people``
    model: type  # the records imported: its scope policy decides who may import (ADD) on which unit
    columns: tuple[Column, ...]
    sheet: str  # the data sheet of the template ("人员信息")
    title: str  # the upload page's title ("Import members")
    template_title: str  # the instructions sheet's heading, and the template's file name, in Chinese
    handler: type = ImportHandler
    unit_field: str | None = None  # the model's field the rows' unit is written to (None: the kind's own rule)
    label_field: str = ""  # the field that names a row in the results (default: the first column's)
    notes: tuple[str, ...] = ()  # the instructions sheet's numbered notes (Chinese); default: the generic ones
    update_label: str = ""  # the upload form's "update existing records" choice; "" when the kind only adds
    list_url: str = ""  # the records' list page (view name): breadcrumb, cancel and done links
    list_label: str = ""
    object_type: str = ""  # the audit event's object type (default: the model's label)

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(column.header for column in self.columns)

    @property
    def row_label_field(self) -> str:
        return self.label_field or self.columns[0].field

    @property
    def label_header(self) -> str:
        """The header of the column that names a row (the results table's heading)."""
        return next(column.header for column in self.columns if column.field == self.row_label_field)

    @property
    def audit_type(self) -> str:
        return self.object_type or self.model._meta.label_lower

    @property
    def updates(self) -> bool:
        return bool(self.update_label)
