"""Import and export figures, each against a limit measured on the same data in the same run.

A workbook of ``io_rows`` generated people (benchmark.workbook) is imported through the real
import path (the kit's ``ImportRun`` of the people kind, committed) into a unit of its own under
the measured staff member's subdistrict. The import is held against two limits: its floor
(python-calamine merely reading the file, once before and once after the import, plus the bare
inserts of the very rows it wrote: ``floors.bare_insert_seconds``) and django-import-export
importing the same file (a peer in a process of its own, before ours: a dry run leaves nothing).
Peak memory is the resident set's high-water mark during the import above what the process held
before it. The imported people are then exported with ``concentric export people``: csv against
its floor (``floors.csv_floor_seconds``: a plain cursor, the decryptions, ``csv.writer``), xlsx
against a plain xlsxwriter constant-memory workbook writing the very cells our export wrote (read
back from our csv; only the writing timed). Afterwards the imported people are removed again, so
a later ``--reuse`` finds the seed as it was; the import's and exports' audit events stay, as the
audit log keeps everything.

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

from concentric.benchmark import floors
from concentric.benchmark.report import HIGHER, Figure
from concentric.benchmark.workbook import rows_not_on_file, write_import_workbook
from concentric.core.kit.importing.runner import ImportRun
from concentric.org.choices import UnitKind
from concentric.org.models import OrgUnit
from concentric.people.importing.columns import DATA_SHEET
from concentric.people.importing.kind import PEOPLE_IMPORT
from concentric.people.models import Category, DuplicateCase, PathEvent, Person, PersonSearchToken
from concentric.people.synthetic.generator import RegistryGenerator

IMPORT_VS_FLOOR_TARGET = 2.0
IMPORT_VS_PEER_TARGET = 5.0
IMPORT_MEMORY_MB = 400
XLSX_TARGET = 1.3
CSV_TARGET = 1.5
PEER_IMPORT = "django-import-export 4.4 ModelResource.import_data (row by row; a dry run: saved, then rolled back)"
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
    insert_floor_seconds: float = 0.0  # floors.bare_insert_seconds of the rows it wrote

    @property
    def floor(self) -> float:
        return mean(self.read_seconds) + self.insert_floor_seconds


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


def _per_row(seconds: float, rows: int) -> float:
    return round(seconds / rows * 1e6, 1)


def import_figures(timing: ImportTiming, peer: dict | None = None) -> list[Figure]:
    """Ours against the floor, against the peer's rows per second (when measured), and memory."""
    stages = timing.stages | {"audit_and_commit": max(timing.seconds - sum(timing.stages.values()), 0.0)}
    floor = {
        "calamine_read": _per_row(mean(timing.read_seconds), timing.rows),
        "bare_inserts_and_commit": _per_row(timing.insert_floor_seconds, timing.rows),
    }
    detail = {
        "rows": timing.rows,
        "read_seconds": [round(value, 3) for value in timing.read_seconds],
        "insert_floor_seconds": round(timing.insert_floor_seconds, 3),
        "microseconds_per_row": {name: _per_row(value, timing.rows) for name, value in stages.items()},
        "floor_microseconds_per_row": floor,
    }
    figures = [Figure("import_vs_floor", timing.seconds, timing.floor, IMPORT_VS_FLOOR_TARGET, unit="s", detail=detail)]
    if peer:
        ours = timing.rows / timing.seconds
        figures.append(
            Figure(
                "import_vs_import_export",
                ours,
                peer["rows_per_second"],
                IMPORT_VS_PEER_TARGET,
                better=HIGHER,
                unit="rows/s",
                detail={"peer": PEER_IMPORT, "rows": timing.rows, "peer_seconds": round(peer["seconds"], 3)},
            )
        )
    figures.append(
        Figure(
            "import_peak_memory",
            timing.peak_mb,
            IMPORT_MEMORY_MB,
            1.0,
            unit="MB",
            detail={"rows": timing.rows, "method": timing.memory_method},
        )
    )
    return figures


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
        sheet, first = state["sheet"], state["row"]
        for row, cells in enumerate(chunk, start=first):
            for column, value in enumerate(cells):
                sheet.write_string(row, column, value)
        state["row"] = first + len(chunk)

    return _timed_writes(exported_rows(source), start, write, lambda: state["book"].close())


@dataclass
class ExportTiming:
    fmt: str
    rows: int
    seconds: float
    limit_seconds: float


EXPORT_FIGURES = {"csv": ("export_csv_vs_floor", CSV_TARGET), "xlsx": ("export_xlsx_vs_xlsxwriter", XLSX_TARGET)}


def export_figures(timings: list[ExportTiming]) -> list[Figure]:
    return [
        Figure(
            EXPORT_FIGURES[t.fmt][0],
            t.seconds,
            t.limit_seconds,
            EXPORT_FIGURES[t.fmt][1],
            unit="s",
            detail={
                "rows": t.rows,
                "microseconds_per_row": _per_row(t.seconds, t.rows),
                "limit_microseconds_per_row": _per_row(t.limit_seconds, t.rows),
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


def remove_people(unit: OrgUnit) -> None:
    """Delete the unit's people and everything hanging on them."""
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


def measure(
    *,
    rows: int,
    seed_value: int,
    user,
    parent: OrgUnit,
    advance: Callable[[int], None] = lambda n: None,
    peer: Callable[[Path, OrgUnit], dict] | None = None,
) -> list[Figure]:
    """The import and export figures for ``rows`` rows (advances progress once per step, 4 steps).
    ``peer(workbook, unit)`` imports the same file with django-import-export and leaves nothing."""
    unit = import_unit(parent)
    names = dict(Category.objects.values_list("code", "name"))
    generator = RegistryGenerator(seed_value + 1)
    with TemporaryDirectory(prefix="concentric-bench-") as folder, override_settings(DEBUG=False):
        folder = Path(folder)
        fresh = islice(rows_not_on_file(iter(generator.person, None)), rows)
        written = write_import_workbook(folder / "import.xlsx", fresh, names)
        advance(1)
        try:
            peer_result = peer(folder / "import.xlsx", unit) if peer is not None else None
            imported = time_import(folder / "import.xlsx", rows=written, user=user, unit=unit)
            advance(1)
            exports = [
                ExportTiming(fmt, written, export_seconds(fmt, folder / f"export.{fmt}", user=user, unit=unit), 0.0)
                for fmt in ("csv", "xlsx")
            ]
            exports[0].limit_seconds = floors.csv_floor_seconds(unit, folder / "floor.csv")
            exports[1].limit_seconds = xlsxwriter_seconds(folder / "export.csv", folder / "baseline.xlsx")
            advance(1)
            stored = floors.stored_rows(unit)
            remove_people(unit)
            imported.insert_floor_seconds = floors.bare_insert_seconds(stored)
        finally:
            remove_people(unit)
            unit.delete()
            advance(1)
    return import_figures(imported, peer_result) + export_figures(exports)
