"""Helpers shared by the API tests: clients that authenticate by token or by session."""

from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from concentric.accounts.api.tokens import api_token_issue
from concentric.accounts.security import needs_second_factor
from conftest import sign_in

ERROR_KEYS = {"code", "message", "fields"}


def token_client(user) -> APIClient:
    """A client sending ``Authorization: Token <key>``; administrators get a confirmed authenticator,
    as they must have to obtain a token."""
    if needs_second_factor(user) or user.holds_separated_admin_role():
        TOTPDevice.objects.get_or_create(user=user, name="test", defaults={"confirmed": True})
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_issue(user=user).key}")
    return client


def session_client(user) -> APIClient:
    return sign_in(APIClient(), user)


def error_of(response) -> dict:
    """The JSON error body, checked to have exactly the contract's keys."""
    body = response.json()
    assert set(body) == ERROR_KEYS, body
    return body


def result_ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]
