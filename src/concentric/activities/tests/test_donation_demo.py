"""The demo of `make run`: the subdistrict's 恩施鹤峰 pairing with the article's 50,000 yuan and
5,000 masks (and the members' and enterprises' donations), written once."""

from decimal import Decimal

import pytest

from concentric.activities.donation_totals import overall
from concentric.activities.models import Donation, PairingProject
from concentric.shell.demo import load_demo


@pytest.mark.django_db
def test_the_demo_holds_the_enshi_hefeng_pairing_once(settings):
    settings.DEBUG = True
    first = load_demo()
    project = PairingProject.objects.get(partner__contains="鹤峰")
    assert project.org_unit.code == "hubin"
    donations = Donation.objects.filter(pairing=project)
    totals = overall(donations)
    assert totals.money == Decimal("63800.50")  # 50,000 + 10,000 from enterprises + 3,800.50 from members
    assert [(goods.item, goods.quantity, goods.unit) for goods in totals.goods] == [("口罩", Decimal("5000.00"), "只")]
    assert donations.filter(donor_kind="member").count() == 3
    assert first.created["捐赠"] == 1 + Donation.objects.count()
    again = load_demo()
    assert again.created["捐赠"] == 0 and Donation.objects.count() == donations.count() + 1
