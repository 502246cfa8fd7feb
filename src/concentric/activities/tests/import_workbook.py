"""Workbooks for the activity import's tests, written as a worker's Excel would hold them: Excel
date-times where the test gives a datetime, numbers where it gives one, text otherwise."""

from datetime import datetime
from decimal import Decimal
from pathlib import Path

import xlsxwriter

from concentric.activities.importing.columns import DATA_SHEET, HEADERS


def activity_workbook(path: Path, rows: list[dict], *, headers=HEADERS, sheet: str = DATA_SHEET) -> Path:
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    data = book.add_worksheet(sheet)
    moment = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    for index, header in enumerate(headers):
        data.write_string(0, index, header)
    for number, values in enumerate(rows, start=1):
        for index, header in enumerate(headers):
            value = values.get(header)
            if value is None:
                continue
            if isinstance(value, datetime):
                data.write_datetime(number, index, value, moment)
            elif isinstance(value, (int, float, Decimal)):
                data.write_number(number, index, float(value))
            else:
                data.write_string(number, index, value)
    book.close()
    return path
