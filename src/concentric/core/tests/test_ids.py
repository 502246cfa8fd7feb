"""core.ids: what counts as a record id a client may send (an integer the database holds)."""

import pytest
from django import forms

from concentric.core.forms import CheckedIds
from concentric.core.ids import LARGEST_ID, SMALLEST_ID, as_integer, row_id


@pytest.mark.parametrize(
    ("value", "integer", "id_"),
    [
        (12, 12, 12),
        ("12", 12, 12),
        (" 12 ", 12, 12),
        ("-3", -3, -3),
        (LARGEST_ID, LARGEST_ID, LARGEST_ID),
        (SMALLEST_ID, SMALLEST_ID, SMALLEST_ID),
        (LARGEST_ID + 1, LARGEST_ID + 1, None),
        (str(SMALLEST_ID - 1), SMALLEST_ID - 1, None),
        ("9" * 5000, None, None),  # beyond int()'s digit limit
        (True, None, None),
        (1.0, None, None),
        (float("inf"), None, None),
        ("1e400", None, None),
        ("1.5", None, None),
        ("", None, None),
        (None, None, None),
        ([1], None, None),
    ],
)
def test_ids_are_integers_within_the_signed_64_bit_range(value, integer, id_):
    assert (as_integer(value), row_id(value)) == (integer, id_)


def test_checked_ids_take_positive_ids_the_database_holds():
    field = CheckedIds()
    assert field.clean(["1", "22", str(LARGEST_ID)]) == [1, 22, LARGEST_ID]
    for refused in (str(LARGEST_ID + 1), "0", "-1", "abc", "1.5"):
        with pytest.raises(forms.ValidationError) as error:
            field.clean(["1", refused])
        assert error.value.messages == [f"请从可选项中选择：{refused} 不在其中。"]
