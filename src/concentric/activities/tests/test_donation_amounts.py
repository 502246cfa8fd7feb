"""Yuan and quantities are read exactly from what people type, and only what reads one way."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from concentric.activities.amounts import parse_quantity, parse_yuan


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("50000", "50000.00"),
        ("50,000.00", "50000.00"),
        ("1,234,567.8", "1234567.80"),
        ("５００００", "50000.00"),
        ("￥50000元", "50000.00"),
        ("5万", "50000.00"),
        ("1.25万", "12500.00"),
        ("0.10", "0.10"),
        (" 300.5 ", "300.50"),
        (50000, "50000.00"),
        (Decimal("0.2"), "0.20"),
    ],
)
def test_yuan_read_exactly(text, expected):
    value = parse_yuan(text)
    assert isinstance(value, Decimal)
    assert str(value) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("5,00", "逗号"),
        ("50,0000", "逗号"),
        ("0.001", "两位小数"),
        ("1.234567891万", "两位小数"),
        ("0", "大于零"),
        ("-5", "例如"),
        ("abc", "例如"),
        ("5千", "例如"),
        ("", "请填写"),
        ("1e5", "例如"),
        ("NaN", "例如"),
        ("1000000000000", "太大"),
        (0.1, "文字"),
        (True, "文字"),
    ],
)
def test_ambiguous_or_wrong_figures_are_refused_in_chinese(text, message):
    with pytest.raises(ValidationError) as refused:
        parse_yuan(text)
    assert message in " ".join(refused.value.messages)


def test_a_quantity_takes_no_yuan_sign():
    assert parse_quantity("5,000") == Decimal("5000.00")
    assert parse_quantity("2.5") == Decimal("2.50")
    with pytest.raises(ValidationError):
        parse_quantity("5000元")
