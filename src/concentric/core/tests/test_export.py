"""Exports: formula neutralising, the streamed UTF-8 CSV with BOM, constant-memory xlsx, the audit."""

import csv
import io
import zipfile
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.http import FileResponse, StreamingHttpResponse
from django.utils import translation
from python_calamine import CalamineWorkbook

from concentric.audit.models import AuditEvent
from concentric.core.export import export_response, neutralise, to_cell
from concentric.core.kit.tables import Column
from concentric.org.models import OrgUnit
from conftest import make_unit

COLUMNS = [
    Column("编码", lambda unit: unit.code),
    Column("名称", lambda unit: unit.name),
    Column("层级", lambda unit: unit.depth),
    Column("启用", lambda unit: unit.is_active),
    Column("创建", lambda unit: datetime(2026, 3, 1, 16, 30, tzinfo=UTC)),
]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+8613800000000", "'+8613800000000"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=cmd", "'\t=cmd"),
        ("\r=cmd", "'\r=cmd"),
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("东坡社区", "东坡社区"),
        ("a=b", "a=b"),
        (" =1", " =1"),
        ("", ""),
        ("'already", "'already"),
        (-5, -5),
        (3.5, 3.5),
        (Decimal("-1.20"), Decimal("-1.20")),
        (None, None),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_to_cell_formats_values_for_spreadsheets():
    with translation.override("zh-hans"):
        assert [to_cell(True), to_cell(False)] == ["是", "否"]
    assert to_cell(None) == ""
    assert to_cell(7) == 7
    # Stored in UTC, shown in Asia/Shanghai.
    assert to_cell(datetime(2026, 3, 1, 16, 30, tzinfo=UTC)) == "2026-03-02 00:30:00"
    assert to_cell("=danger") == "'=danger"


@pytest.fixture
def units(tree):
    make_unit("F1", "=1+1", "other", tree["C1"])
    return OrgUnit.objects.filter(code__in=["C1", "F1"]).order_by("path")


def test_csv_is_streamed_with_a_bom_and_neutralised_cells(units, users):
    with translation.override("zh-hans"):
        response = export_response(
            actor=users["c1_staff"],
            queryset=units,
            columns=COLUMNS,
            fmt="csv",
            title="单位",
            reason="filter: none",
        )
        raw = b"".join(response.streaming_content)

    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert raw.startswith("\ufeff编码".encode())
    assert list(csv.reader(io.StringIO(raw.decode("utf-8-sig")))) == [
        ["编码", "名称", "层级", "启用", "创建"],
        ["C1", "东坡社区", "2", "是", "2026-03-02 00:30:00"],
        ["F1", "'=1+1", "3", "是", "2026-03-02 00:30:00"],
    ]
    event = AuditEvent.objects.get()
    assert (event.actor_id, event.action, event.object_type, event.object_repr, event.reason) == (
        users["c1_staff"].pk,
        "export",
        "org.orgunit",
        "2 rows (csv)",
        "filter: none",
    )


def test_xlsx_keeps_numbers_and_dates_and_never_writes_formulas(units, users):
    with translation.override("zh-hans"):
        response = export_response(
            actor=users["c1_staff"],
            queryset=units,
            columns=COLUMNS,
            fmt="xlsx",
            title="单位/列表",
            reason="r",
        )
    data = b"".join(response.streaming_content)

    assert isinstance(response, FileResponse)
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    assert workbook.sheet_names == ["单位 列表"]
    assert workbook.get_sheet_by_index(0).to_python() == [
        ["编码", "名称", "层级", "启用", "创建"],
        ["C1", "东坡社区", 2, "是", datetime(2026, 3, 2, 0, 30)],  # an Excel date, in local time
        ["F1", "'=1+1", 3, "是", datetime(2026, 3, 2, 0, 30)],
    ]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
        styles = archive.read("xl/styles.xml").decode()
    assert "<f>" not in sheet
    assert 'formatCode="yyyy-mm-dd hh:mm:ss"' in styles
    assert AuditEvent.objects.get().object_repr == "2 rows (xlsx)"


def test_a_download_is_named_as_its_page_without_the_characters_windows_refuses():
    from concentric.core.export import file_stem

    assert file_stem("统战成员") == "统战成员"
    assert file_stem('湖滨街道 2026 每周活动/定量: "下限"?') == "湖滨街道 2026 每周活动-定量- -下限"
    assert file_stem("...") == "export"


def test_an_empty_export_still_has_its_header_and_is_audited(tree, users):
    response = export_response(
        actor=users["c1_staff"],
        queryset=OrgUnit.objects.none(),
        columns=COLUMNS,
        fmt="csv",
        title="x",
        reason="filter: none",
    )
    assert b"".join(response.streaming_content).decode("utf-8-sig").splitlines() == ["编码,名称,层级,启用,创建"]
    assert AuditEvent.objects.get().object_repr == "0 rows (csv)"
