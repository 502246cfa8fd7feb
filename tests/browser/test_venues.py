"""Venues in a real browser (Debian Chromium through Playwright), on a 375 px phone: the community
worker of 东坡社区 books a room of the subdistrict's 统战之家, sees the booking on the room's week
(a list of days on a phone), and an overlapping booking is refused naming the conflict."""

from datetime import timedelta

import pytest
from django.utils import timezone

from concentric.venues.models import Booking, Room
from conftest import reseed_dictionaries
from tests.browser.helpers import ARTIFACTS, sign_in

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 375, "height": 812}, "device_scale_factor": 2, "is_mobile": True}


@pytest.fixture
def room_functions(transactional_db):
    """The room-function dictionary its migration writes (a transactional test before may have flushed it)."""
    reseed_dictionaries()


def fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{page.url} is {width}px wide at a 375px viewport"


def fill_booking(page, day, start: str, end: str, purpose: str) -> None:
    page.fill("input[name=starts_at]", f"{day.isoformat()}T{start}")
    page.fill("input[name=ends_at]", f"{day.isoformat()}T{end}")
    page.fill("input[name=purpose]", purpose)


def test_a_community_worker_books_a_home_room_on_a_phone(room_functions, demo, live_server, open_page):
    base = live_server.url
    hall = Room.objects.get(name="晴雨议事厅")
    day = timezone.localdate() + timedelta(days=1)
    page = open_page(**PHONE)
    page.on("dialog", lambda dialog: dialog.accept())
    sign_in(page, base, "dongpo_staff", demo["dongpo_staff"])

    page.goto(f"{base}/venues/")
    with page.expect_navigation():
        page.get_by_role("link", name="湖滨统战之家").first.click()
    fits(page)
    assert page.locator("[data-testid=venue-edit]").count() == 0  # the subdistrict's venue: seen, not changed
    with page.expect_navigation():
        page.click(f"[data-testid=book-room-{hall.pk}]")
    assert page.locator("select[name=room]").input_value() == str(hall.pk)
    assert page.locator("select[name=org_unit] option:checked").inner_text().strip().endswith("东坡社区")
    fill_booking(page, day, "14:00", "16:00", "东坡民情议事会")
    fits(page)
    with page.expect_navigation():
        page.click("[data-testid=form-submit]")
    booking = Booking.objects.get(purpose="东坡民情议事会")
    assert (booking.room_id, booking.org_unit.code) == (hall.pk, "hubin-dongpo")
    assert page.url == f"{base}/venues/bookings/{booking.pk}/"

    with page.expect_navigation():
        page.get_by_role("link", name="功能室日历").click()
    entry = page.locator(f"[data-testid=calendar-day][data-date='{day.isoformat()}'] [data-testid=calendar-booking]")
    assert "东坡民情议事会" in entry.inner_text() and "东坡社区" in entry.inner_text()
    days = page.locator("[data-testid=calendar-days] > [data-testid=calendar-day]")
    assert days.count() == 7
    first, second = days.nth(0).bounding_box(), days.nth(1).bounding_box()
    assert second["y"] > first["y"] and first["width"] > 300  # a list of days, not seven columns
    fits(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "room-week-375.png"), full_page=True)

    # The next week by htmx, and back: the calendar alone is swapped. Each step waits for its own week
    # (the URL already held a date, so waiting for the URL would race the swap).
    def cell(date):
        return page.locator(f"[data-testid=calendar-day][data-date='{date.isoformat()}']")

    page.click("[data-testid=calendar-next]")
    cell(day + timedelta(days=7)).wait_for()
    page.click("[data-testid=calendar-previous]")
    cell(day).locator("[data-testid=calendar-booking]").first.wait_for()
    page.click("[data-testid=calendar-today]")
    cell(timezone.localdate()).and_(page.locator(".bg-primary-subtle")).wait_for()

    page.goto(f"{base}/venues/bookings/new/?room={hall.pk}")
    fill_booking(page, day, "15:00", "17:00", "重叠的预订")
    page.click("[data-testid=form-submit]")
    page.wait_for_load_state()
    error = page.locator(".invalid-feedback, .alert-danger").all_inner_texts()
    message = " ".join(error)
    assert "晴雨议事厅" in message and "东坡民情议事会" in message and "东坡社区" in message, message
    assert not Booking.objects.filter(purpose="重叠的预订").exists()
    fits(page)
    assert page.failed_assets == []
