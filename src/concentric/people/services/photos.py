"""Member photos: JPEG or PNG only (told by the content, not the name: core.filetypes), at most 2 MB,
stored in the default storage (the data dir's media folder) under a random name. No URL serves
that folder: the photo view checks that the user may see the person."""

import uuid
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from concentric.core import filetypes

MAX_BYTES = 2 * 1024 * 1024


def accepted_photo(value):
    """A photo value for a person: an uploaded JPEG or PNG within the size limit, renamed at
    random, or "" to remove the photo. Anything else (a stored file's name, to point at another
    person's photo) is refused."""
    if value in (None, "", False):
        return ""
    if not isinstance(value, File):
        raise ValidationError({"photo": _("Upload the photo as a file.")})
    if value.size > MAX_BYTES:
        raise ValidationError({"photo": _("The photo is larger than 2 MB; make it smaller and upload it again.")})
    try:
        kind = filetypes.identify(value, filetypes.PHOTOS)
    except filetypes.Refused:
        raise ValidationError({"photo": _("The photo must be a JPEG or PNG image.")}) from None
    value.name = f"{uuid.uuid4().hex}.{kind.extension}"
    return value


def discard_photo(name: str) -> None:
    """Delete a stored photo once the transaction that dropped it commits."""
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


@contextmanager
def photo_change(person):
    """Around a service's write of ``person``: a replaced photo is deleted when the transaction
    commits; a photo stored by a write that then fails is deleted at once."""
    before = person.photo.name or ""
    try:
        yield
    except BaseException:
        stored = person.photo.name or ""
        if stored and stored != before and person.photo._committed:
            default_storage.delete(stored)
        raise
    if before and (person.photo.name or "") != before:
        discard_photo(before)
