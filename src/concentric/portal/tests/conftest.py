"""The portal's world: columns that are public, internal and switched off, and in each an item in
every state of the review (draft, submitted, returned, published, withdrawn), each with a cover, a
body image and an attachment; all written through publishing's services."""

import io
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from concentric.people.models import Category
from concentric.people.services import person_create
from concentric.publishing.files import ItemFiles
from concentric.publishing.services.columns import column_create, column_update
from concentric.publishing.services.covers import image_upload
from concentric.publishing.services.items import item_create
from concentric.publishing.services.workflow import item_publish, item_return, item_submit, item_withdraw

STATES = ("draft", "submitted", "returned", "published", "withdrawn")
COLUMN_KINDS = ("public", "internal", "inactive")


def png(name: str = "picture.png", colour=(200, 60, 50)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@dataclass
class Entry:
    item: object
    state: str
    column_kind: str
    image: object  # the body image
    file: object  # the attachment

    @property
    def public(self) -> bool:
        return self.state == "published" and self.column_kind == "public"


def move(users, item, state: str):
    """Take a draft to ``state`` through the review (the subdistrict's administrator reviews)."""
    writer, admin = users["sub_staff"], users["sub_admin"]
    if state == "draft":
        return item
    item = item_submit(actor=writer, item_id=item.pk, version=item.version)
    if state == "returned":
        return item_return(actor=admin, item_id=item.pk, version=item.version, comment="再改改")
    if state in ("published", "withdrawn"):
        item = item_publish(actor=admin, item_id=item.pk, version=item.version)
    if state == "withdrawn":
        item = item_withdraw(actor=admin, item_id=item.pk, version=item.version, comment="撤下")
    return item


@pytest.fixture
def member(users, tree):
    category = Category.objects.get(code="non-party")
    return person_create(
        actor=users["sub_admin"], org_unit=tree["S"], name="王乡贤", main_category=category, phone="13912345678"
    )


@pytest.fixture
def columns(users, tree):
    admin = users["sub_admin"]
    return {
        "public": column_create(actor=admin, org_unit=tree["S"], name="湖滨新乡贤风采", description="乡贤的故事"),
        "internal": column_create(actor=admin, org_unit=tree["S"], name="内部工作简报", is_public=False),
        "inactive": column_create(actor=admin, org_unit=tree["S"], name="停用栏目"),
    }


@pytest.fixture
def write(users, tree, columns, member):
    """write(title, column_kind="public", state="published") -> Entry: an item with a cover, a body
    image, an attachment and a featured member, taken to ``state``."""

    def build(title: str, *, column_kind: str = "public", state: str = "published", summary: str = "") -> Entry:
        writer = users["sub_staff"]
        image = image_upload(actor=writer, org_unit=tree["S"], upload=png("body.png", (10, 120, 200)))
        body = f'<p>{title}的正文，讲述邻里故事。</p><p><img src="{image.get_absolute_url()}"></p>'
        item = item_create(
            actor=writer,
            org_unit=tree["S"],
            title=title,
            columns=[columns[column_kind]],
            body=body,
            summary=summary,
            cover=png("cover.png"),
            features=[member],
        )
        (file,) = ItemFiles.upload(actor=writer, parent_id=item.pk, files=[png(f"附件{item.pk}.png", (0, 0, 0))])
        item = move(users, item, state)
        image.refresh_from_db()
        return Entry(item, state, column_kind, image, file)

    return build


@pytest.fixture
def world(write, users, columns, django_capture_on_commit_callbacks):
    """Every state in every kind of column; the inactive column is switched off after its items
    moved through the review (a column that is off takes no publishing)."""
    entries = [write(f"标记{kind}{state}", column_kind=kind, state=state) for kind in COLUMN_KINDS for state in STATES]
    inactive = columns["inactive"]
    inactive.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        column_update(actor=users["sub_admin"], column_id=inactive.pk, version=inactive.version, is_active=False)
    return entries
