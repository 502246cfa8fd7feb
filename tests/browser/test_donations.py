"""Donations in a real browser at a phone's width (375 px), as the community worker of 东坡社区
records them: a pairing project, then a goods donation (5,000 masks) and a money donation
(50,000 yuan) to it through the form that shows the fields of the chosen kind, and the totals
on the project's page and the totals page with money and goods kept apart."""

import pytest
from playwright.sync_api import expect

from concentric.activities.models import Donation
from concentric.people.models import Person
from tests.browser.helpers import sign_in

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}


def record_donation(page, *, kind: str, fill) -> None:
    with page.expect_navigation():
        page.click("[data-testid=add-donation]")
    assert page.locator("select[name=recipient_kind]").input_value() == "pairing"
    page.select_option("select[name=kind]", kind)
    fill(page)
    with page.expect_navigation():
        page.click("[data-testid=form-submit]")


def test_a_community_worker_records_goods_and_money_and_sees_the_totals_apart(demo, live_server, open_page):
    base = live_server.url
    giver = Person.objects.filter(org_unit__code="hubin-dongpo").order_by("pk").first()
    page = open_page(viewport=PHONE)
    sign_in(page, base, "dongpo_staff", demo["dongpo_staff"])

    page.goto(f"{base}/donations/pairings/")
    with page.expect_navigation():
        page.click("[data-testid=toolbar-create]")
    page.select_option("select[name=org_unit]", label="东坡社区")
    page.fill("input[name=name]", "东坡社区助学结对")
    page.fill("input[name=partner]", "恩施州鹤峰县走马镇")
    page.fill("input[name=start_on]", "2026-03-01")
    with page.expect_navigation():
        page.click("[data-testid=form-submit]")
    expect(page.locator("h1")).to_have_text("东坡社区助学结对")
    project_url = page.url

    def masks(page):
        # Goods: the amount is hidden, the item, quantity and unit of measure shown.
        expect(page.locator("input[name=amount]")).to_be_hidden()
        expect(page.locator("input[name=item]")).to_be_visible()
        page.select_option("select[name=donor_kind]", "enterprise")
        expect(page.locator("select[name=donor_person]")).to_be_hidden()
        page.fill("input[name=donor_name]", "湖滨商贸有限公司")
        page.fill("input[name=item]", "口罩")
        page.fill("input[name=quantity]", "5,000")
        page.fill("input[name=quantity_unit]", "只")

    record_donation(page, kind="goods", fill=masks)
    expect(page.locator("[data-testid=object-fields]")).to_contain_text("口罩 5,000 只")
    page.goto(project_url)

    def cash(page):
        expect(page.locator("input[name=item]")).to_be_hidden()
        page.select_option("select[name=donor_kind]", "member")
        # The member is found with the registry's search (the select lists no one until then).
        page.fill("[data-search-for=id_donor_person]", giver.name)
        expect(page.locator(f"select[name=donor_person] option[value='{giver.pk}']")).to_have_count(1)
        page.select_option("select[name=donor_person]", str(giver.pk))
        page.fill("input[name=amount]", "5,00")
        with page.expect_navigation():
            page.click("[data-testid=form-submit]")
        # An ambiguous comma is refused in Chinese; the money fields stay shown with the error.
        expect(page.locator(".invalid-feedback")).to_contain_text("逗号只能用作千位分隔")
        expect(page.locator("input[name=amount]")).to_be_visible()
        page.fill("input[name=amount]", "50,000.00")

    record_donation(page, kind="money", fill=cash)
    expect(page.locator("[data-testid=object-fields]")).to_contain_text("50,000.00 元")
    expect(page.locator("[data-testid=object-fields]")).to_contain_text(giver.name)
    assert Donation.objects.filter(pairing__name="东坡社区助学结对").count() == 2

    page.goto(project_url)
    totals = page.locator("[data-testid=pairing-totals]")
    expect(totals.locator("[data-testid=totals-money]")).to_contain_text("50,000.00 元")
    expect(totals.locator("[data-testid=totals-goods]")).to_contain_text("口罩 5,000 只")
    expect(totals).not_to_contain_text("55,000")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    page.goto(f"{base}/donations/totals/")
    page.click("[data-testid=more-filters]")  # a phone shows the first filter only
    project = page.locator("select[name=pairing]")
    expect(project).to_be_visible()
    project.select_option(label="东坡社区助学结对")
    expect(page.locator("[data-testid=totals-overall] [data-testid=totals-money]")).to_contain_text("50,000.00 元")
    expect(page.locator("[data-testid=totals-overall] [data-testid=totals-goods]")).to_contain_text("口罩 5,000 只")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
