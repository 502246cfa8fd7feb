"""Password policy profiles.

mlps (default): GB/T 22239 level 3 practice: at least 8 characters from at least three of the
four classes (upper, lower, digit, symbol), changed every 90 days.
asvs: OWASP ASVS 4 V2.1: at least 12 characters, no composition rules, no forced rotation.
Both refuse common and breached passwords: Django's list of 20,000 plus passwords common in
Chinese leaks, checked case-insensitively.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import CommonPasswordValidator as DjangoCommonPasswordValidator
from django.contrib.auth.password_validation import (
    UserAttributeSimilarityValidator as DjangoUserAttributeSimilarityValidator,
)
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclass(frozen=True)
class PasswordProfile:
    name: str
    min_length: int
    min_classes: int
    max_age: timedelta | None


PROFILES = {
    "mlps": PasswordProfile("mlps", min_length=8, min_classes=3, max_age=timedelta(days=90)),
    "asvs": PasswordProfile("asvs", min_length=12, min_classes=0, max_age=None),
}


def current_profile() -> PasswordProfile:
    try:
        return PROFILES[settings.PASSWORD_PROFILE]
    except KeyError:
        raise ImproperlyConfigured(
            f"CONCENTRIC_PASSWORD_PROFILE must be one of {sorted(PROFILES)}, got {settings.PASSWORD_PROFILE!r}"
        ) from None


def character_classes(password: str) -> int:
    return sum(
        [
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        ]
    )


def password_expired(user, *, now=None) -> bool:
    max_age = current_profile().max_age
    if max_age is None or user.password_changed_at is None:
        return False
    return (now or timezone.now()) - user.password_changed_at > max_age


class ProfileLengthValidator:
    def validate(self, password, user=None):
        minimum = current_profile().min_length
        if len(password) < minimum:
            raise ValidationError(
                ngettext(
                    "The password must contain at least %(min)d character.",
                    "The password must contain at least %(min)d characters.",
                    minimum,
                )
                % {"min": minimum},
                code="password_too_short",
            )

    def get_help_text(self):
        minimum = current_profile().min_length
        return ngettext("At least %(min)d character.", "At least %(min)d characters.", minimum) % {"min": minimum}


class ProfileCompositionValidator:
    def validate(self, password, user=None):
        needed = current_profile().min_classes
        if needed and character_classes(password) < needed:
            raise ValidationError(
                _("The password must mix at least %(n)d of: lower-case letters, upper-case letters, digits, symbols.")
                % {"n": needed},
                code="password_too_simple",
            )

    def get_help_text(self):
        needed = current_profile().min_classes
        if not needed:
            return ""
        return _("At least %(n)d of: lower-case letters, upper-case letters, digits, symbols.") % {"n": needed}


# Passwords frequent in Chinese breach corpora that Django's English-centred list lacks.
CHINESE_COMMON = frozenset(
    [
        "woaini1314",
        "woaini520",
        "5201314",
        "woaini123",
        "iloveyou520",
        "aini1314",
        "qwe123456",
        "qweasd123",
        "qwer1234",
        "a123456789",
        "abc123456",
        "aa123456",
        "zxc123456",
        "1qaz2wsx",
        "1qaz@wsx",
        "qq123456",
        "q1w2e3r4",
        "zhang123",
        "wang123456",
        "li123456",
        "admin123",
        "admin@123",
        "admin888",
        "password@123",
        "p@ssw0rd",
        "p@ssw0rd123",
        "huawei123",
        "root123",
        "test123",
        "abcd1234",
        "a1234567",
        "a12345678",
        "aa12345678",
        "passw0rd",
        "88888888",
        "66666666",
        "11111111",
        "12345678",
        "123456789",
        "tongzhan123",
        "hubin123",
        "hangzhou123",
        "zhongguo123",
        "beijing123",
    ]
)


class CommonPasswordValidator(DjangoCommonPasswordValidator):
    def validate(self, password, user=None):
        if password.lower().strip() in CHINESE_COMMON:
            raise ValidationError(_("This password is too common."), code="password_too_common")
        super().validate(password, user)


class UserAttributeSimilarityValidator(DjangoUserAttributeSimilarityValidator):
    """Django's check, worded as the rest of the platform addresses its users (您)."""

    def validate(self, password, user=None):
        try:
            super().validate(password, user)
        except ValidationError:
            raise ValidationError(
                _("The password is too similar to your own details (username, name or email)."),
                code="password_too_similar",
            ) from None

    def get_help_text(self):
        return _("The password must not be too similar to your own details.")
