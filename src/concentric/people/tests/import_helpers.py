"""Building import workbooks and hashing the people tables for the import and export tests."""

import hashlib
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape

import xlsxwriter
from django.db import connection

from concentric.people.importing.columns import DATA_SHEET, HEADERS
from concentric.people.tests.conftest import id_number

PEOPLE_TABLES = (
    "people_person",
    "people_personsearchtoken",
    "people_person_categories",
    "people_person_tags",
    "people_duplicatecase",
    "people_pathevent",
)


def row(**values) -> dict:
    """A valid row by header; override cells by header name."""
    base = {
        "姓名": "张三",
        "主要类别": "无党派人士",
        "证件号码": id_number("19800102", "123"),
        "手机号码": "13812345678",
    }
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


@dataclass(frozen=True)
class Formula:
    """A formula cell for ``workbook_xml``: ``cached`` None writes no <v> at all, "" an empty one."""

    text: str
    cached: str | None = None
    shared: bool = False


_PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/relationships">'
    '<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{ns}/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}/spreadsheetml/2006/main" '
    'xmlns:r="{ns}/officeDocument/2006/relationships"><sheets><sheet name="{sheet}" sheetId="1" r:id="rId7"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/relationships">'
    '<Relationship Id="rId7" Type="{ns}/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/>'
    "</Relationships>"
)
_OOXML = "http://schemas.openxmlformats.org"


def _column_letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def workbook_xml(path: Path, rows: dict[int, dict], *, headers=HEADERS, references: bool = True) -> Path:
    """An .xlsx written part by part, as some tools write it: text in inline strings, and formula
    cells (``Formula``) with or without a cached value. ``rows`` maps Excel row numbers (2 on) to
    cells by header; ``references=False`` leaves out the cells' optional ``r`` attribute."""

    def cell(row_number: int, index: int, value) -> str:
        ref = f' r="{_column_letters(index)}{row_number}"' if references else ""
        if isinstance(value, Formula):
            kind = ' t="str"' if value.cached else ""
            formula = '<f t="shared" si="0"/>' if value.shared else f"<f>{escape(value.text)}</f>"
            cached = "" if value.cached is None else f"<v>{escape(value.cached)}</v>"
            return f"<c{ref}{kind}>{formula}{cached}</c>"
        if value is None:
            return f"<c{ref}/>"
        return f'<c{ref} t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'

    lines = [f'<row r="1">{"".join(cell(1, i, header) for i, header in enumerate(headers))}</row>']
    for number in sorted(rows):
        cells = [cell(number, i, rows[number].get(header)) for i, header in enumerate(headers)]
        lines.append(f'<row r="{number}">{"".join(cells)}</row>')
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_OOXML}/spreadsheetml/2006/main">'
        f"<sheetData>{''.join(lines)}</sheetData></worksheet>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES.format(ns=_OOXML))
        archive.writestr("_rels/.rels", _PACKAGE_RELS.format(ns=_OOXML))
        archive.writestr("xl/workbook.xml", _WORKBOOK.format(ns=_OOXML, sheet=DATA_SHEET))
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS.format(ns=_OOXML))
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def table_hashes() -> dict:
    """An SHA-256 over every row of each people table, in primary-key order."""
    hashes = {}
    with connection.cursor() as cursor:
        for table in PEOPLE_TABLES:
            cursor.execute(f"SELECT * FROM {table} ORDER BY 1")
            digest = hashlib.sha256()
            for record in cursor.fetchall():
                digest.update(repr(record).encode())
            hashes[table] = digest.hexdigest()
    return hashes
