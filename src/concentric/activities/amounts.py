"""Reading an amount of yuan or a quantity of goods as typed by a person: exact Decimals with at
most two places, never floats, and only what reads one way.

Accepted: "50000", "50000.5", "50,000.00" (commas only between groups of three digits),
full-width digits and punctuation, a leading ¥/￥, a trailing 元 (money only), and 万 (ten
thousand: "5万" is 50,000, "1.25万" is 12,500). Refused with a message saying why: a comma that
could be a decimal point ("5,00"), more than two decimal places (never rounded), zero or less,
letters, and anything longer than the database keeps (12 digits before the point).
"""

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CENT = Decimal("0.01")
MAX_WHOLE_DIGITS = 12  # max_digits 14, decimal_places 2 on Donation.amount and .quantity
TEN_THOUSAND = Decimal(10000)
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^\d+(\.\d+)?$")


def parse_yuan(text) -> Decimal:
    """An amount of money in yuan (two places) from text, an int or a Decimal."""
    return _parse(text, money=True)


def parse_quantity(text) -> Decimal:
    """A quantity of goods (two places at most: 2.5 吨) from text, an int or a Decimal."""
    return _parse(text, money=False)


def _parse(value, *, money: bool) -> Decimal:
    if isinstance(value, (bool, float)):
        raise ValidationError(_("Enter the figure as text, such as 50000 or 50,000.00."), code="float")
    if isinstance(value, (int, Decimal)):
        return _checked(Decimal(value))
    text = unicodedata.normalize("NFKC", str(value or "")).strip().replace(" ", "")
    if not text:
        raise ValidationError(_("Enter a figure."), code="required")
    text = text.lstrip("¥")
    if money and text.endswith("元"):
        text = text[:-1]
    factor = Decimal(1)
    if text.endswith("万"):
        factor, text = TEN_THOUSAND, text[:-1]
    if "," in text:
        if not _GROUPED.match(text):
            raise ValidationError(
                _("Commas may only separate thousands (50,000.00); use a point for decimals."), code="comma"
            )
        text = text.replace(",", "")
    if not _PLAIN.match(text):
        raise ValidationError(_("Enter a figure such as 50000, 50,000.00 or 5万."), code="invalid")
    try:
        number = Decimal(text) * factor
    except InvalidOperation:
        raise ValidationError(_("Enter a figure such as 50000, 50,000.00 or 5万."), code="invalid") from None
    return _checked(number)


def _checked(number: Decimal) -> Decimal:
    if not number.is_finite():
        raise ValidationError(_("Enter a figure such as 50000, 50,000.00 or 5万."), code="invalid")
    if number != number.quantize(CENT, rounding="ROUND_DOWN"):
        raise ValidationError(_("At most two decimal places (to the fen)."), code="places")
    if number <= 0:
        raise ValidationError(_("The figure must be greater than zero."), code="positive")
    if number >= Decimal(10) ** MAX_WHOLE_DIGITS:
        raise ValidationError(_("The figure is too large."), code="too_large")
    return number.quantize(CENT)
