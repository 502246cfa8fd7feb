"""The review as an XLSX workbook: one sheet per group of figures (the headline figures, the
headline groups, each breakdown, the child units side by side), numbers written as numbers."""

from decimal import Decimal
from io import BytesIO

import xlsxwriter

from concentric.core.export import neutralise
from concentric.reports.documents import layout

SHEET_NAME_LIMIT = 31
FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "_"))


def _number(value):
    number = Decimal(str(value))
    return int(number) if number == number.to_integral_value() else float(number)


def _sheet_name(title: str, taken: set) -> str:
    name = title.translate(FORBIDDEN)[:SHEET_NAME_LIMIT] or "_"
    base, n = name, 2
    while name.lower() in taken:
        suffix = f"({n})"
        name, n = base[: SHEET_NAME_LIMIT - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def review_xlsx(review: dict) -> bytes:
    out = BytesIO()
    workbook = xlsxwriter.Workbook(
        out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    )
    bold = workbook.add_format({"bold": True})
    # Numbers with decimals (money, hours) keep them, with thousands separators, as on the page.
    decimal_formats = {places: workbook.add_format({"num_format": "#,##0." + "0" * places}) for places in range(1, 5)}
    taken: set = set()

    def sheet(title: str, header: list[str], rows: list[list]) -> None:
        worksheet = workbook.add_worksheet(_sheet_name(title, taken))
        worksheet.set_column(0, 0, 28)
        worksheet.set_column(1, len(header), 14)
        for column, label in enumerate(header):
            worksheet.write_string(0, column, neutralise(str(label)), bold)
        worksheet.freeze_panes(1, 0)
        for index, row in enumerate(rows, start=1):
            for column, value in enumerate(row):
                if isinstance(value, layout.Row):
                    places = len(value.value.partition(".")[2]) if isinstance(value.value, str) else 0
                    worksheet.write_number(index, column, _number(value.value), decimal_formats.get(places))
                else:
                    worksheet.write_string(index, column, neutralise(str(value)))

    word = layout.word
    sheet(
        word("Main figures"),
        layout.value_headers(word("Figure")),
        [[row.label, row, row.unit] for row in layout.figure_rows(review)],
    )
    sheet(
        word("Headline groups"),
        layout.value_headers(word("Group")),
        [[row.label, row, row.unit] for row in layout.group_rows(review)],
    )
    for name, title, rows in layout.breakdowns(review):
        sheet(title, layout.value_headers(layout.breakdown_header(name)), [[row.label, row, row.unit] for row in rows])
    sections = layout.children_sections(review)
    if sections:
        names = [row.label for row in layout.figure_rows(review)]
        keys = [key for key, value in review["figures"].items() if layout.is_number(value)]
        rows = []
        for name, figures, _groups in sections:
            rows.append([name] + [layout.Row("", figures.get(key, 0)) for key in keys])
        sheet(word("Child units"), [word("Unit"), *names], rows)
    sheet(word("Narrative"), [word("Narrative")], [[review["narrative"]]])
    workbook.close()
    return out.getvalue()
