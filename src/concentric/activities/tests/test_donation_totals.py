"""Donation totals: money and goods never summed, each kind of goods apart, yuan exact to the fen
over many rows (SQLite keeps decimals as binary floats: the totals count in fen), in scope."""

from datetime import date
from decimal import Decimal

import pytest

from concentric.activities.choices import DonationKind, DonorKind, RecipientKind
from concentric.activities.donation_totals import donation_totals
from concentric.activities.models import Donation
from concentric.activities.tests.donation_helpers import goods, money, project
from concentric.core.scoping import Action

pytestmark = pytest.mark.django_db


def totals_for(user):
    return donation_totals(Donation.objects.visible_to(user, Action.VIEW))


def test_money_and_goods_are_never_added_together(users, tree):
    admin = users["sub_admin"]
    money(admin, tree["S"], "50000")
    goods(admin, tree["S"], "口罩", "5000", "只")
    goods(admin, tree["S"], "口罩", "20", "箱")
    goods(admin, tree["C1"], "口罩", "1000", "只")
    overall = totals_for(admin)["overall"]
    assert overall.money == Decimal("50000.00")
    assert overall.money_count == 1
    assert [(line.item, line.unit, line.quantity, line.count) for line in overall.goods] == [
        ("口罩", "只", Decimal("6000.00"), 2),
        ("口罩", "箱", Decimal("20.00"), 1),
    ]
    assert overall.count == 4
    assert overall.as_dict()["money"] == "50000.00"


def test_yuan_are_exact_to_the_fen_over_many_rows(users, tree):
    admin = users["sub_admin"]
    rows = 600
    common = {
        "org_unit": tree["C1"],
        "donated_on": date(2026, 1, 1),
        "donor_kind": DonorKind.ENTERPRISE,
        "donor_name": "企业",
        "recipient_kind": RecipientKind.NAMED,
        "recipient_name": "小学",
        "kind": DonationKind.MONEY,
    }
    Donation.objects.bulk_create(
        [Donation(amount=Decimal("0.10"), **common) for _ in range(rows)]
        + [Donation(amount=Decimal("0.20"), **common) for _ in range(rows)]
        + [Donation(amount=Decimal("999999999.99"), **common) for _ in range(3)]
    )
    overall = totals_for(admin)["overall"]
    assert overall.money == Decimal("0.30") * rows + Decimal("2999999999.97")
    assert str(overall.money) == "3000000179.97"
    assert overall.money_count == 2 * rows + 3


def test_groupings_by_year_unit_donor_kind_and_recipient(users, tree):
    admin = users["sub_admin"]
    pairing = project(admin, tree["S"])
    money(admin, tree["S"], "50000", recipient_kind=RecipientKind.PAIRING, pairing=pairing, on=date(2026, 4, 1))
    goods(admin, tree["S"], "口罩", "5000", "只", recipient_kind=RecipientKind.PAIRING, pairing=pairing)
    money(users["c1_staff"], tree["C1"], "0.10", on=date(2025, 12, 31))
    money(users["c1_staff"], tree["C1"], "0.20", on=date(2025, 1, 1), donor_kind=DonorKind.GROUP)
    totals = totals_for(admin)
    assert [(line.label, line.money) for line in totals["by_year"]] == [
        ("2025", Decimal("0.30")),
        ("2026", Decimal("50000.00")),
    ]
    assert [(line.label, line.money, len(line.goods)) for line in totals["by_unit"]] == [
        ("湖滨街道", Decimal("50000.00"), 1),
        ("东坡社区", Decimal("0.30"), 0),
    ]
    by_donor = {line.label: line for line in totals["by_donor_kind"]}
    assert by_donor["企业"].money == Decimal("50000.10")
    assert by_donor["团体"].money == Decimal("0.20")
    assert [goods.quantity for goods in by_donor["团体"].goods] == [Decimal("5000.00")]
    by_recipient = {line.label: line for line in totals["by_recipient"]}
    assert by_recipient["结对帮扶项目：恩施鹤峰结对帮扶"].money == Decimal("50000.00")
    assert by_recipient["结对帮扶项目：恩施鹤峰结对帮扶"].goods[0].text == "口罩 5,000 只"


def test_a_community_sees_only_its_share(users, tree):
    money(users["sub_admin"], tree["S"], "50000")
    money(users["c1_staff"], tree["C1"], "100.50")
    money(users["c2_staff"], tree["C2"], "7")
    assert totals_for(users["c1_staff"])["overall"].money == Decimal("100.50")
    assert totals_for(users["c2_staff"])["overall"].money == Decimal("7.00")
    assert totals_for(users["sub_admin"])["overall"].money == Decimal("50107.50")
    assert totals_for(users["c1_staff"])["overall"].count == 1
