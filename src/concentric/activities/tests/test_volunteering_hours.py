"""Hours: recorded by the organising unit after the activity, approved by its administrator;
an approved entry is never edited, a correction replaces it once approved; all audited."""

from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from concentric.activities.choices import ActivityStatus, HoursStatus
from concentric.activities.models import ActivityType, VolunteerHours
from concentric.activities.selectors_volunteering import totals
from concentric.activities.services.hours import (
    hours_approve,
    hours_correct,
    hours_delete,
    hours_record,
    hours_record_attendees,
)
from concentric.audit.models import AuditEvent

from .volunteering_support import make_activity, make_member, volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(tree):
    # Yesterday morning: four hours within one day whatever the time the tests run (a limit of
    # 24 hours a day spanned; an evening start would span two).
    start = timezone.make_aware(datetime.combine(timezone.localdate() - timedelta(days=1), time(9)))
    return make_activity(tree["C1"], start=start, hours=4)


def test_record_then_approve_counts_and_is_audited(held, users, tree):
    participant = volunteer(held, make_member(tree["C1"]))
    entry = hours_record(actor=users["c1_staff"], participant_id=participant.pk, hours="3.5", note="布展")
    assert entry.status == HoursStatus.PENDING and entry.recorded_by == users["c1_staff"]
    assert totals(users["c1_staff"]).person_times == 0  # unapproved hours count nowhere
    with pytest.raises(Http404):  # a community worker may not approve (no approving grant over it)
        hours_approve(actor=users["c1_staff"], hours_id=entry.pk)
    hours_approve(actor=users["c1_admin"], hours_id=entry.pk)
    entry.refresh_from_db()
    assert entry.status == HoursStatus.APPROVED and entry.approved_by == users["c1_admin"]
    figures = totals(users["c1_staff"])
    assert (figures.person_times, figures.hours) == (1, Decimal("3.5"))
    actions = list(
        AuditEvent.objects.filter(object_type="activities.volunteerhours")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "approve"]


def test_bad_hours_are_refused_in_chinese_and_change_nothing(held, users):
    participant = volunteer(held, guest="来宾甲")
    for value, message in (
        ("三小时", "请以数字填写时长"),
        ("0", "必须大于 0"),
        ("2.25", "一位小数"),
        ("200", "最多为 24 小时"),
    ):
        with pytest.raises(ValidationError) as refused:
            hours_record(actor=users["c1_staff"], participant_id=participant.pk, hours=value)
        assert message in str(refused.value)
    assert not VolunteerHours.objects.exists()


def test_hours_only_after_a_volunteer_activity_for_attendees(users, tree):
    running = make_activity(tree["C1"], start=timezone.now() - timedelta(hours=1), status=ActivityStatus.PLANNED)
    study = make_activity(tree["C1"], kind=ActivityType.objects.get(name="学习培训"))
    past = make_activity(tree["C1"])
    cases = (
        (volunteer(running, guest="甲"), "活动结束后记录"),
        (volunteer(study, guest="乙"), "只有志愿服务类活动"),
        (volunteer(past, guest="丙", attended=False), "实际出席"),
    )
    for participant, message in cases:
        with pytest.raises(ValidationError) as refused:
            hours_record(actor=users["c1_staff"], participant_id=participant.pk, hours=2)
        assert message in str(refused.value)
    assert not VolunteerHours.objects.exists()


def test_another_unit_cannot_record_and_a_co_organiser_neither(held, users, tree):
    participant = volunteer(held, guest="来宾")
    with pytest.raises(Http404):
        hours_record(actor=users["c2_staff"], participant_id=participant.pk, hours=2)
    held.co_units.add(tree["C2"])
    with pytest.raises(PermissionDenied):
        hours_record(actor=users["c2_staff"], participant_id=participant.pk, hours=2)
    assert not VolunteerHours.objects.exists()


def test_record_for_all_attendees_at_once(held, users):
    for name in ("甲", "乙", "丙"):
        volunteer(held, guest=name)
    volunteer(held, guest="缺席", attended=False)
    assert hours_record_attendees(actor=users["c1_staff"], activity_id=held.pk, hours="4") == 3
    with pytest.raises(ValidationError):
        hours_record_attendees(actor=users["c1_staff"], activity_id=held.pk, hours="4")
    assert VolunteerHours.objects.count() == 3


def test_a_correction_replaces_the_approved_entry_once_approved(held, users):
    participant = volunteer(held, guest="来宾")
    entry = hours_record(actor=users["c1_staff"], participant_id=participant.pk, hours=3)
    hours_approve(actor=users["c1_admin"], hours_id=entry.pk)
    with pytest.raises(ValidationError):  # an approved entry is never recorded over
        hours_record(actor=users["c1_staff"], participant_id=participant.pk, hours=2)
    with pytest.raises(ValidationError):  # a correction says why
        hours_correct(actor=users["c1_staff"], hours_id=entry.pk, hours=2)
    correction = hours_correct(actor=users["c1_staff"], hours_id=entry.pk, hours=2, note="扣除往返交通时间")
    assert totals(users["c1_admin"]).hours == Decimal("3.0")  # the approved entry counts until then
    with pytest.raises(ValidationError):
        hours_correct(actor=users["c1_staff"], hours_id=entry.pk, hours=1, note="再次")
    hours_approve(actor=users["c1_admin"], hours_id=correction.pk)
    entry.refresh_from_db()
    assert not entry.is_current and entry.hours == Decimal("3.0") and entry.status == HoursStatus.APPROVED
    figures = totals(users["c1_admin"])
    assert (figures.person_times, figures.hours) == (1, Decimal("2.0"))
    with pytest.raises(PermissionDenied):
        hours_delete(actor=users["c1_staff"], hours_id=correction.pk)
    event = AuditEvent.objects.get(action="approve", object_id=str(correction.pk))
    assert event.changes["replaced"] == [str(entry.pk), None]


def test_a_pending_entry_may_be_removed(held, users):
    entry = hours_record(actor=users["c1_staff"], participant_id=volunteer(held, guest="来宾").pk, hours=3)
    hours_delete(actor=users["c1_staff"], hours_id=entry.pk)
    assert not VolunteerHours.objects.exists()
    assert AuditEvent.objects.filter(action="delete", object_type="activities.volunteerhours").exists()


def test_the_hours_page_records_and_approves(held, client_for, tree):
    participant = volunteer(held, make_member(tree["C1"], "钱多多"))
    staff = client_for("c1_staff")
    page = staff.get(reverse("volunteering:activity_hours", args=[held.pk])).content.decode()
    assert "钱多多" in page and "审核通过" not in page
    answer = staff.post(
        reverse("volunteering:hours_record", args=[held.pk]), {"participant": participant.pk, "hours": "x"}, follow=True
    )
    assert "请以数字填写时长" in answer.content.decode() and not VolunteerHours.objects.exists()
    staff.post(reverse("volunteering:hours_record", args=[held.pk]), {"participant": participant.pk, "hours": "2.5"})
    entry = VolunteerHours.objects.get()
    assert staff.post(reverse("volunteering:hours_approve", args=[entry.pk])).status_code == 403
    admin = client_for("c1_admin")
    assert "审核通过" in admin.get(reverse("volunteering:activity_hours", args=[held.pk])).content.decode()
    admin.post(reverse("volunteering:hours_approve", args=[entry.pk]))
    entry.refresh_from_db()
    assert entry.status == HoursStatus.APPROVED
    listed = staff.get(reverse("volunteering:hours")).content.decode()
    assert held.title in listed and "2.5" in listed
    assert f'href="{reverse("volunteering:activity_hours", args=[held.pk])}"' in listed


def test_the_hours_api(held, client_for):
    participant = volunteer(held, guest="来宾")
    staff = client_for("c1_staff")
    made = staff.post(
        "/api/v1/volunteer-hours/", {"participant": participant.pk, "hours": "3.0"}, content_type="application/json"
    )
    assert made.status_code == 201, made.content
    entry_id = made.json()["id"]
    assert staff.post(f"/api/v1/volunteer-hours/{entry_id}/approve/").status_code == 403
    admin = client_for("c1_admin")
    approved = admin.post(f"/api/v1/volunteer-hours/{entry_id}/approve/")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    again = admin.post(f"/api/v1/volunteer-hours/{entry_id}/approve/")
    assert again.status_code == 400
    corrected = staff.post(
        "/api/v1/volunteer-hours/",
        {"replaces": entry_id, "hours": "2.0", "note": "更正"},
        content_type="application/json",
    )
    assert corrected.status_code == 201 and corrected.json()["replaces"] == entry_id
    refused = staff.post(
        "/api/v1/volunteer-hours/", {"participant": participant.pk, "hours": "-1"}, content_type="application/json"
    )
    assert refused.status_code == 400


def test_the_activitys_hours_page_sits_below_the_activity(held, client_for):
    """Its breadcrumb names each step once: 活动 / the activity / 志愿服务时长."""
    page = client_for("c1_staff").get(reverse("volunteering:activity_hours", args=[held.pk]))
    crumbs = [(str(crumb["label"]), crumb["url"]) for crumb in page.context["breadcrumbs"]]
    assert crumbs == [
        ("活动", reverse("activities:list")),
        (held.title, reverse("activities:detail", args=[held.pk])),
        ("志愿服务时长", ""),
    ]


def test_the_hours_table_stacks_on_a_phone(held, users, tree, client_for):
    """Each cell names its column (data-label), which app.css shows when a phone stacks the row."""
    volunteer(held, make_member(tree["C1"]))
    html = client_for("c1_staff").get(reverse("volunteering:activity_hours", args=[held.pk])).content.decode()
    assert 'class="table table-sm align-middle mb-0 app-table-stack" data-testid="hours-table"' in html
    for label in ("参与者", "角色", "出席", "时长（小时）"):
        assert f'data-label="{label}"' in html
