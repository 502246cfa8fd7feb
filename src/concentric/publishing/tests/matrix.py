"""The route sweeps' declarations of information publishing (tests/routes.py): a factory per model
(one record owned by a given unit, and the text that shows it) and the routes that need a word."""

from django.core.files.base import ContentFile

from concentric.core.scoping import Action
from concentric.core.tests import samples
from concentric.core.tests.stored import stored_file
from concentric.people.models import Person
from concentric.people.tests.matrix import FACTORIES as PEOPLE_FACTORIES
from concentric.publishing.models import Column, Item, ItemEvent, ItemFeature, ItemFile, ItemImage
from tests.routes import Spec


def _column(unit, key):
    column = Column.objects.create(org_unit=unit, name=f"矩阵{key}栏目", description="矩阵栏目说明")
    return column, column.name


def _item(unit, key):
    """A draft in a column of its unit, with a cover (so its cover route answers a picture)."""
    column, _marker = _column(unit, key)
    item = Item.objects.create(
        org_unit=unit, title=f"矩阵{key}信息", body="<p>矩阵正文</p>", body_text="矩阵正文", summary="矩阵摘要"
    )
    item.columns.set([column])
    item.cover.save("matrix.png", ContentFile(samples.png()), save=False)
    item.cover_type = "image/png"
    item.save()
    return item, item.title


def _feature(unit, key):
    item, marker = _item(unit, key)
    person, _name = PEOPLE_FACTORIES[Person](unit, key)
    return ItemFeature.objects.create(item=item, person=person), marker


def _event(unit, key):
    item, marker = _item(unit, key)
    return ItemEvent.objects.create(item=item, transition="create", status="draft"), marker


def _file(unit, key):
    item, _marker = _item(unit, key)
    record = stored_file(ItemFile, name=f"矩阵{key}附件.png", item=item)
    return record, record.name


def _image(unit, key):
    content = samples.png()
    image = ItemImage(org_unit=unit, content_type="image/png", width=1, height=1, size=len(content))
    image.file.save("matrix.png", ContentFile(content), save=False)
    image.save()
    return image, image.name


FACTORIES = {
    Column: _column,
    Item: _item,
    ItemFeature: _feature,
    ItemEvent: _event,
    ItemFile: _file,
    ItemImage: _image,
}

ROUTE_SPECS = {
    # The member picker offers members to feature: only to those who may change the item.
    "publishing:member_search": Spec(Item, Action.CHANGE),
    # Answer the picture itself, not a page naming the record.
    "publishing:cover": Spec(Item, Action.VIEW, binary=True),
    "publishing:image": Spec(ItemImage, Action.VIEW, binary=True),
    "publishing_files:attachments_file": Spec(ItemFile, Action.VIEW, binary=True),
    # Uploads are multipart forms.
    "api:publishing/items-attachments-list": Spec(Item, None, api=True, multipart=True),
    "api:publishing-item-cover": Spec(Item, None, api=True, multipart=True),
}
