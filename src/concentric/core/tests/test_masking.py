from datetime import date

import pytest

from concentric.core.masking import mask, mask_date, mask_field


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        ("330102199001011234", "id_number", "330102********1234"),
        ("33010219900101123x", "id_number", "330102********123X"),
        ("13812345678", "phone", "138****5678"),
        ("138 1234 5678", "phone", "138****5678"),
        ("057187654321", "phone", "05******4321"),
        ("E12345678", "generic", "E12****78"),
        ("上城区崔家巷4号", "generic", "上城区***4号"),
        ("", "phone", ""),
        (None, "id_number", ""),
    ],
)
def test_masks(value, kind, expected):
    assert mask(value, kind) == expected


def test_unknown_mask_kind_is_an_error():
    with pytest.raises(KeyError):
        mask("x", "nonsense")


def test_a_date_keeps_its_year_only():
    from concentric.people.models import Person

    assert mask_date(date(1950, 3, 7)) == "1950-**-**"
    assert mask_field(Person._meta.get_field("birth_date"), date(1950, 3, 7)) == "1950-**-**"
    assert mask_field(Person._meta.get_field("birth_date"), None) == ""
