"""API tokens: issued from a signed-in session, stored as a keyed digest, expiring.

The key is returned once; the database keeps only HMAC-SM3 of it, so a copy of the database
does not hand out working credentials.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from concentric.accounts.models import ApiToken
from concentric.core.auditing import audit_record
from concentric.core.crypto import keyed_digest

PURPOSE = "api_token"
# Writing last_used_at on every request would turn each API read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=5)


@dataclass(frozen=True)
class IssuedToken:
    key: str
    created: datetime
    expires_at: datetime


def token_digest(key: str) -> str:
    return keyed_digest(key, purpose=PURPOSE)


@transaction.atomic
def api_token_issue(*, user) -> IssuedToken:
    """A new token for ``user``; any previous token stops working at once."""
    replaced = ApiToken.objects.filter(user=user).delete()[0] > 0
    key = secrets.token_urlsafe(32)
    now = timezone.now()
    token = ApiToken.objects.create(
        user=user, digest=token_digest(key), created=now, expires_at=now + timedelta(days=settings.API_TOKEN_DAYS)
    )
    audit_record(
        actor=user,
        action="api_token.issue",
        obj=user,
        reason="replaced the previous token" if replaced else "",
        changes={"expires_at": [None, token.expires_at.isoformat()]},
    )
    return IssuedToken(key=key, created=token.created, expires_at=token.expires_at)


@transaction.atomic
def api_token_revoke(*, user) -> bool:
    """Delete ``user``'s token; False when there was none (nothing is audited then)."""
    deleted = ApiToken.objects.filter(user=user).delete()[0] > 0
    if deleted:
        audit_record(actor=user, action="api_token.revoke", obj=user)
    return deleted


class HashedTokenAuthentication(TokenAuthentication):
    """``Authorization: Token <key>``, checked against the stored digest and expiry."""

    def authenticate_credentials(self, key):
        token = ApiToken.objects.select_related("user").filter(digest=token_digest(key)).first()
        now = timezone.now()
        if token is None or token.expires_at <= now:
            raise exceptions.AuthenticationFailed(_("Invalid or expired token."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token
