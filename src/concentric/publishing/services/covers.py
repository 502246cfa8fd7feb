"""Images of items: the cover and the body's pictures, each checked by its content (a real image
only), re-encoded without its metadata (EXIF location included) and resized (core.images)."""

import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from concentric.core.auditing import audit_record
from concentric.core.images import normalise_image
from concentric.core.scoping import Action
from concentric.core.services import require
from concentric.publishing.models import ItemImage

COVER_SIDE = 1200  # the longest side of a cover, in pixels (a chat app's share picture is smaller)
BODY_SIDE = 1600  # the longest side of a picture in a body


NOT_A_COVER = _("The cover must be a JPEG, PNG, WebP or GIF picture.")
NOT_A_PICTURE = _("Only JPEG, PNG, WebP or GIF pictures can be inserted.")


def _normalised(upload, max_side: int, not_image: str = ""):
    """``upload`` re-encoded; a file that is no picture is refused with ``not_image`` (core's
    message names every kind of file it tells apart, PDF and Office ones too)."""
    try:
        return normalise_image(upload, max_side=max_side)
    except ValidationError as refused:
        if not_image and refused.code == "not_image":
            raise ValidationError(not_image, code="not_image") from None
        raise


def _forget(name: str) -> None:
    transaction.on_commit(lambda: default_storage.delete(name))


def store_cover(item, upload) -> None:
    """Keep ``upload`` as the item's cover (re-encoded); the caller saves the item. A refused
    file is an error of the ``cover`` field."""
    try:
        image = _normalised(upload, COVER_SIDE, NOT_A_COVER)
    except ValidationError as refused:
        raise ValidationError({"cover": refused.error_list}) from None
    old = item.cover.name
    item.cover.save(f"{uuid.uuid4().hex}.{image.extension}", ContentFile(image.content), save=False)
    item.cover_type = image.content_type
    if old:
        _forget(old)


def drop_cover(item) -> None:
    if item.cover:
        _forget(item.cover.name)
    item.cover = ""
    item.cover_type = ""


@transaction.atomic
def image_upload(*, actor, org_unit, upload, item=None) -> ItemImage:
    """A picture for a body, uploaded for ``org_unit`` (a unit where the actor writes items),
    re-encoded and kept; answers the stored image (its URL goes into the body)."""
    require(actor, Action.ADD, ItemImage, org_unit)
    image = _normalised(upload, BODY_SIDE, NOT_A_PICTURE)
    record = ItemImage(
        org_unit=org_unit,
        item=item,
        content_type=image.content_type,
        width=image.width,
        height=image.height,
        size=len(image.content),
        uploaded_by=actor,
    )
    record.file.save(f"{uuid.uuid4().hex}.{image.extension}", ContentFile(image.content), save=False)
    record.save()
    audit_record(
        actor=actor,
        action="create",
        obj=record,
        changes={"content_type": [None, record.content_type], "size": [None, record.size]},
    )
    return record
