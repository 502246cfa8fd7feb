"""How donations read on pages: yuan with thousands separators, goods as item, quantity and unit
of measure, the donor and the recipient by name."""

from decimal import Decimal

from django.utils.translation import gettext as _

from concentric.activities.choices import DonationKind, DonorKind, RecipientKind


def yuan_text(amount: Decimal | None) -> str:
    """ "50,000.00 元" (exact: a Decimal is formatted, never a float)."""
    if amount is None:
        return ""
    return _("%(amount)s yuan") % {"amount": f"{amount:,.2f}"}


def quantity_text(quantity: Decimal | None) -> str:
    """ "5,000" or "2.5": the places a quantity has, without trailing zeros."""
    if quantity is None:
        return ""
    whole = quantity == quantity.to_integral_value()
    return f"{quantity:,.0f}" if whole else f"{quantity.normalize():,f}"


def goods_line(item: str, quantity: Decimal | None, unit: str) -> str:
    """ "口罩 5,000 只"."""
    return f"{item} {quantity_text(quantity)} {unit}".strip()


def goods_text(donation) -> str:
    if donation.kind != DonationKind.GOODS:
        return ""
    return goods_line(donation.item, donation.quantity, donation.quantity_unit)


def figure_text(donation) -> str:
    """What was given: the yuan, or the goods."""
    return yuan_text(donation.amount) if donation.kind == DonationKind.MONEY else goods_text(donation)


def donor_text(donation) -> str:
    if donation.donor_kind == DonorKind.MEMBER:
        return donation.donor_person.name if donation.donor_person_id else ""
    return donation.donor_name


def recipient_text(donation) -> str:
    if donation.recipient_kind == RecipientKind.PAIRING:
        return donation.pairing.name if donation.pairing_id else ""
    if donation.recipient_kind == RecipientKind.ACTIVITY:
        return donation.activity.title if donation.activity_id else ""
    return donation.recipient_name
