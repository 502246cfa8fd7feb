"""Donation totals: money (the sum of yuan) and each kind of goods (item and unit of measure)
apart, never added together; overall, per year, per recording unit, per donor kind and per
recipient, over the donations a queryset holds (the user's scope, then the list's filters).

Sums are exact to the fen on every database: each amount is counted in fen (rounded from the
stored value, which SQLite keeps as a binary float) and the fen are summed as whole numbers, so
0.10 + 0.20 is 0.30 however many rows there are.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Sum, Value
from django.db.models.functions import ExtractYear, Round
from django.utils.translation import gettext as _

from concentric.activities.choices import DonationKind, DonorKind, RecipientKind
from concentric.activities.display_donations import goods_line

WHOLE = DecimalField(max_digits=20, decimal_places=0)


@dataclass
class GoodsTotal:
    item: str
    unit: str  # of measure: 只, 箱, 吨
    quantity: Decimal
    count: int

    @property
    def text(self) -> str:
        return goods_line(self.item, self.quantity, self.unit)

    def as_dict(self) -> dict:
        return {"item": self.item, "unit": self.unit, "quantity": str(self.quantity), "count": self.count}


@dataclass
class Totals:
    """One line of totals: the yuan and how many money donations, the goods each apart."""

    label: str
    money: Decimal = Decimal("0.00")
    money_count: int = 0
    goods: list[GoodsTotal] = field(default_factory=list)
    key: tuple = ()

    @property
    def money_text(self) -> str:
        return f"{self.money:,.2f}"

    @property
    def count(self) -> int:
        return self.money_count + sum(goods.count for goods in self.goods)

    def as_dict(self) -> dict:
        return {
            "label": self.label,
            "money": str(self.money),
            "money_count": self.money_count,
            "goods": [goods.as_dict() for goods in self.goods],
            "count": self.count,
        }


def in_hundredths(name: str):
    """The field's value in hundredths (fen), rounded to a whole number, summed."""
    hundredths = ExpressionWrapper(F(name) * Value(100), output_field=WHOLE)
    return Sum(Round(hundredths), output_field=WHOLE)


def from_hundredths(value) -> Decimal:
    return (Decimal(int(value or 0)) / 100).quantize(Decimal("0.01"))


def grouped(donations, keys: tuple, label_of) -> list[Totals]:
    """Totals per distinct value of ``keys`` (query expressions by name), in key order."""
    lines: dict[tuple, Totals] = {}

    def line(row) -> Totals:
        key = tuple(row[name] for name in keys)
        if key not in lines:
            lines[key] = Totals(label=label_of(row), key=key)
        return lines[key]

    money = donations.filter(kind=DonationKind.MONEY).values(*keys)
    for row in money.annotate(fen=in_hundredths("amount"), n=Count("pk")).order_by(*keys):
        found = line(row)
        found.money, found.money_count = from_hundredths(row["fen"]), row["n"]
    goods = donations.filter(kind=DonationKind.GOODS).values(*keys, "item", "quantity_unit")
    for row in goods.annotate(hundredths=in_hundredths("quantity"), n=Count("pk")).order_by(
        *keys, "item", "quantity_unit"
    ):
        line(row).goods.append(
            GoodsTotal(row["item"], row["quantity_unit"], from_hundredths(row["hundredths"]), row["n"])
        )
    return [lines[key] for key in sorted(lines, key=_sortable)]


def _sortable(key: tuple) -> tuple:
    return tuple((value is None, "" if value is None else value) for value in key)


def overall(donations) -> Totals:
    found = grouped(donations.annotate(everything=Value(1)), ("everything",), lambda row: _("All donations"))
    return found[0] if found else Totals(label=_("All donations"))


def by_year(donations) -> list[Totals]:
    return grouped(donations.annotate(year=ExtractYear("donated_on")), ("year",), lambda row: str(row["year"]))


def by_unit(donations) -> list[Totals]:
    return grouped(donations, ("org_unit__path", "org_unit__name"), lambda row: row["org_unit__name"])


def by_donor_kind(donations) -> list[Totals]:
    return grouped(donations, ("donor_kind",), lambda row: str(DonorKind(row["donor_kind"]).label))


def by_recipient(donations) -> list[Totals]:
    keys = ("recipient_kind", "pairing__name", "activity__title", "recipient_name", "pairing", "activity")

    def label(row) -> str:
        kind = RecipientKind(row["recipient_kind"])
        name = {
            RecipientKind.PAIRING: row["pairing__name"],
            RecipientKind.ACTIVITY: row["activity__title"],
            RecipientKind.NAMED: row["recipient_name"],
        }[kind]
        return f"{kind.label}：{name}"

    return grouped(donations, keys, label)


def donation_totals(donations) -> dict:
    """Every grouping of the totals page and its API, over ``donations``."""
    return {
        "overall": overall(donations),
        "by_year": by_year(donations),
        "by_unit": by_unit(donations),
        "by_donor_kind": by_donor_kind(donations),
        "by_recipient": by_recipient(donations),
    }
