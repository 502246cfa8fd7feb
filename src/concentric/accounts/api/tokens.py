"""Writes for one's own API token (kept beside the API that uses it)."""

from django.db import transaction
from rest_framework.authtoken.models import Token

from concentric.audit.services import audit_record


@transaction.atomic
def api_token_issue(*, user) -> Token:
    """A new token for ``user``; any previous token stops working at once."""
    replaced = Token.objects.filter(user=user).delete()[0] > 0
    token = Token.objects.create(user=user)
    audit_record(actor=user, action="api_token.issue", obj=user, reason="replaced the previous token" if replaced else "")
    return token


@transaction.atomic
def api_token_revoke(*, user) -> bool:
    """Delete ``user``'s token; False when there was none (nothing is audited then)."""
    deleted = Token.objects.filter(user=user).delete()[0] > 0
    if deleted:
        audit_record(actor=user, action="api_token.revoke", obj=user)
    return deleted
