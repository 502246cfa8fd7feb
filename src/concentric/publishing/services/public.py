"""What the public sees changed: once the transaction commits, the public generation
(selectors.public_generation) takes a new value, so every public page cached under the old one is
out of use at once. Called by every write that may change a public page: publishing, withdrawing,
a published item's featured members, any change of a column."""

import secrets

from django.core.cache import caches
from django.db import transaction

from concentric.publishing.selectors import PUBLIC_GENERATION_KEY, SHARED_CACHE


def _bump() -> None:
    caches[SHARED_CACHE].set(PUBLIC_GENERATION_KEY, secrets.token_hex(8), None)


def public_changed() -> None:
    transaction.on_commit(_bump)
