"""Import and export figures, each against a limit measured on the same data in the same run.

Import: a workbook of ``io_rows`` generated people (benchmark.workbook) is committed through the
real import path (the kit's ``ImportRun`` of the people kind, dry_run=False) into a unit of its own under the measured
staff member's subdistrict; its limit is python-calamine merely reading the same file (every
cell of every row), read once before and once after the import so machine noise lands on both.
Peak memory is the resident set's high-water mark during the import above what the process held
before it. Export: those people exported through ``concentric export people`` to xlsx and csv;
the limits are a plain xlsxwriter constant-memory workbook and ``csv.writer`` writing the very
cells our export wrote (read back from our csv), only the writing being timed. Afterwards the
imported people are removed again, so a later ``--reuse`` finds the seed as it was; the import's
and exports' audit events stay, as the audit log keeps everything.

Django's SQL debug log (on with CONCENTRIC_DEBUG) is switched off while measuring: production
runs without it, and for statements with thousands of parameters it costs more than the query.
"""

import csv
import gc
import resource
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from io import StringIO
from itertools import islice
from pathlib import Path
from statistics import mean
from tempfile import TemporaryDirectory
from time import perf_counter

import xlsxwriter
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Q
from django.test.utils import override_settings
from python_calamine import CalamineWorkbook

from concentric.benchmark.report import HIGHER, Figure
from concentric.benchmark.workbook import rows_not_on_file, write_import_workbook
from concentric.core.kit.importing.runner import ImportRun
from concentric.org.choices import UnitKind
from concentric.org.models import OrgUnit
from concentric.people.importing.columns import DATA_SHEET
from concentric.people.importing.kind import PEOPLE_IMPORT
from concentric.people.models import Category, DuplicateCase, PathEvent, Person, PersonSearchToken
from concentric.people.synthetic.generator import RegistryGenerator

IMPORT_VS_READ_TARGET = 5.0
IMPORT_ROWS_PER_SECOND = 20_000
IMPORT_MEMORY_MB = 400
XLSX_TARGET = 1.3
CSV_TARGET = 2.0
BASELINE_CHUNK = 2000


# --- memory ---------------------------------------------------------------------------------


def _status_kb(key: str) -> int | None:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


class PeakMemory:
    """Peak resident memory (MB) while the block runs, above the resident memory at its start.

    On Linux the kernel's high-water mark (VmHWM) is reset through /proc/self/clear_refs first,
    so the peak is this block's own. Elsewhere it is the growth of getrusage's ru_maxrss, which
    shows only what goes beyond the process's earlier peak (``method`` says which was used).
    """

    def __enter__(self) -> "PeakMemory":
        gc.collect()
        self.method = "ru_maxrss delta"
        try:
            with open("/proc/self/clear_refs", "w") as clear:
                clear.write("5")
            if _status_kb("VmHWM") is not None:
                self.method = "VmHWM (reset via /proc/self/clear_refs) minus VmRSS before"
        except OSError:
            pass
        self.before_kb = _status_kb("VmRSS") if self.method != "ru_maxrss delta" else _maxrss_kb()
        return self

    def __exit__(self, *exc) -> None:
        peak = _status_kb("VmHWM") if self.method != "ru_maxrss delta" else _maxrss_kb()
        self.peak_mb = max(peak - self.before_kb, 0) / 1024


def _maxrss_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB on Linux


# --- import ---------------------------------------------------------------------------------


def calamine_read_seconds(path: Path) -> float:
    """python-calamine reading every cell of every row of the data sheet, and nothing else."""
    started = perf_counter()
    book = CalamineWorkbook.from_path(str(path))
    try:
        for row in book.get_sheet_by_name(DATA_SHEET).iter_rows():
            for _cell in row:
                pass
    finally:
        book.close()
    return perf_counter() - started


@dataclass
class ImportTiming:
    rows: int
    seconds: float
    read_seconds: list[float]
    peak_mb: float
    memory_method: str
    stages: dict[str, float] = field(default_factory=dict)

    @property
    def read_limit(self) -> float:
        return mean(self.read_seconds)


def time_import(path: Path, *, rows: int, user, unit: OrgUnit) -> ImportTiming:
    reads = [calamine_read_seconds(path)]
    run = ImportRun(PEOPLE_IMPORT, actor=user, org_unit=unit, source=path, dry_run=False)
    with PeakMemory() as memory:
        started = perf_counter()
        report = run.run()
        seconds = perf_counter() - started
    reads.append(calamine_read_seconds(path))
    if not report.committed or report.counts["new"] != rows:
        raise RuntimeError(f"the bench's import file was not imported whole: {report.counts} {report.results[:3]}")
    return ImportTiming(rows, seconds, reads, memory.peak_mb, memory.method, run.stage_seconds())


def import_figures(timing: ImportTiming) -> list[Figure]:
    stages = timing.stages | {"audit_and_commit": max(timing.seconds - sum(timing.stages.values()), 0.0)}
    per_row = {name: round(value / timing.rows * 1e6, 1) for name, value in stages.items()}
    per_row["calamine_read_alone"] = round(timing.read_limit / timing.rows * 1e6, 1)
    detail = {
        "rows": timing.rows,
        "read_seconds": [round(value, 3) for value in timing.read_seconds],
        "microseconds_per_row": per_row,
    }
    return [
        Figure(
            "import_vs_calamine_read", timing.seconds, timing.read_limit, IMPORT_VS_READ_TARGET, unit="s", detail=detail
        ),
        Figure(
            "import_rows_per_second",
            timing.rows / timing.seconds,
            IMPORT_ROWS_PER_SECOND,
            1.0,
            better=HIGHER,
            unit="rows/s",
            detail={"rows": timing.rows, "seconds": round(timing.seconds, 3)},
        ),
        Figure(
            "import_peak_memory",
            timing.peak_mb,
            IMPORT_MEMORY_MB,
            1.0,
            unit="MB",
            detail={"rows": timing.rows, "method": timing.memory_method},
        ),
    ]


# --- export ---------------------------------------------------------------------------------


def export_seconds(fmt: str, target: Path, *, user, unit: OrgUnit) -> float:
    """``concentric export people`` of the unit's people (masked), as an operator runs it."""
    started = perf_counter()
    call_command(
        "export",
        "people",
        "--format",
        fmt,
        "--unit",
        unit.code,
        "--user",
        user.username,
        "-o",
        str(target),
        stdout=StringIO(),
    )
    return perf_counter() - started


def exported_rows(path: Path) -> Iterator[list[list[str]]]:
    """The cells of our csv export (header included), a chunk of rows at a time."""
    with path.open(encoding="utf-8-sig", newline="") as source:
        reader = csv.reader(source)
        while chunk := list(islice(reader, BASELINE_CHUNK)):
            yield chunk


def _timed_writes(chunks: Iterator[list[list[str]]], start: Callable, write: Callable, finish: Callable) -> float:
    """Seconds spent in start, write(chunk) and finish only: reading the chunks is not timed."""
    began = perf_counter()
    start()
    total = perf_counter() - began
    for chunk in chunks:
        began = perf_counter()
        write(chunk)
        total += perf_counter() - began
    began = perf_counter()
    finish()
    return total + perf_counter() - began


def xlsxwriter_seconds(source: Path, target: Path) -> float:
    state = {}

    def start():
        state["book"] = xlsxwriter.Workbook(str(target), {"constant_memory": True})
        state["sheet"] = state["book"].add_worksheet()
        state["row"] = 0

    def write(chunk):
        sheet, row = state["sheet"], state["row"]
        for row, cells in enumerate(chunk, start=row):
            for column, value in enumerate(cells):
                sheet.write_string(row, column, value)
        state["row"] = row + 1

    return _timed_writes(exported_rows(source), start, write, lambda: state["book"].close())


def csv_writer_seconds(source: Path, target: Path) -> float:
    state = {}

    def start():
        state["file"] = target.open("w", encoding="utf-8", newline="")
        state["writer"] = csv.writer(state["file"])

    return _timed_writes(
        exported_rows(source), start, lambda chunk: state["writer"].writerows(chunk), lambda: state["file"].close()
    )


@dataclass
class ExportTiming:
    fmt: str
    rows: int
    seconds: float
    baseline_seconds: float


def export_figures(timings: list[ExportTiming]) -> list[Figure]:
    names = {"xlsx": ("export_xlsx_vs_xlsxwriter", XLSX_TARGET), "csv": ("export_csv_vs_csv_writer", CSV_TARGET)}
    return [
        Figure(
            names[t.fmt][0],
            t.seconds,
            t.baseline_seconds,
            names[t.fmt][1],
            unit="s",
            detail={
                "rows": t.rows,
                "microseconds_per_row": round(t.seconds / t.rows * 1e6, 1),
                "baseline_microseconds_per_row": round(t.baseline_seconds / t.rows * 1e6, 1),
            },
        )
        for t in timings
    ]


# --- the run ---------------------------------------------------------------------------------


def import_unit(parent: OrgUnit) -> OrgUnit:
    unit = OrgUnit.objects.filter(code=f"{parent.code}-io").first()
    if unit is None:
        unit = OrgUnit.objects.create(
            parent=parent,
            code=f"{parent.code}-io",
            name=f"{parent.name}导入测试社区",
            kind=UnitKind.COMMUNITY,
            path="-",
        )
        unit.set_path()
        unit.save(update_fields=["path", "depth"])
    return unit


def remove_imported(unit: OrgUnit) -> None:
    """Delete the unit's people and everything hanging on them, then the unit."""
    ids = Person.objects.filter(org_unit=unit).values("pk")
    with transaction.atomic():
        DuplicateCase.objects.filter(Q(person_a__in=ids) | Q(person_b__in=ids))._raw_delete(connection.alias)
        for model in (PersonSearchToken, PathEvent, Person.categories.through, Person.tags.through):
            model._base_manager.filter(person__in=ids)._raw_delete(connection.alias)
        for related in Person._meta.related_objects:
            if related.related_model not in (PersonSearchToken, PathEvent, DuplicateCase):
                related.related_model._base_manager.filter(**{f"{related.field.name}__in": ids})._raw_delete(
                    connection.alias
                )
        Person.objects.filter(org_unit=unit)._raw_delete(connection.alias)
        unit.delete()


def measure(
    *,
    rows: int,
    seed_value: int,
    user,
    parent: OrgUnit,
    advance: Callable[[int], None] = lambda n: None,
    peer: Callable[[Path, OrgUnit], None] | None = None,
) -> list[Figure]:
    """The import and export figures for ``rows`` rows (advances progress once per step, 4 steps)."""
    unit = import_unit(parent)
    names = dict(Category.objects.values_list("code", "name"))
    generator = RegistryGenerator(seed_value + 1)
    with TemporaryDirectory(prefix="concentric-bench-") as folder, override_settings(DEBUG=False):
        folder = Path(folder)
        fresh = islice(rows_not_on_file(iter(generator.person, None)), rows)
        written = write_import_workbook(folder / "import.xlsx", fresh, names)
        advance(1)
        try:
            if peer is not None:  # the same file through a peer importer first: it leaves nothing behind
                peer(folder / "import.xlsx", unit)
            imported = time_import(folder / "import.xlsx", rows=written, user=user, unit=unit)
            advance(1)
            exports = []
            for fmt in ("csv", "xlsx"):
                seconds = export_seconds(fmt, folder / f"export.{fmt}", user=user, unit=unit)
                exports.append(ExportTiming(fmt, written, seconds, 0.0))
            exports[0].baseline_seconds = csv_writer_seconds(folder / "export.csv", folder / "baseline.csv")
            exports[1].baseline_seconds = xlsxwriter_seconds(folder / "export.csv", folder / "baseline.xlsx")
            advance(1)
        finally:
            remove_imported(unit)
            advance(1)
    return import_figures(imported) + export_figures(exports)
