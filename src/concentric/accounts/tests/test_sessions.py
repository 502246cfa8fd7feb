import time

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.urls import reverse

from concentric.accounts.middleware import LAST_SEEN_RESOLUTION_SECONDS, SESSION_LAST_SEEN, SESSION_STARTED
from concentric.accounts.tests.helpers import events, post_login, signed_in_user_id
from conftest import TEST_PASSWORD

LOGIN_AFTER_TIMEOUT = "/accounts/login/?timeout=1"


def _active_client(client_for, name="c1_staff"):
    client = client_for(name)
    assert client.get("/").status_code == 200  # the middleware stamps the session
    return client


def _age_session(client, *, idle: float = 0, age: float = 0):
    session = client.session
    now = time.time()
    session[SESSION_LAST_SEEN] = now - idle
    session[SESSION_STARTED] = now - age
    session.save()
    return session.session_key


def _assert_timed_out(client, response, key, users, name="c1_staff"):
    assert response.status_code == 302
    assert response["Location"] == LOGIN_AFTER_TIMEOUT
    assert not SessionStore().exists(key)
    assert signed_in_user_id(client) is None
    [event] = events(action="logout")
    assert (event.actor_id, event.reason, event.result) == (users[name].pk, "session timeout", "ok")


def test_idle_for_fifteen_minutes_ends_the_session(client_for, users):
    client = _active_client(client_for)
    key = _age_session(client, idle=15 * 60 + 5, age=20 * 60)
    _assert_timed_out(client, client.get("/"), key, users)
    # The old cookie opens nothing any more.
    assert client.get("/").status_code == 302


def test_activity_within_the_idle_limit_keeps_the_session(client_for, users):
    client = _active_client(client_for)
    _age_session(client, idle=15 * 60 - 30, age=60 * 60)
    assert client.get("/").status_code == 200
    assert time.time() - client.session[SESSION_LAST_SEEN] < 5  # the clock restarted
    assert events(action="logout") == []


def test_the_idle_clock_is_written_at_most_every_resolution_period(client_for):
    client = _active_client(client_for)
    _age_session(client, idle=LAST_SEEN_RESOLUTION_SECONDS - 10, age=60)
    stamped = client.session[SESSION_LAST_SEEN]
    assert client.get("/").status_code == 200
    assert client.session[SESSION_LAST_SEEN] == stamped  # no session write for this request
    _age_session(client, idle=LAST_SEEN_RESOLUTION_SECONDS + 1, age=60)
    assert client.get("/").status_code == 200
    assert time.time() - client.session[SESSION_LAST_SEEN] < 5


def test_idle_limit_is_configurable(client_for, users, settings):
    settings.SESSION_IDLE_SECONDS = 60
    client = _active_client(client_for)
    key = _age_session(client, idle=61)
    _assert_timed_out(client, client.get("/"), key, users)


def test_twelve_hours_end_even_an_active_session(client_for, users):
    client = _active_client(client_for)
    _age_session(client, idle=10, age=12 * 3600 - 60)
    assert client.get("/").status_code == 200
    key = _age_session(client, idle=10, age=12 * 3600 + 5)
    _assert_timed_out(client, client.get("/"), key, users)


def test_htmx_requests_are_sent_to_the_login_page_too(client_for, users):
    client = _active_client(client_for)
    key = _age_session(client, idle=15 * 60 + 5)
    response = client.get(reverse("users:list"), HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"] == LOGIN_AFTER_TIMEOUT
    assert not SessionStore().exists(key)


def test_login_stamps_the_session_so_the_clock_starts_at_sign_in(users):
    client = Client()
    before = time.time()
    post_login(client, "c1_staff", TEST_PASSWORD)
    session = client.session
    assert before <= session[SESSION_STARTED] <= time.time()
    assert session[SESSION_LAST_SEEN] == session[SESSION_STARTED]


def test_logout_is_post_only(client_for):
    client = _active_client(client_for)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.get("/").status_code == 200


def test_logout_invalidates_the_session_on_the_server(client_for, users):
    client = _active_client(client_for)
    old_key = client.cookies["sessionid"].value

    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    assert not SessionStore().exists(old_key)
    [event] = events(action="logout")
    assert (event.actor_id, event.reason) == (users["c1_staff"].pk, "")
    replay = Client()
    replay.cookies["sessionid"] = old_key
    answer = replay.get("/")
    assert answer.status_code == 302
    assert answer["Location"].startswith("/accounts/login/")
    assert "您已安全退出。" in client.get(reverse("accounts:login")).content.decode()


@pytest.mark.parametrize("name", ["secadmin", "c1_admin"])
def test_logout_works_for_administrators_before_the_second_factor(users, name):
    client = Client()
    post_login(client, name, TEST_PASSWORD)
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert signed_in_user_id(client) is None


def test_api_calls_get_json_errors_from_the_session_gates(client, users, settings):
    """A session that timed out, or still owes a second factor, answers the API in JSON."""
    from concentric.accounts.middleware import SESSION_LAST_SEEN

    client.force_login(users["sysadmin"])  # password only: the second factor is still owed
    response = client.get("/api/v1/org-units/")
    assert (response.status_code, response.json()["code"]) == (403, "second_factor_required")
    session = client.session
    session[SESSION_LAST_SEEN] = 0
    session.save()
    response = client.get("/api/v1/org-units/")
    assert (response.status_code, response.json()["code"]) == (401, "session_expired")
