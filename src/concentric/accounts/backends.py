"""The session's user, loaded with what the account gate asks on every request."""

from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db import connection
from django_otp.plugins.otp_totp.models import TOTPDevice


@cache
def _user_sql() -> str:
    """One statement for the user and whether they have a confirmed authenticator. Written in
    SQL because it runs on every request: the ORM takes several times longer to compile it than
    the database takes to answer (concentric bench measures pages against their SQL)."""
    quote = connection.ops.quote_name
    user, device = get_user_model()._meta, TOTPDevice._meta
    return (
        f"SELECT u.*, EXISTS (SELECT 1 FROM {quote(device.db_table)} d WHERE d.{quote('user_id')} = u.{quote(user.pk.column)}"  # nosec B608  # quoted names from _meta; the id is a %s parameter
        f" AND d.{quote('confirmed')}) AS has_confirmed_totp FROM {quote(user.db_table)} u WHERE u.{quote(user.pk.column)} = %s"
    )


class AccountBackend(ModelBackend):
    """Django's model backend, whose ``get_user`` also answers whether the account has a
    confirmed authenticator (``has_confirmed_totp``), so the gate needs no query of its own."""

    def get_user(self, user_id):
        model = get_user_model()
        try:
            user_id = model._meta.pk.to_python(user_id)
        except Exception:  # a session holding something else than an id
            return None
        found = list(model._default_manager.raw(_user_sql(), [user_id]))
        if not found:
            return None
        user = found[0]
        user.has_confirmed_totp = bool(user.has_confirmed_totp)
        return user if self.user_can_authenticate(user) else None
