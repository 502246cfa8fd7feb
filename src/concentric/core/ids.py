"""Record ids sent by clients: each one must be an integer the database can hold, a signed 64-bit
integer, before it reaches a query.

Django answers an out-of-range integer in an ``exact`` lookup with "no such row", but passes it on
in an ``__in`` lookup, where SQLite raises OverflowError (a server error); a JSON number such as
1e400 arrives as an infinite float, which no lookup accepts. The kit's fields that take ids (core.forms,
core.api) refuse both before they query, with the answer a missing record or a malformed id gets.
"""

SMALLEST_ID = -(2**63)
LARGEST_ID = 2**63 - 1


def as_integer(value) -> int | None:
    """``value`` read as an integer as Django reads an id (an int, or a string int() accepts);
    None for anything else: a bool, a float, a list, text that is not a whole number."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        return None
    try:
        return int(value)
    except ValueError:  # also raised for strings longer than int()'s digit limit
        return None


def fits_id(number: int) -> bool:
    return SMALLEST_ID <= number <= LARGEST_ID


def row_id(value) -> int | None:
    """``value`` as an id the database can hold, or None."""
    number = as_integer(value)
    return number if number is not None and fits_id(number) else None
