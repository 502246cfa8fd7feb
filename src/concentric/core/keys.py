"""The secret key and the field-encryption key.

Both come from CONCENTRIC_SECRET_KEY and CONCENTRIC_FIELD_KEY. In debug mode a development key
is generated once into the data dir; such keys start with ``dev-`` so that production (debug
off) can recognise and refuse them, together with missing or too-short keys.
"""

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

DEV_PREFIX = "dev-"
MIN_SECRET_LENGTH = 50
MIN_FIELD_KEY_LENGTH = 32

# Set by the console script (concentric.cli) when its command line only asks for help or the
# version: nothing is then signed, encrypted or stored, so no key is demanded, read or generated.
_help_only = False


class MissingKey(ImproperlyConfigured):
    """A key is not set at all (production mode), as opposed to a wrong one."""


def for_help_only() -> None:
    global _help_only
    _help_only = True


def help_only() -> bool:
    return _help_only


def _dev_key(data_dir: Path, filename: str) -> str:
    path = data_dir / filename
    if not path.exists():
        path.write_text(DEV_PREFIX + secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def _key(env_name: str, data_dir: Path, filename: str, *, debug: bool, min_length: int) -> str:
    if _help_only:
        return DEV_PREFIX + secrets.token_urlsafe(48)  # never used, never stored
    value = os.environ.get(env_name, "").strip()
    if debug:
        return value or _dev_key(data_dir, filename)
    if not value:
        raise MissingKey(f"{env_name} is required when CONCENTRIC_DEBUG is off")
    if value.startswith(DEV_PREFIX):
        raise ImproperlyConfigured(f"{env_name} is a development key; set a real one for production")
    if len(value) < min_length:
        raise ImproperlyConfigured(f"{env_name} must be at least {min_length} characters")
    return value


def secret_key(data_dir: Path, *, debug: bool) -> str:
    return _key("CONCENTRIC_SECRET_KEY", data_dir, "dev-secret-key", debug=debug, min_length=MIN_SECRET_LENGTH)


def field_key(data_dir: Path, *, debug: bool) -> str:
    return _key("CONCENTRIC_FIELD_KEY", data_dir, "dev-field-key", debug=debug, min_length=MIN_FIELD_KEY_LENGTH)
