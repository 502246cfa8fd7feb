import base64
from datetime import timedelta

import pytest
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from concentric.accounts.tests.helpers import events, post_login, token_for
from conftest import TEST_PASSWORD

OTP_URL = "/accounts/otp/"
WRONG_CODE_MESSAGE = "验证码错误或已过期，请输入当前显示的验证码。"


def password_only(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def confirmed_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


@pytest.mark.parametrize("name", ["sysadmin", "secadmin", "auditadmin", "c1_admin", "sub_admin"])
def test_administrators_without_the_second_factor_are_sent_to_it_everywhere(users, name):
    client = password_only(users[name])
    assert client.get("/").headers["Location"] == OTP_URL
    assert client.get("/users/").headers["Location"] == OTP_URL + "?next=%2Fusers%2F"
    assert client.get("/users/new/").headers["Location"] == OTP_URL + "?next=%2Fusers%2Fnew%2F"
    assert client.get(f"/users/{users['c1_staff'].pk}/").headers["Location"].startswith(OTP_URL + "?next=")
    assert client.get(OTP_URL).status_code == 200  # the gate page itself is reachable


@pytest.mark.parametrize("name", ["c1_staff", "leader", "c1_leader", "norole"])
def test_other_roles_are_not_forced(client_for, users, name):
    client = client_for(name)
    assert client.get("/").status_code == 200
    page = client.get(OTP_URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "您的账号无需绑定动态口令，使用密码即可登录。" in html
    assert 'data-testid="otp-start"' in html  # they may enrol if they wish, by a POST
    assert 'data-testid="otp-qr"' not in html
    assert "您的账号须使用双因素认证登录" not in html
    assert not TOTPDevice.objects.filter(user=users[name]).exists()


def test_looking_at_the_page_writes_nothing_for_an_account_that_needs_no_authenticator(client_for, users):
    staff = users["c1_staff"]
    client = client_for("c1_staff")
    events_before = len(events())
    for _ in range(2):
        client.get(OTP_URL)
        client.get(OTP_URL + "?enrol=1")
    assert not TOTPDevice.objects.filter(user=staff).exists()
    assert len(events()) == events_before


def test_an_account_that_needs_no_authenticator_may_bind_one_by_choice(client_for, users):
    staff = users["c1_staff"]
    client = client_for("c1_staff")
    started = client.post(OTP_URL, {"step": "start"})
    pending = TOTPDevice.objects.get(user=staff)
    assert pending.confirmed is False
    html = started.content.decode()
    shown = html.split('data-testid="otp-secret">')[1].split("<")[0]
    assert shown.replace(" ", "") == base64.b32encode(pending.bin_key).decode().rstrip("=")
    assert "您的账号须使用双因素认证登录" not in html
    # Coming back, or pressing the button again, shows the same key: nothing new is written.
    assert 'data-testid="otp-qr"' in client.get(OTP_URL).content.decode()
    client.post(OTP_URL, {"step": "start"})
    assert list(TOTPDevice.objects.filter(user=staff).values_list("pk", flat=True)) == [pending.pk]
    assert client.post(OTP_URL, {"step": "enrol", "token": token_for(pending)}).status_code == 302
    assert list(TOTPDevice.objects.filter(user=staff).values_list("pk", "confirmed")) == [(pending.pk, True)]
    assert [(e.action, e.result, e.actor_id) for e in events(action="otp.enrol")] == [("otp.enrol", "ok", staff.pk)]


def test_enrolment_with_a_real_code(users):
    admin = users["c1_admin"]
    client = password_only(admin)

    page = client.get(OTP_URL + "?next=/users/")
    assert page.status_code == 200
    html = page.content.decode()
    pending = TOTPDevice.objects.get(user=admin)
    assert pending.confirmed is False
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert "<path" in svg and "style" not in svg
    assert 'style="' not in html  # the CSP forbids inline styles
    secret = base64.b32encode(pending.bin_key).decode().rstrip("=")
    shown = html.split('data-testid="otp-secret">')[1].split("<")[0]
    assert shown.replace(" ", "") == secret
    assert pending.config_url.replace("&", "&amp;") in html
    assert "您的账号须使用双因素认证登录" in html

    # Reloading keeps the same key, so a scanned code still works.
    client.get(OTP_URL)
    assert list(TOTPDevice.objects.filter(user=admin).values_list("pk", flat=True)) == [pending.pk]

    wrong = client.post(OTP_URL, {"step": "enrol", "token": "000000" if token_for(pending) != "000000" else "111111"})
    assert wrong.status_code == 200
    assert WRONG_CODE_MESSAGE in wrong.content.decode()
    assert TOTPDevice.objects.get(pk=pending.pk).confirmed is False
    assert client.get("/").status_code == 302
    _let_throttle_pass(pending)

    right = client.post(OTP_URL, {"step": "enrol", "token": token_for(pending), "next": "/users/"})
    assert right.status_code == 302
    assert right["Location"] == "/users/"
    assert TOTPDevice.objects.get(pk=pending.pk).confirmed is True
    assert client.get("/").status_code == 200
    assert [(e.action, e.result, e.actor_id) for e in events(action="otp.enrol")] == [
        ("otp.enrol", "failed", admin.pk),
        ("otp.enrol", "ok", admin.pk),
    ]


def test_sign_in_then_verify_a_real_code(users):
    admin = users["secadmin"]
    device = confirmed_device(admin)
    client = Client()

    response = post_login(client, "secadmin", TEST_PASSWORD, next_url="/users/")
    assert response["Location"] == OTP_URL + "?next=%2Fusers%2F"
    assert client.get("/users/").headers["Location"] == OTP_URL + "?next=%2Fusers%2F"
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="otp-qr"' not in page  # verifying, not enrolling

    wrong = client.post(OTP_URL, {"step": "verify", "token": "12345a", "next": "/users/"})
    assert wrong.status_code == 200
    assert client.get("/users/").status_code == 302

    right = client.post(OTP_URL, {"step": "verify", "token": token_for(device), "next": "/users/"})
    assert right.status_code == 302
    assert right["Location"] == "/users/"
    assert client.get("/users/").status_code == 200
    assert [e.result for e in events(action="otp.verify")] == ["ok"]  # a malformed code never reaches the device


def test_a_wrong_code_is_refused_and_audited(users):
    device = confirmed_device(users["sysadmin"])
    client = password_only(users["sysadmin"])
    bad = "000000" if token_for(device) != "000000" else "111111"
    response = client.post(OTP_URL, {"step": "verify", "token": bad})
    assert response.status_code == 200
    assert WRONG_CODE_MESSAGE in response.content.decode()
    assert client.get("/").status_code == 302
    assert [(e.result, e.actor_id) for e in events(action="otp.verify")] == [("failed", users["sysadmin"].pk)]


def _let_throttle_pass(device):
    """django-otp delays the next try after a wrong code (1 s, doubling); move that moment back."""
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=F("throttling_failure_timestamp") - timedelta(seconds=10)
    )


def test_wrong_codes_slow_down_further_tries(users):
    device = confirmed_device(users["secadmin"])
    client = password_only(users["secadmin"])
    bad = "000000" if token_for(device) != "000000" else "111111"
    client.post(OTP_URL, {"step": "verify", "token": bad})
    throttled = client.post(OTP_URL, {"step": "verify", "token": token_for(device)})
    assert throttled.status_code == 200
    assert "验证码错误次数过多，请稍后再试。" in throttled.content.decode()
    assert client.get("/").status_code == 302
    _let_throttle_pass(device)
    assert client.post(OTP_URL, {"step": "verify", "token": token_for(device)}).status_code == 302
    assert [e.result for e in events(action="otp.verify")] == ["failed", "failed", "ok"]


def test_a_code_cannot_be_replayed_in_another_session(users):
    device = confirmed_device(users["auditadmin"])
    token = token_for(device)
    first = password_only(users["auditadmin"])
    assert first.post(OTP_URL, {"step": "verify", "token": token}).status_code == 302
    second = password_only(users["auditadmin"])
    assert second.post(OTP_URL, {"step": "verify", "token": token}).status_code == 200
    assert second.get("/").status_code == 302


def test_a_bound_authenticator_cannot_be_replaced_before_verifying(users):
    admin = users["secadmin"]
    device = confirmed_device(admin)
    client = password_only(admin)
    page = client.post(OTP_URL, {"step": "restart"}).content.decode()
    assert 'data-testid="otp-qr"' not in page
    assert client.post(OTP_URL, {"step": "enrol", "token": "123456"}).status_code == 200
    assert list(TOTPDevice.objects.filter(user=admin).values_list("pk", "confirmed")) == [(device.pk, True)]


def test_a_verified_user_can_bind_a_new_authenticator(client_for, users):
    admin = users["c1_admin"]
    client = client_for("c1_admin")  # verified with the fixture's device
    old = TOTPDevice.objects.get(user=admin, confirmed=True)
    assert 'data-testid="otp-done"' in client.get(OTP_URL).content.decode()
    client.get(OTP_URL + "?enrol=1&restart=1")  # a GET never replaces a key
    first = TOTPDevice.objects.get(user=admin, confirmed=False)
    client.get(OTP_URL + "?enrol=1&restart=1")
    assert TOTPDevice.objects.get(user=admin, confirmed=False).pk == first.pk
    client.post(OTP_URL, {"step": "restart"})
    pending = TOTPDevice.objects.get(user=admin, confirmed=False)
    assert pending.pk != first.pk
    assert client.post(OTP_URL, {"step": "enrol", "token": token_for(pending)}).status_code == 302
    assert list(TOTPDevice.objects.filter(user=admin).values_list("pk", "confirmed")) == [(pending.pk, True)]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()


def test_staff_who_enrolled_are_asked_for_the_code(users):
    device = confirmed_device(users["c1_staff"])
    client = password_only(users["c1_staff"])
    assert client.get("/").headers["Location"] == OTP_URL
    assert client.post(OTP_URL, {"step": "verify", "token": token_for(device)}).status_code == 302
    assert client.get("/").status_code == 200


def test_security_administrator_resets_a_lost_authenticator(client_for, users):
    target = users["c1_admin"]
    confirmed_device(target)
    client = client_for("secadmin")
    response = client.post(reverse("users:reset_otp", args=[target.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("users:detail", args=[target.pk])
    assert not TOTPDevice.objects.filter(user=target).exists()
    [event] = events(action="otp.reset")
    assert (event.actor_id, event.object_id) == (users["secadmin"].pk, str(target.pk))
    again = password_only(target)
    assert again.get("/").headers["Location"] == OTP_URL
    assert 'data-testid="otp-qr"' in again.get(OTP_URL).content.decode()


@pytest.mark.parametrize("name", ["sysadmin", "sub_admin"])
def test_only_the_security_administrator_resets_authenticators(client_for, users, name):
    target = users["c1_admin"]
    device = confirmed_device(target)
    response = client_for(name).post(reverse("users:reset_otp", args=[target.pk]))
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
    assert events(action="otp.reset") == []
