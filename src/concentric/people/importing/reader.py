"""Streaming the rows of a checked workbook with python-calamine."""

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook

from concentric.people.importing.columns import COLUMNS, HELP_SHEET, LISTS_SHEET
from concentric.people.importing.guard import ImportRefused, Limits, too_many_rows

REQUIRED_HEADER = COLUMNS[0].header


@dataclass
class DataSheet:
    name: str
    header: list
    first_row: int  # Excel row number of the header
    rows: Iterator  # the rows after the header, as lists of cells
    row_count: int


def open_sheets(path: Path, limits: Limits | None = None) -> tuple[CalamineWorkbook, list[DataSheet]]:
    """The workbook and its data sheets: every worksheet whose first row names the columns.
    Raises ImportRefused when there is none, or when they hold more rows than the limit."""
    limits = limits or Limits.from_settings()
    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception:  # calamine raises its own error types for every kind of damage
        raise ImportRefused(_("The workbook is damaged and cannot be read. Save it again as .xlsx.")) from None
    sheets = []
    total = 0
    for meta in book.sheets_metadata:
        if meta.name in (HELP_SHEET, LISTS_SHEET) or str(meta.typ) != "SheetTypeEnum.WorkSheet":
            continue
        sheet = book.get_sheet_by_name(meta.name)
        rows = sheet.iter_rows()
        header = next(rows, None)
        if header is None or REQUIRED_HEADER not in [str(cell).strip().lstrip("*") for cell in header]:
            continue
        start_row = sheet.start[0] if sheet.start else 0
        count = max(sheet.height - 1, 0)
        total += count
        if total > limits.max_rows:
            raise too_many_rows(total, limits)
        sheets.append(DataSheet(meta.name, header, start_row + 1, rows, count))
    return book, sheets
