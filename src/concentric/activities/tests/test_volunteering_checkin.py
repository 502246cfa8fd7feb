"""Check-in by phone: valid, expired, forged and repeated tokens; member, registered guest and
new guest; nothing personal in the answers; rate limits; audit."""

import re
from datetime import timedelta

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from concentric.activities.choices import ActivityStatus, CheckInMethod
from concentric.activities.models import Participant
from concentric.activities.services import checkin
from concentric.activities.services.checkin import Outcome, check_in, token_for
from concentric.audit.models import AuditEvent
from concentric.people.models import PathEvent

from .volunteering_support import make_activity, make_member, volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture
def running(tree):
    """An activity of 东坡社区 under way: started an hour ago, ends in two."""
    return make_activity(tree["C1"], start=timezone.now() - timedelta(hours=1), status=ActivityStatus.PLANNED)


def url(activity) -> str:
    return reverse("volunteering:check_in") + "?t=" + token_for(activity)


def post(client, token, name, digits, **extra):
    return client.post(reverse("volunteering:check_in"), {"t": token, "name": name, "digits": digits}, **extra)


def test_a_registered_member_checks_in_once(client, running, tree):
    member = make_member(tree["C1"], "李梅", "13900004321")
    participant = volunteer(running, member, attended=False)
    response = post(client, token_for(running), "李梅", "4321")
    assert response.status_code == 200
    assert "签到成功" in response.content.decode()
    participant.refresh_from_db()
    assert participant.attended and participant.check_in_method == CheckInMethod.PHONE
    assert participant.checked_in_at is not None
    event = AuditEvent.objects.get(action="check_in")
    assert event.actor_name == "anonymous" and event.object_id == str(running.pk)

    again = post(client, token_for(running), "李梅", "4321")
    assert "已经签到" in again.content.decode()
    assert Participant.objects.filter(activity=running).count() == 1
    assert AuditEvent.objects.filter(action="check_in").count() == 1
    participant.refresh_from_db()
    assert participant.version == 2  # the repeat changed nothing


def test_a_member_of_the_units_scope_is_added_as_a_member(client, running, tree):
    member = make_member(tree["C1"], "王强", "13700001111")
    post(client, token_for(running), "王强", "1111")
    participant = Participant.objects.get(activity=running)
    assert participant.person == member and participant.attended and participant.guest_name == ""


def test_a_member_outside_the_units_scope_is_not_matched(client, running, tree):
    make_member(tree["C2"], "王强", "13700001111")
    post(client, token_for(running), "王强", "1111")
    participant = Participant.objects.get(activity=running)
    assert participant.person is None and participant.guest_name == "王强"


def test_wrong_digits_record_a_guest_and_a_repeat_changes_nothing(client, running, tree):
    make_member(tree["C1"], "王强", "13700001111")
    first = post(client, token_for(running), "王强", "2222")
    assert "签到成功" in first.content.decode()
    guest = Participant.objects.get(activity=running)
    assert guest.person is None and guest.guest_name == "王强" and guest.attended
    second = post(client, token_for(running), "王强", "2222")
    assert "已经签到" in second.content.decode()
    assert Participant.objects.filter(activity=running).count() == 1


def test_a_registered_guest_is_matched_by_the_guest_phone(client, running):
    guest = volunteer(running, guest="赵敏", guest_phone="13655556666", attended=False)
    post(client, token_for(running), "赵敏", "6666")
    guest.refresh_from_db()
    assert guest.attended and Participant.objects.filter(activity=running).count() == 1


def test_a_held_activity_gives_the_member_path_evidence(client, tree):
    activity = make_activity(tree["C1"], start=timezone.now() - timedelta(hours=1))
    member = make_member(tree["C1"], "孙丽", "13811112222")
    post(client, token_for(activity), "孙丽", "2222")
    assert PathEvent.objects.filter(person=member, kind="volunteering").exists()


def test_nothing_personal_is_in_the_answers(client, running, tree):
    member = make_member(tree["C1"], "周涛", "13912348765", id_number="330102199001011234")
    volunteer(running, member, attended=False)
    volunteer(running, guest="吴刚", guest_phone="13600009999", attended=True)
    for response in (
        client.get(url(running)),
        post(client, token_for(running), "周涛", "8765"),
        post(client, token_for(running), "周涛", "8765"),
        post(client, token_for(running), "不存在", "0000"),
    ):
        body = response.content.decode()
        for secret in ("周涛", "吴刚", "13912348765", "8765", "9999", "330102", "东坡社区"):
            if secret in ("8765",) and response.request["REQUEST_METHOD"] == "POST":
                continue  # what the visitor typed is not echoed either (checked below)
            assert secret not in body, secret
    member_answer = post(client, token_for(running), "周涛", "8765").content.decode()
    guest_answer = post(client, token_for(running), "吴刚", "9999").content.decode()
    assert "周涛" not in member_answer and "吴刚" not in guest_answer


def test_the_answers_for_a_member_and_a_guest_read_alike(client, running, tree):
    make_member(tree["C1"], "郑洁", "13800007777")
    token = token_for(running)
    member = post(client, token, "郑洁", "7777").content.decode()
    guest = post(client, token, "路人", "1234").content.decode()
    assert "签到成功" in member
    assert without_csrf(member) == without_csrf(guest)


def without_csrf(body: str) -> str:
    return re.sub(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', "", body)


def test_a_forged_token_is_refused(client, running):
    forged = signing.dumps({"activity": running.pk}, salt="another-salt")
    tampered = token_for(running)[:-2] + "xx"
    for token in (forged, tampered, "", "abc"):
        response = post(client, token, "张三", "1234")
        assert "签到链接无效" in response.content.decode()
    assert not Participant.objects.exists()
    assert not AuditEvent.objects.filter(action="check_in").exists()


def test_an_expired_token_is_refused(client, tree, settings):
    settings.CHECK_IN_GRACE_HOURS = 2
    ended = make_activity(tree["C1"], start=timezone.now() - timedelta(hours=6), hours=3)
    response = post(client, token_for(ended), "张三", "1234")
    assert "已过期" in response.content.decode()
    assert "已过期" in client.get(url(ended)).content.decode()
    assert not Participant.objects.exists()
    # Within the grace period it still works.
    recent = make_activity(tree["C1"], start=timezone.now() - timedelta(hours=4), hours=3)
    assert "签到成功" in post(client, token_for(recent), "张三", "1234").content.decode()


def test_a_cancelled_or_future_activity_is_not_open(client, tree):
    cancelled = make_activity(tree["C1"], start=timezone.now() - timedelta(hours=1), status=ActivityStatus.CANCELLED)
    future = make_activity(tree["C1"], start=timezone.now() + timedelta(days=1), status=ActivityStatus.PLANNED)
    for activity in (cancelled, future):
        assert check_in(token=token_for(activity), name="张三", digits="1234") == Outcome.NOT_OPEN
    assert not Participant.objects.exists()


def test_bad_input_is_refused_in_chinese(client, running):
    response = post(client, token_for(running), "", "12a")
    body = response.content.decode()
    assert "请填写姓名" in body and "手机号码后四位" in body
    assert not Participant.objects.exists()


def test_check_in_is_rate_limited_per_address(client, running, monkeypatch):
    monkeypatch.setattr(checkin, "LIMIT_PER_ADDRESS", 3)
    for _ in range(3):
        assert post(client, token_for(running), "张三", "1234").status_code == 200
    response = post(client, token_for(running), "李四", "5678")
    assert response.status_code == 429 and "尝试次数过多" in response.content.decode()
    assert not Participant.objects.filter(guest_name="李四").exists()
    other = post(client, token_for(running), "李四", "5678", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_check_in_is_rate_limited_per_link(client, running, monkeypatch):
    monkeypatch.setattr(checkin, "LIMIT_PER_TOKEN", 2)
    for index in range(2):
        post(client, token_for(running), f"访客{index}", "1234", REMOTE_ADDR=f"10.0.1.{index}")
    response = post(client, token_for(running), "访客9", "1234", REMOTE_ADDR="10.0.1.9")
    assert response.status_code == 429


def test_the_code_page_shows_a_qr_code_while_open(client_for, running, tree):
    client = client_for("c1_staff")
    body = client.get(reverse("volunteering:check_in_code", args=[running.pk])).content.decode()
    assert "<svg" in body and "check-in/?t=" in body
    future = make_activity(tree["C1"], start=timezone.now() + timedelta(days=3), status=ActivityStatus.PLANNED)
    closed = client.get(reverse("volunteering:check_in_code", args=[future.pk])).content.decode()
    assert "<svg" not in closed and 'data-testid="check-in-closed"' in closed


def test_the_code_page_shows_the_window_and_its_state(client_for, running, tree):
    client = client_for("c1_staff")
    page = reverse("volunteering:check_in_code", args=[running.pk])
    body = client.get(page).content.decode()
    opens = timezone.localtime(running.starts_at - checkin.OPENS_BEFORE_START).strftime("%Y-%m-%d %H:%M")
    closes = timezone.localtime(running.ends_at + checkin.grace()).strftime("%Y-%m-%d %H:%M")
    assert opens in body and closes in body and "正在开放" in body
    future = make_activity(tree["C1"], start=timezone.now() + timedelta(days=3), status=ActivityStatus.PLANNED)
    body = client.get(reverse("volunteering:check_in_code", args=[future.pk])).content.decode()
    assert "尚未开放" in body and "签到尚未开始" in body
    past = make_activity(tree["C1"], start=timezone.now() - timedelta(days=3), status=ActivityStatus.HELD)
    body = client.get(reverse("volunteering:check_in_code", args=[past.pk])).content.decode()
    closes = timezone.localtime(past.ends_at + checkin.grace()).strftime("%Y-%m-%d %H:%M")
    assert "已结束" in body and f"签到已于 {closes} 结束" in body and "<svg" not in body


def test_the_window_closes_with_the_grace_period(running):
    end = running.ends_at + checkin.grace()
    assert checkin.window(running, now=end).state == checkin.WindowState.OPEN
    assert checkin.window(running, now=end + timedelta(seconds=1)).state == checkin.WindowState.ENDED
    opens = running.starts_at - checkin.OPENS_BEFORE_START
    assert checkin.window(running, now=opens - timedelta(seconds=1)).state == checkin.WindowState.NOT_YET
