"""Resident ID numbers (GB 11643-1999): format, MOD 11-2 check digit, birth date, region code.

The region code is where the number was issued, not where the person was born, so a code is
acceptable when it was in force at some time between the birth year and today. python-stdnum's
own ``cn.ric.validate`` demands the code be in force in the birth year, which rejects e.g. a
1950-born resident of 上城区 (330102, in force since 1983); we use its division data only.
"""

import re
from datetime import date
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum import numdb

from concentric.core.crypto import normalise

_FORMAT = re.compile(r"^\d{17}[\dX]$")
_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_CHECK = "10X98765432"
_RANGE = re.compile(r"^\[(\d*)-(\d*)\]")


def check_digit(first17: str) -> str:
    return _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]


@lru_cache(maxsize=4096)
def region_years(code: str) -> list[tuple[int | None, int | None]]:
    """The (first, last) years each county entry under ``code`` was in force; [] if unknown."""
    periods = []
    for _part, props in numdb.get("cn/loc").info(code):
        county = props.get("county")
        if county is None or _part != code[2:]:
            continue
        for name in county.split(","):
            match = _RANGE.match(name)
            if match is None:
                periods.append((None, None))
            else:
                start, end = match.groups()
                periods.append((int(start) if start else None, int(end) if end else None))
    return periods


def region_valid_between(code: str, first_year: int, last_year: int) -> bool:
    return any(
        (start is None or start <= last_year) and (end is None or end >= first_year)
        for start, end in region_years(code)
    )


def birth_date_of(number: str) -> date | None:
    try:
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def is_male_number(number: str) -> bool:
    """The 17th character (the sequence code's last digit) of a normalised number: odd for a
    man, even for a woman."""
    return int(number[16]) % 2 == 1


def validate_id_number(value: str, *, birth_date: date | None = None, today: date | None = None) -> str:
    """Return the normalised number, or raise ValidationError with a specific Chinese reason."""
    number = normalise(value)
    if not _FORMAT.match(number):
        raise ValidationError(_("An ID number has 18 characters: 17 digits and a final digit or X."), code="format")
    if check_digit(number[:17]) != number[17]:
        raise ValidationError(
            _("The ID number's check digit is wrong; check the number for a typing error."), code="checksum"
        )
    born = birth_date_of(number)
    today = today or timezone.localdate()
    if born is None or born > today or born.year < 1880:
        raise ValidationError(_("The ID number contains an impossible birth date."), code="birth_date")
    if birth_date is not None and birth_date != born:
        raise ValidationError(
            _("The ID number's birth date (%(id_date)s) differs from the birth date given (%(given)s).")
            % {"id_date": born.isoformat(), "given": birth_date.isoformat()},
            code="birth_date_mismatch",
        )
    if not region_valid_between(number[:6], born.year, today.year):
        raise ValidationError(
            _("The ID number's region code %(code)s was not in force at any time since the birth year.")
            % {"code": number[:6]},
            code="region",
        )
    return number
