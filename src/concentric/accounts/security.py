from concentric.accounts.choices import SECOND_FACTOR_ROLES


def needs_second_factor(user) -> bool:
    """TOTP is required of the three separated administrators and of unit administrators."""
    return bool(user.role_set() & SECOND_FACTOR_ROLES)
