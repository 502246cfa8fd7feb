from datetime import timedelta

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from concentric.accounts.models import User
from concentric.accounts.passwords import password_expired
from concentric.accounts.tests.helpers import events
from conftest import TEST_PASSWORD

CHANGE_URL = "/accounts/password/"


def codes(password, user=None) -> list[str]:
    try:
        validate_password(password, user)
    except ValidationError as error:
        return sorted(e.code for e in error.error_list)
    return []


# --- the two profiles -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("Qx7#mplr", []),  # 8 characters, four classes
        ("qx7#mplr", []),  # three classes are enough
        ("Qx7#mpl", ["password_too_short"]),
        ("qxzmplrtvk", ["password_too_simple"]),
        ("qxzmplr123", ["password_too_simple"]),
        ("Password1", ["password_too_common"]),  # Django's list, matched case-insensitively
        ("WoAiNi1314", ["password_too_common"]),  # common in Chinese leaks
        ("ZhongGuo123", ["password_too_common"]),  # only on our Chinese list
    ],
)
def test_mlps_profile(settings, password, expected):
    settings.PASSWORD_PROFILE = "mlps"
    assert codes(password) == expected


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("qxzmplrtvkwy", []),  # 12 lower-case letters: no composition rule
        ("Qx7#mplr", ["password_too_short"]),
        ("Qx7#mplrtvk", ["password_too_short"]),
        ("password1234", ["password_too_common"]),
        ("woaini1314", ["password_too_common", "password_too_short"]),
    ],
)
def test_asvs_profile(settings, password, expected):
    settings.PASSWORD_PROFILE = "asvs"
    assert codes(password) == expected


def test_password_like_the_username_is_refused(users):
    assert codes("c1_staff2026!", users["c1_staff"]) == ["password_too_similar"]


def test_mlps_passwords_expire_after_ninety_days(users, settings):
    settings.PASSWORD_PROFILE = "mlps"
    user = users["c1_staff"]
    now = timezone.now()
    user.password_changed_at = now - timedelta(days=90)
    assert not password_expired(user, now=now)
    user.password_changed_at = now - timedelta(days=90, seconds=1)
    assert password_expired(user, now=now)
    settings.PASSWORD_PROFILE = "asvs"
    user.password_changed_at = now - timedelta(days=900)
    assert not password_expired(user, now=now)


# --- forcing the change page ------------------------------------------------------------------


def _expire(user):
    User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now() - timedelta(days=91))


def test_expired_password_forces_the_change_page_under_mlps(client_for, users, settings):
    settings.PASSWORD_PROFILE = "mlps"
    _expire(users["c1_staff"])
    client = client_for("c1_staff")
    assert client.get("/").status_code == 302
    assert client.get("/").headers["Location"] == CHANGE_URL
    assert client.get("/users/?q=a").headers["Location"] == CHANGE_URL + "?next=%2Fusers%2F%3Fq%3Da"
    page = client.get(CHANGE_URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "您的密码已过期，请设置新密码后继续使用。" in html
    assert 'id="app-menu"' not in html


def test_expired_password_is_not_forced_under_asvs(client_for, users, settings):
    settings.PASSWORD_PROFILE = "asvs"
    _expire(users["c1_staff"])
    assert client_for("c1_staff").get("/").status_code == 200


def test_initial_password_forces_the_change_page(client_for, users):
    User.objects.filter(pk=users["c1_staff"].pk).update(must_change_password=True)
    client = client_for("c1_staff")
    assert client.get("/").headers["Location"] == CHANGE_URL
    html = client.get(CHANGE_URL).content.decode()
    assert "请将管理员设置的初始密码修改为您自己的密码后继续使用。" in html


@pytest.mark.parametrize(
    ("profile", "shown", "hidden"),
    [
        ("mlps", ["长度至少 8 位。", "至少包含小写字母、大写字母、数字、符号中的 3 类。"], ["12 位"]),
        ("asvs", ["长度至少 12 位。"], ["至少包含", "8 位"]),
    ],
)
def test_change_page_shows_the_active_policy(client_for, settings, profile, shown, hidden):
    settings.PASSWORD_PROFILE = profile
    html = client_for("c1_staff").get(CHANGE_URL).content.decode()
    rules = html[html.index('data-testid="password-rules"') :]
    rules = rules[: rules.index("</div>")]
    for text in shown:
        assert text in rules
    for text in hidden:
        assert text not in rules


# --- changing one's own password --------------------------------------------------------------


def _change(client, old, new, repeat=None):
    return client.post(
        CHANGE_URL, {"old_password": old, "new_password": new, "new_password2": new if repeat is None else repeat}
    )


def test_changing_the_password_keeps_the_user_signed_in(client_for, users):
    User.objects.filter(pk=users["c1_staff"].pk).update(must_change_password=True)
    client = client_for("c1_staff")
    response = _change(client, TEST_PASSWORD, "Fresh-Pass-2027")
    assert response.status_code == 302
    assert response["Location"] == "/"
    user = User.objects.get(pk=users["c1_staff"].pk)
    assert user.check_password("Fresh-Pass-2027")
    assert user.must_change_password is False
    assert user.version == users["c1_staff"].version + 1
    assert client.get("/").status_code == 200  # session auth hash was updated
    [event] = events(action="password.change")
    assert (event.actor_id, event.object_id) == (user.pk, str(user.pk))


@pytest.mark.parametrize(
    ("old", "new", "repeat", "field", "message"),
    [
        ("Wrong-old-pass-1", "Fresh-Pass-2027", None, "old_password", "当前密码不正确。"),
        (TEST_PASSWORD, "Fresh-Pass-2027", "Fresh-Pass-2028", "new_password2", "两次输入的密码不一致。"),
        (TEST_PASSWORD, "short1A", None, "new_password", "密码长度至少为 8 位。"),
        (TEST_PASSWORD, "WoAiNi1314", None, "new_password", "该密码过于常见，请换一个。"),
        (TEST_PASSWORD, TEST_PASSWORD, None, "new_password", "新密码不能与当前密码相同。"),
    ],
)
def test_refused_changes_change_nothing(client_for, users, old, new, repeat, field, message):
    client = client_for("c1_staff")
    response = _change(client, old, new, repeat)
    assert response.status_code == 200
    assert message in [str(e) for e in response.context["form"].errors[field]]
    user = User.objects.get(pk=users["c1_staff"].pk)
    assert user.check_password(TEST_PASSWORD)
    assert user.version == users["c1_staff"].version
    assert events(action="password.change") == []


def test_change_page_needs_a_signed_in_user(db):
    from django.test import Client

    response = Client().get(reverse("accounts:password_change"))
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/password/"


def test_passwords_are_hashed_with_argon2(users):
    from concentric import settings as project_settings

    # The tests hash with a cheap Argon2 (root conftest); production uses the configured list.
    assert project_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    stored = User.objects.get(pk=users["c1_staff"].pk).password
    assert stored.startswith("argon2$argon2id$") and TEST_PASSWORD not in stored
