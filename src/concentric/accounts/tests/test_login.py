from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.backends.db import SessionStore
from django.db.models import F
from django.test import Client
from django.urls import reverse

from concentric.accounts.middleware import SESSION_LAST_SEEN, SESSION_STARTED
from concentric.accounts.tests.helpers import events, post_login, signed_in_user_id
from conftest import TEST_PASSWORD

GENERIC_ERROR = "用户名或密码错误。"
LOCKOUT_MESSAGE = "该账号连续 5 次登录失败，已被锁定，请 15 分钟后再试。"


def test_login_page_is_a_standalone_chinese_page(db):
    response = Client().get(reverse("accounts:login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-hans">' in html
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in html
    assert "<title>登录 · 同心圆</title>" in html
    assert 'id="app-menu"' not in html  # no left menu
    assert 'name="username"' in html and 'type="password"' in html
    assert "会话超时" not in html and "长时间未操作" not in html


def test_timeout_notice_shows_only_when_asked(db):
    html = Client().get(reverse("accounts:login") + "?timeout=1").content.decode()
    assert 'data-testid="timeout-notice"' in html
    assert "您长时间未操作，已自动退出，请重新登录。" in html


def test_sign_in_cycles_the_session_key_sets_timestamps_and_audits(users):
    client = Client()
    anonymous = client.session
    anonymous["probe"] = 1
    anonymous.save()
    old_key = anonymous.session_key

    response = post_login(client, "c1_staff", TEST_PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/"
    new_key = client.cookies["sessionid"].value
    assert new_key != old_key
    assert not SessionStore().exists(old_key)
    assert signed_in_user_id(client) == str(users["c1_staff"].pk)
    session = client.session
    assert session[SESSION_LAST_SEEN] == session[SESSION_STARTED]
    [event] = events(action="login")
    assert (event.actor_id, event.actor_name, event.result, event.object_id) == (
        users["c1_staff"].pk,
        "c1_staff",
        "ok",
        str(users["c1_staff"].pk),
    )
    assert event.ip == "10.0.0.1"


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [("/users/", "/users/"), ("https://evil.example.com/", "/"), ("//evil.example.com/", "/")],
)
def test_next_is_followed_only_within_the_site(users, next_url, expected):
    response = post_login(Client(), "c1_staff", TEST_PASSWORD, next_url=next_url)
    assert response.status_code == 302
    assert response["Location"] == expected


def test_wrong_password_and_unknown_username_answer_alike(users):
    wrong = post_login(Client(), "c1_staff", "Not-the-password-1")
    unknown = post_login(Client(), "nobody_here", "Not-the-password-1")
    for response in (wrong, unknown):
        assert response.status_code == 200
        assert response.content.decode().count(GENERIC_ERROR) == 1
        assert "_auth_user_id" not in response.wsgi_request.session
    failures = events(action="login")
    assert [(e.actor_id, e.actor_name, e.result) for e in failures] == [
        (None, "c1_staff", "failed"),
        (None, "nobody_here", "failed"),
    ]
    assert failures[0].object_id == str(users["c1_staff"].pk)
    assert failures[1].object_id == ""


def test_inactive_account_cannot_sign_in(users):
    users["c1_staff"].is_active = False
    users["c1_staff"].save()
    response = post_login(Client(), "c1_staff", TEST_PASSWORD)
    assert response.status_code == 200
    assert GENERIC_ERROR in response.content.decode()
    assert [e.result for e in events(action="login")] == ["failed"]


def test_administrator_goes_on_to_the_second_factor(users):
    response = post_login(Client(), "secadmin", TEST_PASSWORD, next_url="/users/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/otp/?next=%2Fusers%2F"


def test_a_signed_in_user_visiting_the_login_page_goes_home(client_for):
    response = client_for("c1_staff").get(reverse("accounts:login"))
    assert response.status_code == 302
    assert response["Location"] == "/"


# --- lockout (django-axes, by username whatever the IP) -----------------------------------------


def _fail(client, username, times, *, first_ip=1):
    return [post_login(client, username, "Wrong-Pass-99", ip=f"10.0.{first_ip + i}.7") for i in range(times)]


def test_five_failures_lock_the_username_whatever_the_ip(users):
    client = Client()
    first_four = _fail(client, "c1_staff", 4)
    assert [r.status_code for r in first_four] == [200, 200, 200, 200]
    assert all(GENERIC_ERROR in r.content.decode() for r in first_four)

    fifth = _fail(client, "c1_staff", 1, first_ip=50)[0]
    assert fifth.status_code == 429
    assert LOCKOUT_MESSAGE in fifth.content.decode()
    assert [e.result for e in events(action="login")] == ["failed"] * 5
    assert [(e.actor_name, e.result) for e in events(action="lockout")] == [("c1_staff", "denied")]

    # The right password, from a fresh client on another address, is refused too.
    blocked = post_login(Client(), "c1_staff", TEST_PASSWORD, ip="192.168.9.9")
    assert blocked.status_code == 429
    assert LOCKOUT_MESSAGE in blocked.content.decode()
    assert "_auth_user_id" not in blocked.wsgi_request.session
    assert len(events(action="login")) == 5  # a blocked attempt is audited once, as a lockout
    lockouts = events(action="lockout")
    assert [(e.actor_name, e.result, e.ip) for e in lockouts] == [
        ("c1_staff", "denied", "10.0.50.7"),
        ("c1_staff", "denied", "192.168.9.9"),
    ]

    # Other usernames are not affected, even from the same address.
    other = post_login(Client(), "c2_staff", TEST_PASSWORD, ip="192.168.9.9")
    assert other.status_code == 302
    assert other.wsgi_request.user.username == "c2_staff"


def test_four_failures_do_not_lock(users):
    _fail(Client(), "c1_staff", 4)
    response = post_login(Client(), "c1_staff", TEST_PASSWORD)
    assert response.status_code == 302
    assert events(action="lockout") == []
    # Success resets the counter: four more failures still do not lock.
    assert AccessAttempt.objects.filter(username="c1_staff").count() == 0


def test_lockout_lasts_fifteen_minutes(users):
    _fail(Client(), "c1_staff", 5)

    def move_attempts_back(minutes):
        AccessAttempt.objects.filter(username="c1_staff").update(
            attempt_time=F("attempt_time") - timedelta(minutes=minutes)
        )

    move_attempts_back(14)
    still_locked = post_login(Client(), "c1_staff", TEST_PASSWORD)
    assert still_locked.status_code == 429

    move_attempts_back(2)  # the five failures are now 16 minutes old
    client = Client()
    response = post_login(client, "c1_staff", TEST_PASSWORD)
    assert response.status_code == 302
    assert signed_in_user_id(client) == str(users["c1_staff"].pk)
    assert [e.result for e in events(action="login")] == ["failed"] * 5 + ["ok"]
    assert len(events(action="lockout")) == 2
