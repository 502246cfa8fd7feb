"""The import kit reads dates with times for every kind: Excel date-times and serial numbers,
and the ways people type them, as local time (Asia/Shanghai); anything else refused with the
reason in Chinese."""

from datetime import date, datetime

import pytest
from django.utils import timezone, translation

from concentric.core.kit.importing.cells import CellError, parse_datetime
from concentric.core.kit.importing.columns import Column
from concentric.core.kit.importing.rows import RowReader

SHANGHAI = timezone.get_default_timezone()


def at(*parts) -> datetime:
    return datetime(*parts, tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (datetime(2026, 10, 1, 9, 0), at(2026, 10, 1, 9)),
        (datetime(2026, 10, 1, 9, 0, 0, 400), at(2026, 10, 1, 9)),
        (46296.375, at(2026, 10, 1, 9)),  # an Excel serial number: 1 October 2026, 9:00
        (46296.3958333333, at(2026, 10, 1, 9, 30)),  # 9:30, as Excel stores it
        ("2026-10-01 09:00", at(2026, 10, 1, 9)),
        ("2026/10/1 9:00", at(2026, 10, 1, 9)),
        ("2026.10.1 9:05:30", at(2026, 10, 1, 9, 5, 30)),
        ("2026-10-01T09:00", at(2026, 10, 1, 9)),
        ("2026年10月1日 9时", at(2026, 10, 1, 9)),
        ("2026年10月1日9时30分", at(2026, 10, 1, 9, 30)),
        ("2026年10月1日 9点30分", at(2026, 10, 1, 9, 30)),
        ("２０２６－１０－０１　０９：００", at(2026, 10, 1, 9)),  # full-width digits and colon
        ("  2026-10-01   23:59 ", at(2026, 10, 1, 23, 59)),
        (None, None),
        ("", None),
    ],
)
def test_accepted_date_times(raw, expected):
    value = parse_datetime(raw)
    assert value == expected
    if value is not None:
        assert value.utcoffset().total_seconds() == 8 * 3600


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("2026-10-01", "请填写日期和时间，如 2026-10-01 09:00。"),  # midnight would be a guess
        (date(2026, 10, 1), "请填写日期和时间，如 2026-10-01 09:00。"),
        ("明天上午", "请填写日期和时间，如 2026-10-01 09:00。"),
        ("2026-10-01 9", "请填写日期和时间，如 2026-10-01 09:00。"),
        (-3.5, "请填写日期和时间，如 2026-10-01 09:00。"),
        (True, "请填写日期和时间，如 2026-10-01 09:00。"),
        ("2026-02-30 09:00", "日期不存在。"),
        ("2026-10-01 24:00", "时间不存在。"),
        ("2026-10-01 09:60", "时间不存在。"),
        ("2026年10月1日 9时75分", "时间不存在。"),
    ],
)
def test_refused_date_times(raw, reason):
    with translation.override("zh-hans"), pytest.raises(CellError) as refused:
        parse_datetime(raw)
    assert str(refused.value) == reason


def test_a_datetime_column_of_any_kind_reads_through_the_row_reader():
    column = Column("starts_at", "开始时间", "datetime", required=True)
    completed = []
    reader = RowReader(
        sheet="表",
        header=["开始时间"],
        columns=(column,),
        parsers={},
        complete=lambda row, values: completed.append(values) or setattr(row, "values", values),
        label_field="starts_at",
    )
    with translation.override("zh-hans"):
        good = reader.read(["2026/10/1 9:00"], 2)
        formula = reader.read(["=NOW()"], 3)
        empty_required = reader.read([" 2026-10-01 "], 4)
    assert good.values == {"starts_at": at(2026, 10, 1, 9)} and not good.errors
    assert formula.errors == [{"column": "开始时间", "reason": "内容不能以 = + - @ 开头（可能被当作公式执行）。"}]
    assert empty_required.errors == [{"column": "开始时间", "reason": "请填写日期和时间，如 2026-10-01 09:00。"}]
