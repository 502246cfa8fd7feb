"""Checks of values typed by people, shared by forms, services and the import kit: invisible
control characters, and Chinese phone numbers."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from concentric.core.crypto import normalise

_MOBILE = re.compile(r"^1\d{10}$")
_LANDLINE = re.compile(r"^0\d{2,3}\d{7,8}$")


def has_control_characters(text: str) -> bool:
    if text.isprintable():  # no Cc or Cf character (nor any other unprintable one): checked in C
        return False
    return any(unicodedata.category(ch) in ("Cc", "Cf") for ch in text)


def normalise_phone(value: str) -> str:
    """Full-width digits, spaces, dashes and brackets removed; +86 dropped. Empty stays empty."""
    text = normalise(value or "").replace("(", "").replace(")", "")
    if text.startswith("+86"):
        text = text[3:]
    elif text.startswith("86") and len(text) == 13:
        text = text[2:]
    return text


def clean_phone(value: str, *, field: str) -> str:
    phone = normalise_phone(value)
    if phone and not (_MOBILE.match(phone) or _LANDLINE.match(phone)):
        raise ValidationError(
            {field: _("Enter an 11-digit mobile number starting with 1, or a landline number with its area code.")}
        )
    return phone
