"""The dashboard in a real browser (Debian Chromium), at 1366 px and on a 375 px phone, over the
demo data: the subdistrict's leader sees 湖滨街道 with the units below it, the community worker of
东坡社区 only their community; each headline figure is the rollups' figure of that scope, the
charts are drawn, a chart's table shows its numbers, and a chart's numbers download as CSV."""

import csv
import io
import json
from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from concentric.accounts.models import User
from concentric.dashboard.figures import HEADLINE
from concentric.org.models import OrgUnit
from concentric.rollups import selectors
from tests.browser.helpers import ARTIFACTS, sign_in

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1366, "height": 900}}
PHONE = {"viewport": {"width": 375, "height": 812}, "device_scale_factor": 2, "is_mobile": True}


def expected(username: str, code: str) -> dict:
    """What the dashboard of ``code`` must show ``username``, straight from rollups.selectors:
    the headline figures (stock at today, flows from 1 January) and the members by category."""
    user, unit = User.objects.get(username=username), OrgUnit.objects.get(code=code)
    units = selectors.subtree_ids(user, unit)
    today = timezone.localdate()
    first = date(today.year, 1, 1)
    headline = {}
    for key in HEADLINE:
        measure = selectors.measure(key)
        start = None if measure.kind == "stock" else first
        value = selectors.figure(key, units=units, start=start, end=today)
        headline[key] = f"{value:,.{measure.decimals}f}"
    members = selectors.measure("members")
    by_category = selectors.figures_by_key("members", units=units, end=today)
    names = members.names_of(list(by_category))
    return {
        "unit": unit,
        "headline": headline,
        "by_category": {names[key]: int(value) for key, value in by_category.items() if value},
    }


def fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{page.url} is {width}px wide at a 375px viewport"


def check_dashboard(page, base: str, want: dict, name: str, shot: str) -> None:
    page.goto(f"{base}/dashboard/")
    expect(page.locator("#dashboard-unit option:checked")).to_have_text(want["unit"].name)
    for key, text in want["headline"].items():
        expect(page.get_by_test_id(f"headline-{key}").get_by_test_id("headline-value")).to_have_text(text)
    # Every chart with figures is drawn (a canvas of non-zero size in its box); one without says so.
    boxes = page.locator("[data-chart]")
    expect(boxes.first).to_have_attribute("data-drawn", "1")
    sections = page.locator("section[data-testid^=chart-]")
    charts = json.loads(page.locator("#dashboard-data").text_content())["charts"]
    with_figures = [chart["slug"] for chart in charts if chart["categories"]]
    assert len(with_figures) >= 7 and boxes.count() == len(with_figures)
    assert boxes.count() + page.get_by_test_id("chart-empty").count() == sections.count() == len(charts)
    for index in range(boxes.count()):
        box = boxes.nth(index)
        canvas = box.locator("canvas").first
        expect(canvas).to_be_attached()
        size = canvas.bounding_box()
        assert size and size["width"] > 100 and size["height"] > 100, (box.get_attribute("data-chart"), size)
    # The table behind the members' chart: the members by main category, in the scope.
    page.get_by_test_id("toggle-members_by_category").click()
    table = page.get_by_test_id("table-members_by_category")
    expect(table).to_be_visible()
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(len(want["by_category"]))
    shown = {
        rows.nth(i).locator("th").inner_text(): rows.nth(i).locator("td").inner_text() for i in range(rows.count())
    }
    assert shown == {category: f"{count:,}" for category, count in want["by_category"].items()}
    if name == "phone":
        fits(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"dashboard-{shot}-{name}.png"), full_page=True)
    # The chart's numbers as CSV: the same rows.
    with page.expect_download() as waiting:
        page.get_by_test_id("export-members_by_category-csv").click()
    download = waiting.value
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), encoding="utf-8-sig") as handle:
        lines = list(csv.reader(io.StringIO(handle.read())))
    assert {row[0]: int(row[1]) for row in lines[1:]} == want["by_category"]


@pytest.mark.parametrize(("viewport", "name"), [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_the_leader_and_the_community_worker_see_the_figures_of_their_scope(
    demo, live_server, open_page, viewport, name
):
    base = live_server.url
    leader = expected("hubin_leader", "hubin")
    worker = expected("dongpo_staff", "hubin-dongpo")
    # The demo's members and activities lie in several communities: the two scopes differ.
    assert int(leader["headline"]["members"].replace(",", "")) > int(worker["headline"]["members"].replace(",", "")) > 0
    assert leader["headline"]["activities_held"] != worker["headline"]["activities_held"]

    page = open_page(**viewport)
    sign_in(page, base, "hubin_leader", demo["hubin_leader"])
    check_dashboard(page, base, leader, name, "leader")
    expect(page.get_by_test_id("chart-children")).to_contain_text("东坡社区")

    page = open_page(**viewport)
    sign_in(page, base, "dongpo_staff", demo["dongpo_staff"])
    check_dashboard(page, base, worker, name, "worker")
    expect(page.get_by_test_id("chart-children")).to_have_count(0)
    expect(page.locator("#dashboard-unit option")).to_have_count(1)
