"""Exports of scoped records: CSV streamed row by row, xlsx written with constant memory.

An export is a header and an iterable of rows of plain values: ``object_rows`` makes them from
records and the columns of a kit Table (core.kit.tables); a heavy export (the members) yields its
rows from tuples itself. Both writers pass every value through ``to_cell``, so a spreadsheet never
runs a cell as a formula (CSV injection), unless the rows say they are finished cells already
(``cells=True``: the export that made them neutralised its text itself); and every export leaves
one audit event: action "export", the filter in ``reason`` and the row count.
"""

import csv
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal

import xlsxwriter
from django.db.models.sql.constants import MULTI
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from concentric.core.auditing import audit_record

# Characters that make Excel, LibreOffice or WPS read a cell as a formula (or split it).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
UTF8_BOM = "\ufeff"  # without it Excel opens a UTF-8 CSV as GBK and garbles Chinese
FORMATS = ("csv", "xlsx")
MEDIA_TYPES = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
CSV_ROWS_PER_CHUNK = 200
ITERATOR_CHUNK = 2000


def neutralise(value):
    """Text a spreadsheet could run as a formula gets a leading apostrophe; anything else is kept.

    Numbers stay numbers: they are written as numbers, never parsed as formulas.
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def to_cell(value):
    """A Python value as a safe export cell: a number, or neutralised text."""
    if value.__class__ is str:  # most cells: the fast path first
        return "'" + value if value.startswith(FORMULA_TRIGGERS) else value
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, (int, float, Decimal)):
        return value
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return neutralise(str(value))


def stored_chunks(queryset, fields: Sequence[str]) -> Iterator[list[tuple]]:
    """The stored values of ``fields`` (names and ``__`` lookups, no expressions) of each record,
    a chunk of tuples at a time, as the database driver returns them: no field converter runs, so
    ciphertext stays ciphertext and SQLite dates stay text. For exports that decrypt only what
    they show (a values_list's converters decrypt every encrypted column of every row). On
    PostgreSQL the rows come through a server-side cursor, as ``iterator()`` would."""
    compiler = queryset.values_list(*fields).query.get_compiler(queryset.db)
    yield from compiler.execute_sql(MULTI, chunked_fetch=True, chunk_size=ITERATOR_CHUNK)


def object_rows(queryset, columns: list) -> Iterator[list]:
    """The export rows of ``queryset``'s records, one value per column."""
    for obj in queryset.iterator(chunk_size=ITERATOR_CHUNK):
        yield [column.read(obj) for column in columns]


class _Echo:
    """A file-like object whose write returns the line, so csv.writer can feed a generator."""

    def write(self, value):
        return value


def _csv_chunks(header: list[str], rows: Iterable[Sequence], language: str, *, cells: bool) -> Iterator[str]:
    writer = csv.writer(_Echo())
    # The body is produced after the view returned: keep the request's language for cell text.
    with translation.override(language):
        buffer = [UTF8_BOM + writer.writerow([neutralise(label) for label in header])]
        for row in rows:
            buffer.append(writer.writerow(row if cells else [to_cell(value) for value in row]))
            if len(buffer) >= CSV_ROWS_PER_CHUNK:
                yield "".join(buffer)
                buffer = []
        if buffer:
            yield "".join(buffer)


def _write_xlsx(
    target, header: list[str], widths: list[int], rows: Iterable[Sequence], sheet: str, *, cells: bool
) -> int:
    workbook = xlsxwriter.Workbook(
        target,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "nan_inf_to_errors": True,
        },
    )
    worksheet = workbook.add_worksheet(sheet)
    bold = workbook.add_format({"bold": True})
    for index, width in enumerate(widths):
        worksheet.set_column(index, index, width)
    worksheet.freeze_panes(1, 0)
    for index, label in enumerate(header):
        worksheet.write_string(0, index, neutralise(label), bold)
    write_string, write_number, write_datetime = (
        worksheet.write_string,
        worksheet.write_number,
        worksheet.write_datetime,
    )
    # Dates and times are Excel dates (sortable, filterable by month), shown as the CSV spells them.
    day_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    moment_format = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    count = 0
    for count, row in enumerate(rows, start=1):
        for index, value in enumerate(row):
            if not cells:
                if value.__class__ is not str and isinstance(value, date):
                    if isinstance(value, datetime):
                        moment = timezone.localtime(value) if timezone.is_aware(value) else value
                        write_datetime(count, index, moment.replace(tzinfo=None), moment_format)
                    else:
                        write_datetime(count, index, value, day_format)
                    continue
                value = to_cell(value)
            if value.__class__ is str:
                if value:  # an empty cell is no cell
                    write_string(count, index, value)
            else:
                write_number(count, index, value)
    workbook.close()
    return count


def _sheet_name(title: str) -> str:
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip()
    return (cleaned or "Sheet1")[:31]


def file_stem(title: str) -> str:
    """A title as the start of a downloaded file's name: what the user reads on the page (统战成员,
    定期定量规则), without the characters Windows refuses in a name."""
    cleaned = "".join("-" if ch in '\\/:*?"<>|' or ord(ch) < 32 else ch for ch in title).strip(" .-")
    return cleaned[:60] or "export"


def export_response(
    *,
    actor,
    queryset,
    columns: list,
    fmt: str,
    title: str,
    reason: str,
    rows: Iterable[Sequence] | None = None,
    cells: bool = False,
):
    """Audit and answer the export of ``queryset`` (already scoped, filtered and ordered): its
    ``rows`` when given (one value per column), else ``object_rows`` of its records. ``cells``:
    the rows are finished cells (text through ``neutralise``, numbers as numbers), written as
    they are."""
    header = [str(column.label) for column in columns]
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    filename = f"{file_stem(title)}-{stamp}.{fmt}"
    if rows is None:
        rows = object_rows(queryset, columns)

    def record(count: int) -> None:
        audit_record(
            actor=actor,
            action="export",
            object_type=queryset.model._meta.label_lower,
            object_repr=f"{count} rows ({fmt})",
            reason=reason,
        )

    if fmt == "xlsx":
        # A zip cannot be streamed while written: build it in a temporary file, then send that.
        target = tempfile.TemporaryFile()  # noqa: SIM115  FileResponse closes it once sent; closed below if writing fails
        try:
            widths = [column.width for column in columns]
            record(_write_xlsx(target, header, widths, rows, _sheet_name(title), cells=cells))
        except BaseException:
            target.close()
            raise
        target.seek(0)
        return FileResponse(
            target,
            as_attachment=True,
            filename=filename,
            content_type=MEDIA_TYPES["xlsx"],
        )
    record(queryset.count())
    response = StreamingHttpResponse(
        _csv_chunks(header, rows, translation.get_language(), cells=cells),
        content_type=f"{MEDIA_TYPES['csv']}; charset=utf-8",
    )
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
