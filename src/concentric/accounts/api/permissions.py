"""The API's account check: signed in, and past the gates the page middleware enforces for
sessions (settings: REST_FRAMEWORK's DEFAULT_PERMISSION_CLASSES)."""

from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework import exceptions, permissions
from rest_framework.authentication import SessionAuthentication

from concentric.accounts.passwords import password_expired
from concentric.accounts.security import needs_second_factor


class AccountInGoodStanding(permissions.BasePermission):
    """Signed in, and past the gates the page middleware enforces for sessions: a token cannot
    be used to skip a forced password change or an administrator's second factor."""

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated and user.is_active):
            return False
        if user.must_change_password or password_expired(user):
            raise exceptions.PermissionDenied(
                _("Change your password on the website before using the API."), code="password_change_required"
            )
        if needs_second_factor(user) and not _second_factor_ok(request, user):
            raise exceptions.PermissionDenied(
                _("Set up and pass the second factor on the website before using the API."),
                code="second_factor_required",
            )
        return True


def _second_factor_ok(request, user) -> bool:
    if isinstance(request.successful_authenticator, SessionAuthentication):
        verified = getattr(request._request.user, "is_verified", None)
        return bool(verified and verified())
    # A token was issued to a verified session; the holder must still have a confirmed device.
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()
