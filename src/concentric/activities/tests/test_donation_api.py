"""The donations API: create through the services with exact figures, floats refused, versions,
filters, and the totals with money and goods apart."""

from decimal import Decimal

import pytest

from concentric.activities.choices import RecipientKind
from concentric.activities.models import Donation
from concentric.activities.tests.donation_helpers import goods, money, project
from tests.api_support import error_of, result_ids, token_client

pytestmark = pytest.mark.django_db

DONATIONS = "/api/v1/donations/"
TOTALS = "/api/v1/donations/totals/"


def a_donation(tree, **values):
    return {
        "org_unit": tree["C1"].pk,
        "donated_on": "2026-05-01",
        "donor_kind": "enterprise",
        "donor_name": "湖滨商贸公司",
        "recipient_kind": "named",
        "recipient_name": "鹤峰县走马镇中心小学",
        "kind": "money",
        "amount": "50,000.00",
        **values,
    }


def test_create_read_change_and_delete(users, tree):
    api = token_client(users["c1_staff"])
    created = api.post(DONATIONS, a_donation(tree), format="json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["amount"], body["quantity"], body["donor"], body["version"]) == ("50000.00", None, "湖滨商贸公司", 1)
    url = f"{DONATIONS}{body['id']}/"
    changed = api.patch(url, {"version": 1, "amount": "0.10"}, format="json")
    assert changed.json()["amount"] == "0.10" and changed.json()["version"] == 2
    stale = api.patch(url, {"version": 1, "amount": "0.20"}, format="json")
    assert stale.status_code == 409
    assert api.delete(f"{url}?version=2").status_code == 204
    assert not Donation.objects.exists()


def test_floats_and_ambiguous_figures_are_refused_in_chinese(users, tree):
    api = token_client(users["c1_staff"])
    for amount, words in ((0.1, "文字"), ("5,00", "逗号"), ("0.001", "两位小数")):
        response = api.post(DONATIONS, a_donation(tree, amount=amount), format="json")
        assert response.status_code == 400
        assert words in error_of(response)["fields"]["amount"][0]
    goods_without_item = api.post(DONATIONS, a_donation(tree, kind="goods", quantity="5000"), format="json")
    assert set(error_of(goods_without_item)["fields"]) == {"item", "quantity_unit"}
    assert not Donation.objects.exists()


def test_the_list_is_scoped_and_filtered(users, tree):
    mine = goods(users["c1_staff"], tree["C1"], "口罩", "5000", "只")
    cash = money(users["c1_staff"], tree["C1"], "100")
    money(users["c2_staff"], tree["C2"], "7")
    api = token_client(users["c1_staff"])
    assert sorted(result_ids(api.get(DONATIONS))) == sorted([mine.pk, cash.pk])
    assert result_ids(api.get(DONATIONS, {"kind": "goods"})) == [mine.pk]
    assert api.get(DONATIONS, {"kind": "yuan"}).status_code == 400


def test_totals_keep_money_and_goods_apart(users, tree):
    admin = users["sub_admin"]
    pairing = project(admin, tree["S"])
    to_project = {"recipient_kind": RecipientKind.PAIRING, "pairing": pairing}
    money(admin, tree["S"], "50000", **to_project)
    goods(admin, tree["S"], "口罩", "5000", "只", **to_project)
    for _ in range(10):
        money(admin, tree["C1"], "0.10")
        money(admin, tree["C1"], "0.20")
    body = token_client(admin).get(TOTALS).json()
    assert body["overall"]["money"] == "50003.00"
    assert body["overall"]["goods"] == [{"item": "口罩", "unit": "只", "quantity": "5000.00", "count": 1}]
    assert body["overall"]["count"] == 22
    by_unit = {line["label"]: line for line in body["by_unit"]}
    assert by_unit["东坡社区"]["money"] == "3.00" and by_unit["东坡社区"]["goods"] == []
    assert Decimal(body["overall"]["money"]) == Decimal("50003.00")
    # The community sees its subdistrict's project (upward) and counts only its own donations to it:
    # none here. A neighbouring community's project is not its to choose.
    community = token_client(users["c1_staff"]).get(TOTALS, {"pairing": pairing.pk})
    assert community.status_code == 200 and community.json()["overall"]["count"] == 0
    neighbours = project(users["c2_staff"], tree["C2"], name="岳王结对")
    assert token_client(users["c1_staff"]).get(TOTALS, {"pairing": neighbours.pk}).status_code == 400
    assert token_client(users["c1_staff"]).get(TOTALS).json()["overall"]["money"] == "3.00"
