from django_otp.plugins.otp_totp.models import TOTPDevice

from concentric.core.roles import SECOND_FACTOR_ROLES


def needs_second_factor(user) -> bool:
    """TOTP is required of the three separated administrators and of unit administrators, and of
    anyone who chose to enrol an authenticator (an enrolled factor that is never asked for would
    protect nothing)."""
    if user.role_set() & SECOND_FACTOR_ROLES:
        return True
    known = getattr(user, "has_confirmed_totp", None)  # loaded with the session's user (AccountBackend)
    if known is not None:
        return known
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()
