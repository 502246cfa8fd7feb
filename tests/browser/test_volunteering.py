"""Volunteer service in a real browser (Debian Chromium through Playwright): a volunteer checks in
on a 375 px phone through the QR code's link without signing in; the community worker records
the hours after the activity, the subdistrict's administrator approves them and sees them on the
member's page, and the worker prints the certificate."""

import base64
from datetime import timedelta

import pytest
from django.utils import timezone
from django_otp.oath import totp

from concentric.activities.choices import ActivityStatus, ParticipantRole
from concentric.activities.models import Activity, ActivityType, Certificate, Participant, VolunteerHours
from concentric.org.models import OrgUnit
from concentric.people.models import Person
from tests.browser.helpers import sign_in

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}


def confirm_second_factor(page) -> None:
    """Bind an authenticator with the key the page shows and give its current code."""
    secret = page.locator("[data-testid=otp-secret]").inner_text().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.fill("input[name=token]", f"{totp(key):06d}")
    page.click("[data-testid=otp-submit]")
    page.wait_for_load_state()


def running_activity(member) -> Activity:
    """A volunteer activity of 东坡社区 under way, the member registered as a volunteer."""
    start = timezone.now() - timedelta(minutes=30)
    activity = Activity.objects.create(
        org_unit=OrgUnit.objects.get(code="hubin-dongpo"),
        title="西湖景区文明引导",
        type=ActivityType.objects.get_or_create(name="志愿服务", defaults={"is_volunteering": True})[0],
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        status=ActivityStatus.PLANNED,
    )
    Participant.objects.create(activity=activity, person=member, role=ParticipantRole.VOLUNTEER)
    return activity


def test_check_in_by_phone_then_hours_approved_and_certified(demo, live_server, open_page):
    base = live_server.url
    member = Person.objects.filter(org_unit__code="hubin-dongpo", phone_index__isnull=False).order_by("id").first()
    activity = running_activity(member)

    staff = open_page(viewport={"width": 1280, "height": 900})
    sign_in(staff, base, "dongpo_staff", demo["dongpo_staff"])
    staff.goto(f"{base}/volunteering/activity/{activity.pk}/check-in-code/")
    assert staff.locator("[data-testid=check-in-qr] svg").is_visible()
    link = staff.locator("[data-testid=check-in-link]").get_attribute("href")

    phone = open_page(viewport=PHONE, is_mobile=True, has_touch=True)
    phone.goto(link)
    assert phone.locator("[data-testid=check-in-activity]").inner_text().startswith("西湖景区文明引导")
    phone.fill("input[name=name]", member.name)
    phone.fill("input[name=digits]", member.phone[-4:])
    phone.click("[data-testid=check-in-submit]")
    phone.wait_for_load_state()
    assert "签到成功" in phone.locator("[data-testid=check-in-message]").inner_text()
    assert member.name not in phone.content()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    participant = Participant.objects.get(activity=activity, person=member)
    assert participant.attended and participant.check_in_method == "phone"

    # The activity is over: the worker records the hours actually served.
    Activity.objects.filter(pk=activity.pk).update(
        ends_at=timezone.now() - timedelta(minutes=1), status=ActivityStatus.HELD
    )
    staff.goto(f"{base}/volunteering/activity/{activity.pk}/")
    staff.fill("#all-hours", "1.5")
    staff.click("[data-testid=record-all-submit]")
    staff.wait_for_load_state()
    assert "等待审核" in staff.content()
    entry = VolunteerHours.objects.get(participant=participant)

    admin = open_page(viewport={"width": 1280, "height": 900})
    sign_in(admin, base, "hubin_admin", demo["hubin_admin"])
    confirm_second_factor(admin)
    admin.goto(f"{base}/volunteering/activity/{activity.pk}/")
    admin.click("[data-testid=approve-hours]")
    admin.wait_for_load_state()
    entry.refresh_from_db()
    assert entry.status == "approved"
    admin.goto(f"{base}/people/{member.pk}/")
    panel = admin.locator("[data-testid=panel-volunteering]")
    assert "西湖景区文明引导" in panel.inner_text()

    staff.goto(f"{base}/volunteering/certificates/new/")
    staff.select_option("select[name=person]", str(member.pk))
    staff.select_option("select[name=org_unit]", str(OrgUnit.objects.get(code="hubin-dongpo").pk))
    staff.fill("input[name=period_start]", str(timezone.localdate() - timedelta(days=1)))
    staff.fill("input[name=period_end]", str(timezone.localdate()))
    staff.click("[data-testid=form-submit]")
    staff.wait_for_load_state()
    certificate = Certificate.objects.get(person=member, org_unit__code="hubin-dongpo")
    assert staff.locator("[data-testid=certificate-total]").inner_text() == "1.5"
    staff.emulate_media(media="print")
    assert staff.locator("[data-testid=certificate-sheet]").is_visible()
    assert not staff.locator("[data-testid=certificate-print]").is_visible()
    pdf = staff.request.get(f"{base}/volunteering/certificates/{certificate.pk}/pdf/")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF")

    phone.goto(f"{base}/volunteering/certificate-check/?number={certificate.number}")
    assert phone.locator("[data-testid=certificate-valid]").is_visible()
    assert member.name not in phone.content()
