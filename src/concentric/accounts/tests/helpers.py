"""Small helpers shared by the accounts tests (fixtures live in the root conftest)."""

from django.test import Client
from django.urls import reverse
from django_otp.oath import totp

from concentric.audit.models import AuditEvent


def post_login(client: Client, username: str, password: str, *, ip: str = "10.0.0.1", next_url: str = ""):
    data = {"username": username, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("accounts:login"), data, REMOTE_ADDR=ip)


def token_for(device, *, offset_steps: int = 0) -> str:
    """The code an authenticator app shows for ``device`` now (or ``offset_steps`` steps away)."""
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset_steps)
    return f"{value:0{device.digits}d}"


def events(**filters):
    return list(AuditEvent.objects.filter(**filters).order_by("id"))


def signed_in_user_id(client: Client):
    return client.session.get("_auth_user_id")
