"""The compliance board in a real browser (Debian Chromium), at 1366 px and on a 375 px phone: the
subdistrict's leader sees 东坡社区 missed a week, and why, beside its neighbours; the community
worker of 东坡社区 sees the same week missed on the board of their own community."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from playwright.sync_api import expect

from concentric.core import registry
from concentric.core.measures import Measure, Part
from concentric.org.models import OrgUnit
from concentric.rollups.models import Tally
from tests.browser.helpers import ARTIFACTS, sign_in

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 375, "height": 812}, "device_scale_factor": 2, "is_mobile": True}
DESKTOP = {"viewport": {"width": 1366, "height": 900}}
MONTH = date(2026, 10, 1)
MISSED = "2026年第42周（10月12日至10月18日）举办活动未达标（实际0，要求至少1）"


@pytest.fixture
def october(demo, monkeypatch):
    """The demo's units judged since 2020; 东坡社区 held an activity every week of October 2026 but one."""
    if "activities_held" not in registry._measures:
        monkeypatch.setitem(
            registry._measures,
            "activities_held",
            Measure(key="activities_held", label="举办活动", parts=(Part("activities.Activity", day="starts_at"),)),
        )
    OrgUnit.objects.update(created_at=datetime(2019, 12, 31, 16, tzinfo=UTC))
    dongpo = OrgUnit.objects.get(code="hubin-dongpo")
    Tally.objects.filter(measure="activities_held", org_unit_id=dongpo.pk, day__month=10, day__year=2026).delete()
    for monday in (date(2026, 9, 28), date(2026, 10, 5), date(2026, 10, 19), date(2026, 10, 26)):
        Tally.objects.create(
            measure="activities_held", org_unit_id=dongpo.pk, day=monday + timedelta(days=2), hundredths=100
        )
    return dongpo


def fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{page.url} is {width}px wide at a 375px viewport"


@pytest.mark.parametrize(("viewport", "name"), [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_the_leader_and_the_community_worker_see_the_missed_week_and_its_reason(
    october, demo, live_server, open_page, viewport, name
):
    base = live_server.url
    hubin = OrgUnit.objects.get(code="hubin")
    page = open_page(**viewport)
    sign_in(page, base, "hubin_leader", demo["hubin_leader"])
    page.goto(f"{base}/quotas/?unit={hubin.pk}&month=2026-10")
    expect(page.get_by_test_id("board-heading")).to_have_text("湖滨街道 · 2026年10月")
    expect(page.get_by_test_id("board-calendar")).to_contain_text("国务院办公厅公布的节假日安排")
    dongpo_row = page.get_by_test_id("board-child").filter(has_text="东坡社区")
    expect(dongpo_row).to_contain_text("未达标")
    expect(dongpo_row).to_contain_text("4/5")
    if name == "phone":
        fits(page)
    page.screenshot(path=str(ARTIFACTS / f"quotas-board-leader-{name}.png"), full_page=True)
    with page.expect_navigation():
        dongpo_row.get_by_role("link", name="东坡社区").click()
    weekly = page.locator("[data-testid=board-rule][data-period=week]")
    expect(weekly.get_by_test_id("board-status")).to_have_text("未达标")
    expect(weekly.get_by_test_id("board-missed").locator("li")).to_have_text(f"{MISSED} 记录")
    expect(weekly.get_by_test_id("board-records")).to_have_attribute(
        "href", re.compile(r"from=2026-10-12&to=2026-10-18")
    )

    worker = open_page(**viewport)
    sign_in(worker, base, "dongpo_staff", demo["dongpo_staff"])
    worker.goto(f"{base}/quotas/?month=2026-10")
    expect(worker.get_by_test_id("board-heading")).to_have_text("东坡社区 · 2026年10月")
    weekly = worker.locator("[data-testid=board-rule][data-period=week]")
    expect(weekly.get_by_test_id("board-missed").locator("li")).to_have_text(f"{MISSED} 记录")
    assert worker.get_by_test_id("board-children").count() == 0
    if name == "phone":
        fits(worker)
    worker.screenshot(path=str(ARTIFACTS / f"quotas-board-worker-{name}.png"), full_page=True)
