"""An import workbook made from the generator's rows, as a user fills in the template.

Headers, Chinese drop-down labels, category names, Excel dates for birth dates and the ID number
as text: what a community worker's file looks like, so the import is measured on the work it
does for real files. Written with xlsxwriter's constant memory mode, so 100k rows cost little.
"""

from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

import xlsxwriter

from concentric.people.importing.columns import DATA_SHEET, HEADERS, choice_labels
from concentric.people.synthetic.generator import PersonRow

# Template column -> PersonRow attribute, for the columns the generator fills.
FILLED = {
    "name": "name",
    "gender": "gender",
    "birth_date": "birth_date",
    "id_number": "id_number",
    "phone": "phone",
    "residence_address": "residence_address",
    "education": "education",
    "occupation": "occupation",
    "work_unit": "work_unit",
    "political_affiliation": "political_affiliation",
    "religion": "religion",
    "overseas_status": "overseas_status",
    "overseas_country": "overseas_country",
    "tier": "tier",
}
CHOICE_COLUMNS = ("gender", "education", "political_affiliation", "religion", "overseas_status", "tier")


class RowCells:
    """Turns a PersonRow into the cells of one template row (header order; None for empty)."""

    def __init__(self, category_names: dict[str, str]):
        from concentric.people.importing.columns import COLUMNS

        self.fields = [column.field for column in COLUMNS]
        self.category_names = category_names
        self.labels = {field: dict(choice_labels(field)) for field in CHOICE_COLUMNS}

    def __call__(self, row: PersonRow) -> list:
        cells = []
        for field in self.fields:
            if field == "ethnicity":
                cells.append("汉族")
            elif field == "main_category":
                cells.append(self.category_names[row.main_category])
            elif field == "categories":
                others = [self.category_names[code] for code in row.categories if code != row.main_category]
                cells.append("、".join(others) or None)
            elif field in FILLED:
                value = getattr(row, FILLED[field])
                if field in self.labels:
                    value = self.labels[field].get(value) if value else None
                cells.append(value or None)
            else:
                cells.append(None)
        return cells


def write_import_workbook(path: Path, rows: Iterable[PersonRow], category_names: dict[str, str]) -> int:
    """Write ``rows`` as an import file at ``path``; returns the number of data rows."""
    to_cells = RowCells(category_names)
    book = xlsxwriter.Workbook(
        str(path),
        {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False},
    )
    sheet = book.add_worksheet(DATA_SHEET)
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    for index, header in enumerate(HEADERS):
        sheet.write_string(0, index, header)
    count = 0
    for count, row in enumerate(rows, start=1):
        for index, value in enumerate(to_cells(row)):
            if value is None:
                continue
            if isinstance(value, str):
                sheet.write_string(count, index, value)
            else:
                sheet.write_datetime(count, index, datetime(value.year, value.month, value.day), date_format)
    book.close()
    return count


def rows_not_on_file(rows: Iterable[PersonRow], chunk: int = 2000) -> Iterator[PersonRow]:
    """The rows whose ID number is not already registered (the import must not meet duplicates:
    a separately seeded generator can, rarely, draw a number the registry holds)."""
    from concentric.people.models import Person

    digest = Person._meta.get_field("id_number_index").digest
    pending: list[PersonRow] = []

    def flush() -> Iterator[PersonRow]:
        digests = {digest(row.id_number): row for row in pending}
        taken = set()
        keys = list(digests)
        for start in range(0, len(keys), 500):
            found = Person.objects.filter(id_number_index__in=keys[start : start + 500])
            taken |= set(found.values_list("id_number_index", flat=True))
        yield from (row for key, row in digests.items() if key not in taken)

    for row in rows:
        pending.append(row)
        if len(pending) >= chunk:
            yield from flush()
            pending = []
    if pending:
        yield from flush()
