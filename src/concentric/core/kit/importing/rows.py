"""Reading one spreadsheet row into field values: each cell through its column's parser (the
generic ones here, the kind's own from its handler), required cells checked, then the kind's
handler completes the row (rules across fields, values derived from others) or refuses it.
Errors are {"column": header as the file heads it, "reason": text} in the active language.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from concentric.core.kit.importing.cells import (
    CellError,
    cell_text,
    check_text,
    checked_text,
    formula_refused,
    parse_date,
    parse_datetime,
)
from concentric.core.kit.importing.columns import Column, choice_lookup
from concentric.core.validation import clean_phone


@dataclass
class ParsedRow:
    sheet: str
    row_number: int
    values: dict | None = None  # a valid row's field values by attname, as the model takes them
    errors: list = field(default_factory=list)  # [{"column": header, "reason": text}]
    filled: set = field(default_factory=set)  # fields given a value in the file
    label: str = ""  # what names the row in the results table (the kind's label field)
    related: object = None  # what the kind keeps beside the values (a person's categories …)

    @property
    def name(self) -> str:
        return self.label


def messages_of(error: ValidationError) -> str:
    return "；".join(str(message) for message in error.messages)


def parse_choice(column: Column, raw):
    value = choice_lookup(column).get("".join(checked_text(column, raw).split()).lower())
    if value is None:
        raise CellError(_("Not one of the values in the drop-down list."))
    return value


def parse_phone(column: Column, raw):
    return clean_phone(checked_text(column, raw), field=column.field)


def parse_date_cell(column: Column, raw):
    if isinstance(raw, str):
        check_text(column, raw.strip())
    return parse_date(raw)


def parse_datetime_cell(column: Column, raw):
    if isinstance(raw, str):
        check_text(column, raw.strip())
    return parse_datetime(raw)


PARSERS: dict[str, Callable] = {
    "text": checked_text,
    "choice": parse_choice,
    "phone": parse_phone,
    "date": parse_date_cell,
    "datetime": parse_datetime_cell,
}


class RowReader:
    """Turns the rows of one sheet into ParsedRow objects. ``header`` is the sheet's first row;
    ``parsers`` the kind's own parsers by name; ``complete(row, values)`` the kind's last word."""

    def __init__(
        self,
        *,
        sheet: str,
        header: list,
        columns,
        parsers: dict,
        complete: Callable,
        label_field: str,
        uncached_formulas=frozenset(),
    ):
        self.sheet = sheet
        # (row number, cell index) of formula cells without a cached value, which calamine reads as empty
        self.uncached_formulas = uncached_formulas
        self.complete = complete
        self.label_field = label_field
        positions = {cell_text(text).replace(" ", "").lstrip("*"): index for index, text in enumerate(header)}
        parse = PARSERS | parsers
        # (cell index, column, header as the file heads it: errors name an older name as written, parser)
        self.columns: list[tuple[int, Column, str, Callable]] = []
        self.missing = []
        for column in columns:
            found = next((header for header in (column.header, *column.aliases) if header in positions), None)
            if found is None:
                if column.required:
                    self.missing.append(column.header)
            else:
                self.columns.append((positions[found], column, found, parse[column.parser]))
        self.header_of = {column.field: column.header for column in columns}
        self.header_of.update({column.field: found for _index, column, found, _parse in self.columns})
        self.required = [column for column in columns if column.required]

    def read(self, cells: list, row_number: int) -> ParsedRow | None:
        """None for an empty row; otherwise the row with its values or its errors."""
        row = ParsedRow(self.sheet, row_number)
        values = {}
        width = len(cells)
        empty = True
        formulas = self.uncached_formulas
        for index, column, header, parse in self.columns:
            raw = cells[index] if index < width else None
            if formulas and (row_number, index) in formulas:
                empty = False
                row.errors.append({"column": header, "reason": formula_refused()})
                continue
            if raw is None or raw == "":
                if column.required:
                    values[column.field] = ""
                continue
            empty = False
            try:
                values[column.field] = parse(column, raw)
                row.filled.add(column.field)
            except CellError as error:
                row.errors.append({"column": header, "reason": str(error)})
            except ValidationError as error:
                row.errors.append({"column": header, "reason": messages_of(error)})
        if empty:
            return None
        label = values.get(self.label_field)
        row.label = label if isinstance(label, str) else ""
        failed = {error["column"] for error in row.errors}
        for column in self.required:
            header = self.header_of[column.field]
            if values.get(column.field) == "" and header not in failed:
                row.errors.append(
                    {"column": header, "reason": str(column.required_message or _("This column is required."))}
                )
        # The kind's own checks run on a row with refused cells too, so the report gives every
        # problem of the row at once; such a row keeps no values.
        self.complete(row, values)
        if row.errors:
            row.values = None
        return row
