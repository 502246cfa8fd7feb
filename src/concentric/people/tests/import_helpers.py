"""Building import workbooks and hashing the people tables for the import and export tests."""

import hashlib
from datetime import date, datetime
from pathlib import Path

import xlsxwriter
from django.db import connection

from concentric.people.importing.columns import DATA_SHEET, HEADERS
from concentric.people.tests.conftest import id_number

PEOPLE_TABLES = (
    "people_person", "people_personsearchtoken", "people_person_categories", "people_person_tags",
    "people_duplicatecase", "people_pathevent",
)


def row(**values) -> dict:
    """A valid row by header; override cells by header name."""
    base = {"姓名": "张三", "主要类别": "无党派人士", "证件号码": id_number("19800102", "123"), "手机号码": "13812345678"}
    base.update(values)
    return base


def workbook(path: Path, rows: list[dict], *, headers=HEADERS, sheet: str = DATA_SHEET) -> Path:
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    ws = book.add_worksheet(sheet)
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    for index, header in enumerate(headers):
        ws.write_string(0, index, header)
    for number, values in enumerate(rows, start=1):
        for index, header in enumerate(headers):
            value = values.get(header)
            if value is None:
                continue
            if isinstance(value, (date, datetime)):
                ws.write_datetime(number, index, datetime(value.year, value.month, value.day), date_format)
            elif isinstance(value, (int, float)):
                ws.write_number(number, index, value)
            else:
                ws.write_string(number, index, value)
    book.close()
    return path


def table_hashes() -> dict:
    """An SHA-256 over every row of each people table, in primary-key order."""
    hashes = {}
    with connection.cursor() as cursor:
        for table in PEOPLE_TABLES:
            cursor.execute(f"SELECT * FROM {table} ORDER BY 1")  # noqa: S608 - fixed table names
            digest = hashlib.sha256()
            for record in cursor.fetchall():
                digest.update(repr(record).encode())
            hashes[table] = digest.hexdigest()
    return hashes
