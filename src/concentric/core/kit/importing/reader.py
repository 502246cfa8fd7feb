"""Streaming the rows of a checked workbook with python-calamine.

calamine reads a formula cell as its cached value, and a formula cell without one (written by
tools that store ``<f>`` but no ``<v>``) as an empty cell. Such cells are found in the sheet's
XML here, so the rows can refuse them as formulas instead of taking them for empty.

The XML parsed here goes through defusedxml with DTDs forbidden: the guard (guard.check_file)
has refused a document type declaration in every .xml and .rels part already, but the parts
read here are named by the package's relationships, whatever their names end with.
"""

import io
import itertools
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree
from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook

from concentric.core.kit.importing.columns import HELP_SHEET, LISTS_SHEET
from concentric.core.kit.importing.guard import CHUNK, ImportRefused, Limits, dtd_refused, too_many_rows

# Tags with any namespace prefix (the guard has refused DTDs before anything here parses XML).
_FORMULA = re.compile(rb"<(?:[\w.-]+:)?f[\s/>]")
_ROW_END = re.compile(rb"</(?:[\w.-]+:)?row\s*>")
_CELL = re.compile(rb"<((?:[\w.-]+:)?)c(?=[\s/>])([^>]*?)(?:/>|>(.*?)</\1c\s*>)", re.S)
_CELL_REF = re.compile(rb"""\sr\s*=\s*["']([A-Z]{1,3})(\d+)["']""")
_REFERENCE = re.compile(r"([A-Z]{1,3})(\d+)")
_VALUE = re.compile(rb"<(?:[\w.-]+:)?v(?:\s[^>]*)?>[^<]")


@dataclass
class DataSheet:
    name: str
    header: list
    first_row: int  # Excel row number of the header
    rows: Iterator  # the rows after the header, as lists of cells
    row_count: int
    # (Excel row number, index in the row's cells) of formula cells without a cached value
    uncached_formulas: frozenset = field(default_factory=frozenset)


def open_sheets(source, first_header: str, limits: Limits | None = None) -> tuple[CalamineWorkbook, list[DataSheet]]:
    """The workbook (a path, or the file's bytes) and its data sheets: every worksheet whose
    first row holds ``first_header`` (the kind's first column). Raises ImportRefused when there
    is none, or when they hold more rows than the limit."""
    limits = limits or Limits.from_settings()
    in_memory = isinstance(source, (bytes, bytearray))
    try:
        book = (
            CalamineWorkbook.from_filelike(io.BytesIO(source)) if in_memory else CalamineWorkbook.from_path(str(source))
        )
    except Exception:  # calamine raises its own error types for every kind of damage
        raise ImportRefused(_("The workbook is damaged and cannot be read. Save it again as .xlsx.")) from None
    sheets = []
    total = 0
    with zipfile.ZipFile(io.BytesIO(source) if in_memory else source) as archive:
        parts = worksheet_parts(archive)
        for meta in book.sheets_metadata:
            if meta.name in (HELP_SHEET, LISTS_SHEET) or str(meta.typ) != "SheetTypeEnum.WorkSheet":
                continue
            sheet = book.get_sheet_by_name(meta.name)
            rows = sheet.iter_rows()
            header = next(rows, None)
            if header is None or first_header not in [str(cell).strip().lstrip("*") for cell in header]:
                continue
            start_row, start_column = sheet.start if sheet.start else (0, 0)
            count = max(sheet.height - 1, 0)
            formulas = frozenset()
            if meta.name in parts:
                # Zero-based positions in the sheet -> Excel row numbers and indexes into the rows
                # calamine yields, which begin at its first used row and column.
                try:
                    found = uncached_formula_cells(archive, parts[meta.name])
                except (SafeElementTree.ParseError, zipfile.BadZipFile, ValueError):
                    raise ImportRefused(
                        _("The workbook is damaged and cannot be read. Save it again as .xlsx.")
                    ) from None
                formulas = frozenset(
                    (row + 1, column - start_column)
                    for row, column in found
                    if row > start_row and column >= start_column
                )
                # calamine's range ends at the last cell with a value: rows after it holding only
                # such formulas are read as empty rows.
                beyond = max((row for row, _column in formulas), default=0) - (start_row + sheet.height)
                if beyond > 0:
                    rows = itertools.chain(rows, itertools.repeat([], beyond))
                    count += beyond
            total += count
            if total > limits.max_rows:
                raise too_many_rows(total, limits)
            sheets.append(DataSheet(meta.name, header, start_row + 1, rows, count, formulas))
    return book, sheets


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _root(data: bytes):
    """The parsed XML; ImportRefused for a DTD, which the guard refuses in the parts it scans."""
    try:
        return SafeElementTree.fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise dtd_refused() from None


def _events(stream):
    """iterparse's (event, element) pairs of the XML ``stream``, refusing a DTD as ``_root`` does."""
    try:
        yield from SafeElementTree.iterparse(stream, events=("start", "end"), forbid_dtd=True)
    except DefusedXmlException:
        raise dtd_refused() from None


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, str]:
    """Relationship id -> target part of ``part``, from its .rels part; {} when it has none."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    try:
        root = _root(archive.read(rels))
    except (KeyError, SafeElementTree.ParseError):
        return {}
    targets = {}
    for element in root:
        target = element.get("Target", "")
        if _local(element.tag) != "Relationship" or element.get("TargetMode") == "External" or not target:
            continue
        resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        targets[element.get("Id", "")] = resolved
    return targets


def worksheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the zip member holding its XML; {} when the package cannot say."""
    members = {name.lower(): name for name in archive.namelist()}
    workbook = next(
        (target for target in _relationships(archive, "").values() if target.lower().startswith("xl/workbook")),
        "xl/workbook.xml",
    )
    targets = _relationships(archive, members.get(workbook.lower(), workbook))
    try:
        root = _root(archive.read(members.get(workbook.lower(), workbook)))
    except (KeyError, SafeElementTree.ParseError):
        return {}
    parts = {}
    for element in root.iter():
        if _local(element.tag) != "sheet":
            continue
        rel_id = next(
            (value for key, value in element.attrib.items() if key.startswith("{") and _local(key) == "id"), ""
        )
        member = members.get(targets.get(rel_id, "").lower())
        if member is not None:
            parts[element.get("name", "")] = member
    return parts


def _column_index(letters: bytes) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + letter - 64
    return index - 1


class _CellWithoutReference(Exception):
    pass


def uncached_formula_cells(archive: zipfile.ZipFile, part: str) -> set[tuple[int, int]]:
    """Zero-based (row, column) of the cells of a worksheet part that hold a formula but no cached
    value. One streaming pass that only looks into stretches of rows holding a formula tag."""
    try:
        return _scan_formula_cells(archive, part)
    except _CellWithoutReference:  # the cell reference is optional: count positions instead
        return _parse_formula_cells(archive, part)


def _scan_formula_cells(archive: zipfile.ZipFile, part: str) -> set[tuple[int, int]]:
    found = set()
    pending = b""
    with archive.open(part) as stream:
        while True:
            chunk = stream.read(CHUNK)
            pending += chunk
            if chunk:
                cut = _after_last_row(pending, max(len(pending) - len(chunk) - 16, 0))
                if cut < 0:
                    continue  # a stretch is only ever cut after a whole row
                stretch, pending = pending[:cut], pending[cut:]
            else:
                stretch, pending = pending, b""
            if (b"<f" in stretch or b":f" in stretch) and _FORMULA.search(stretch):
                for cell in _CELL.finditer(stretch):
                    body = cell.group(3)
                    if body is None or not _FORMULA.search(body) or _VALUE.search(body):
                        continue
                    reference = _CELL_REF.search(cell.group(2))
                    if reference is None:
                        raise _CellWithoutReference
                    found.add((int(reference.group(2)) - 1, _column_index(reference.group(1))))
            if not chunk:
                return found


def _after_last_row(data: bytes, start: int) -> int:
    """Where the last row's end tag at or after ``start`` ends; -1 when there is none."""
    plain = data.rfind(b"</row>", start)
    if plain >= 0:
        return plain + len(b"</row>")
    last = None
    for match in _ROW_END.finditer(data, start):  # a namespace prefix, or space before ">"
        last = match
    return -1 if last is None else last.end()


def _parse_formula_cells(archive: zipfile.ZipFile, part: str) -> set[tuple[int, int]]:
    found = set()
    row = column = -1
    sheet_data = None
    with archive.open(part) as stream:
        for event, element in _events(stream):
            name = _local(element.tag)
            if event == "start":
                if name == "sheetData":
                    sheet_data = element
                elif name == "row":
                    row = int(element.get("r")) - 1 if element.get("r") else row + 1
                    column = -1
                continue
            if name == "c":
                reference = _REFERENCE.fullmatch(element.get("r", ""))
                if reference:
                    row, column = int(reference.group(2)) - 1, _column_index(reference.group(1).encode())
                else:
                    column += 1
                children = {_local(child.tag): child for child in element}
                value = children.get("v")
                if "f" in children and (value is None or not value.text):
                    found.add((row, column))
            elif name == "row" and sheet_data is not None:
                sheet_data.clear()  # rows already read: memory stays bounded
    return found
