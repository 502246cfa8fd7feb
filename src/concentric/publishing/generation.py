"""The public generation: a token in the shared cache (settings.CACHES, read alike by every serving
process) that takes a new value whenever something public may have changed. The portal keys its
cached pages by it; selectors.public_generation reads it, services.public renews it on commit."""

import secrets

from django.core.cache import caches

SHARED_CACHE = "shared"
KEY = "publishing:public-generation"


def current() -> str:
    """The token now; started afresh when the cache lost it (no database query either way)."""
    cache = caches[SHARED_CACHE]
    token = cache.get(KEY)
    if token is None:
        cache.add(KEY, secrets.token_hex(8), None)
        token = cache.get(KEY)
    return token


def renew() -> None:
    caches[SHARED_CACHE].set(KEY, secrets.token_hex(8), None)
