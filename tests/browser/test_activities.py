"""Activities in a real browser at a phone's width (375 px), as the community worker of 东坡社区 uses
them: plan an activity that has just begun in a room of the subdistrict's 统战之家 (which books the
room), add a registered member with the picker and a guest
by name and phone, mark everyone present, mark it held, and find it on the member's page, where
the member's path shows the step without anyone entering it twice."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from concentric.activities.models import Activity
from concentric.people.models import PathEvent, Person
from concentric.venues.models import Booking, Room
from conftest import reseed_dictionaries
from tests.browser.helpers import ARTIFACTS, sign_in

pytestmark = pytest.mark.browser

TITLE = "同心讲堂：民法典进社区"
PHONE = {"width": 375, "height": 812}


@pytest.fixture
def activity_types(transactional_db):
    """The seeded activity types, which a transactional test before may have flushed."""
    reseed_dictionaries()


def test_a_community_worker_runs_an_activity_and_sees_it_on_the_members_page(
    activity_types, demo, live_server, open_page
):
    base = live_server.url
    member = Person.objects.filter(org_unit__code="hubin-dongpo").order_by("pk").first()
    page = open_page(viewport=PHONE)
    sign_in(page, base, "dongpo_staff", demo["dongpo_staff"])

    page.goto(f"{base}/activities/new/")
    start = (timezone.localtime() - timedelta(hours=1)).replace(second=0, microsecond=0)
    end = start + timedelta(hours=2)
    taken = Booking.objects.filter(status="booked", starts_at__lt=end, ends_at__gt=start).values("room")
    room = Room.objects.filter(venue__kind="home").exclude(pk__in=taken).order_by("pk").first()
    page.fill("input[name=title]", TITLE)
    page.select_option("select[name=type]", label="学习培训")
    page.fill("input[name=starts_at]", start.strftime("%Y-%m-%dT%H:%M"))
    page.fill("input[name=ends_at]", end.strftime("%Y-%m-%dT%H:%M"))
    page.select_option("select[name=room]", label=f"{room.venue.name} · {room.name}")
    with page.expect_navigation():
        page.click("[data-testid=form-submit]")
    activity = Activity.objects.get(title=TITLE)
    assert (activity.org_unit.code, activity.venue, activity.room) == ("hubin-dongpo", room.venue, room)
    booking = Booking.objects.get(source=f"activity:{activity.pk}")
    assert (booking.room, booking.status, booking.org_unit.code) == (room, "booked", "hubin-dongpo")
    expect(page.locator("[data-testid=activity-status]")).to_have_text("计划中")

    page.fill("#member-q", member.name)
    pick = page.locator("[data-testid=pick-member]").first
    expect(pick).to_contain_text(member.name)
    with page.expect_navigation():
        pick.click()
    page.fill("input[name=guest_name]", "来访嘉宾")
    page.fill("input[name=guest_phone]", "13912345678")
    with page.expect_navigation():
        page.click("[data-testid=add-guest]")
    expect(page.locator("[data-testid=participant]")).to_have_count(2)
    expect(page.locator("[data-testid=participants]")).to_contain_text("139****5678")

    with page.expect_navigation():
        page.click("[data-testid=all-present]")
    expect(page.locator("[data-testid=attended]")).to_have_count(2)
    expect(page.locator("[data-testid=all-present]")).to_have_count(0)  # nobody left to mark
    with page.expect_navigation():
        page.click("[data-testid=mark-held]")
    expect(page.locator("[data-testid=activity-status]")).to_have_text("已举办")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=ARTIFACTS / "activity-375.png", full_page=True)

    page.goto(f"{base}/people/{member.pk}/")
    panel = page.locator("[data-testid=panel-activities]")
    expect(panel).to_contain_text(TITLE)
    expect(panel).to_contain_text("出席")
    expect(page.locator("[data-testid=path-timeline]")).to_contain_text(TITLE)
    assert PathEvent.objects.filter(person=member, origin__startswith="activity-participant:").count() == 1
    with page.expect_navigation():
        panel.get_by_role("link", name=TITLE).click()
    expect(page.locator("h1")).to_contain_text(TITLE)

    page.goto(f"{base}/activities/?q=民法典")
    expect(page.locator("[data-testid=list-table]")).to_contain_text(TITLE)
    expect(page.locator("[data-testid=list-table]")).to_contain_text("已举办")
