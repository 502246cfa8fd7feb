"""What the public sees changed: once the transaction commits, the public generation
(selectors.public_generation) takes a new value, so every public page cached under the old one is
out of use at once. Called by every write that may change a public page: publishing, withdrawing,
a published item's featured members, any change of a column."""

from django.db import transaction

from concentric.publishing import generation


def public_changed() -> None:
    transaction.on_commit(generation.renew)
