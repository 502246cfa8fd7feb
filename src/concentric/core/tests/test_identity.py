from datetime import date

import pytest
from django.core.exceptions import ValidationError

from concentric.core.identity import check_digit, validate_id_number


def number(first17: str) -> str:
    return first17 + check_digit(first17)


def code_of(call) -> str:
    with pytest.raises(ValidationError) as info:
        call()
    return info.value.code


def test_a_1950_resident_of_shangcheng_is_valid_though_330102_began_in_1983():
    value = number("33010219500101123")
    assert validate_id_number(value) == value


def test_stdnum_alone_would_reject_that_number():
    from stdnum.cn import ric
    from stdnum.exceptions import ValidationError as StdnumError

    with pytest.raises(StdnumError):
        ric.validate(number("33010219500101123"))


def test_a_code_retired_before_the_birth_year_is_refused():
    # 330103 下城区 was in force 1983-2021: nobody born in 2022 can hold it.
    assert code_of(lambda: validate_id_number(number("33010320220101123"), today=date(2026, 11, 28))) == "region"
    assert validate_id_number(number("33010319600101123"))


def test_a_code_created_after_the_birth_year_is_accepted():
    # 330112 临安区 since 2017; a 1950-born resident re-registered there holds it.
    assert validate_id_number(number("33011219500101123"))


def test_an_unknown_code_is_refused():
    assert code_of(lambda: validate_id_number(number("33019919800101123"))) == "region"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("3301021950010112", "format"),
        ("33010219500101123A", "format"),
        ("330102195001011230", "checksum"),
    ],
)
def test_format_and_checksum(value, code):
    if code == "checksum" and value[-1] == check_digit(value[:17]):
        value = value[:17] + ("1" if value[-1] != "1" else "2")
    assert code_of(lambda: validate_id_number(value)) == code


def test_impossible_and_future_birth_dates():
    assert code_of(lambda: validate_id_number(number("33010219500230123"))) == "birth_date"
    assert code_of(lambda: validate_id_number(number("33010220990101123"), today=date(2026, 1, 1))) == "birth_date"


def test_birth_date_must_agree_with_the_given_one():
    value = number("33010219500101123")
    assert validate_id_number(value, birth_date=date(1950, 1, 1)) == value
    assert code_of(lambda: validate_id_number(value, birth_date=date(1950, 1, 2))) == "birth_date_mismatch"


def test_full_width_digits_spaces_and_lower_case_x_are_accepted():
    first17 = "11010519491231002"
    value = number(first17)
    typed = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in value[:6]) + " " + value[6:].lower()
    assert validate_id_number(typed) == value
