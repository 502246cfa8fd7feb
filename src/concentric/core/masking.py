"""Masks shown wherever a sensitive value appears without an audited unmask."""

from collections.abc import Callable
from datetime import date

from concentric.core.crypto import normalise


def mask_id_number(value: str) -> str:
    """330102199001011234 -> 330102********1234 (region code and last four kept)."""
    text = normalise(value)
    if len(text) <= 10:
        return mask_generic(text)
    return text[:6] + "*" * (len(text) - 10) + text[-4:]


def mask_phone(value: str) -> str:
    """13812345678 -> 138****5678; other lengths keep at most three leading and four trailing digits."""
    text = normalise(value)
    if len(text) == 11:
        return text[:3] + "****" + text[-4:]
    if len(text) <= 6:
        return mask_generic(text)
    keep_tail = 4 if len(text) >= 9 else 2
    return text[:2] + "*" * (len(text) - 2 - keep_tail) + text[-keep_tail:]


def mask_generic(value: str) -> str:
    """Passport numbers, addresses and other free text: the first and last characters at most."""
    text = value.strip()
    if len(text) <= 2:
        return "*" * len(text)
    if len(text) <= 6:
        return text[0] + "*" * (len(text) - 1)
    return text[:3] + "*" * (len(text) - 5) + text[-2:]


def mask_date(value: date) -> str:
    """1950-03-07 -> 1950-**-** (the year kept). The ID number's mask hides exactly its birth
    date digits, so a birth date shown in clear beside it would give the whole number away."""
    return f"{value.year:04d}-**-**"


MASKS = {"id_number": mask_id_number, "phone": mask_phone, "generic": mask_generic}


def mask(value: str | None, kind: str) -> str:
    if not value:
        return ""
    return MASKS[kind](value)


# A political affiliation or a religion has no harmless part: choices are masked whole.
WHOLE_MASK = "******"


def masker_for(field) -> Callable[[str | date | None], str]:
    """How a sensitive model field's values are shown without an audited unmask, chosen once per
    field (an export applies it to every row)."""
    if field.choices:
        return lambda value: WHOLE_MASK if value else ""
    if field.get_internal_type() == "DateField":
        return lambda value: mask_date(value) if value else ""
    kind = field.mask
    return lambda value: mask(value, kind)


def mask_field(field, value: str | date | None) -> str:
    """A sensitive model field's value as shown without an audited unmask."""
    return masker_for(field)(value)
