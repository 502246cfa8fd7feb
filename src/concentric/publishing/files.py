"""An item's attachments (core.kit.files): documents and pictures kept beside the body, shown on
the item's page, changed by the item's writers."""

from django.utils.translation import gettext_lazy as _

from concentric.core.kit.files import RecordFiles
from concentric.publishing.choices import EDITABLE
from concentric.publishing.models import ItemFile


class ItemFiles(RecordFiles):
    model = ItemFile
    parent_field = "item"
    slug = "attachments"
    namespace = "publishing_files"
    api_prefix = "publishing/items"
    title = _("Attachments")

    @classmethod
    def may_change(cls, user, parent) -> bool:
        """Attachments change with the text: while the item is a draft or returned."""
        return parent.status in EDITABLE and super().may_change(user, parent)
