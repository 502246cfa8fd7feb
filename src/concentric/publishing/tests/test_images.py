"""Pictures of items: the editor's upload answers wangEditor's JSON; a disguised non-image is
refused; what is stored is re-encoded, its EXIF (GPS location included) gone; bodies keep only our
own pictures the writer may see; pictures and covers are served in scope with safe headers."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from concentric.core.tests import samples
from concentric.publishing.models import Item, ItemImage
from concentric.publishing.services.items import item_update
from conftest import sign_in

GPS_TAG = 0x8825


def photo_with_location() -> bytes:
    """A JPEG photo carrying EXIF with a GPS position (as a phone writes it)."""
    image = Image.new("RGB", (2400, 1200), (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[GPS_TAG] = {1: "N", 2: (30.0, 15.0, 0.0), 3: "E", 4: (120.0, 9.0, 0.0)}
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def _upload(client, data: bytes, name: str = "photo.jpg", query: str = ""):
    url = reverse("publishing:image_upload") + query
    return client.post(url, {"image": SimpleUploadedFile(name, data, content_type="image/jpeg")})


def test_an_uploaded_picture_is_reencoded_without_its_location(client, users):
    original = photo_with_location()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_TAG)
    sign_in(client, users["c1_staff"])
    answer = _upload(client, original).json()
    assert answer["errno"] == 0
    image = ItemImage.objects.get()
    assert answer["data"]["url"] == f"/publishing/images/{image.pk}/"
    stored = Image.open(image.file.open("rb"))
    assert not stored.getexif() and max(stored.size) <= 1600
    assert image.org_unit == users["c1_staff"].org_unit
    served = client.get(answer["data"]["url"])
    assert served.status_code == 200 and served["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in served["Content-Security-Policy"]
    sign_in(client, users["c2_staff"])  # another community's picture
    assert client.get(answer["data"]["url"]).status_code == 404


def test_a_disguised_non_image_is_refused_with_a_message(client, users):
    sign_in(client, users["c1_staff"])
    answer = _upload(client, b"<html><script>alert(1)</script></html>", name="photo.jpg")
    assert answer.status_code == 400
    assert answer.json()["errno"] == 1
    assert answer.json()["message"] == "只能插入 JPEG、PNG、WebP 或 GIF 图片。"
    assert not ItemImage.objects.exists()
    sign_in(client, users["c1_leader"])
    assert _upload(client, photo_with_location()).status_code == 403


def test_a_body_keeps_only_our_pictures_and_no_script(client, users, write):
    sign_in(client, users["c1_staff"])
    ours = _upload(client, photo_with_location()).json()["data"]["url"]
    sign_in(client, users["c2_staff"])
    theirs = _upload(client, photo_with_location()).json()["data"]["url"]
    item = write()
    body = (
        f'<h1>标题</h1><p onclick="x()">正文<script>alert(1)</script></p><img src="{ours}">'
        f'<img src="{theirs}"><img src="https://evil.example/a.png"><p style="color:red">红</p>'
    )
    item = item_update(actor=users["c1_staff"], item_id=item.pk, version=item.version, body=body)
    assert "<script" not in item.body and "onclick" not in item.body and "style" not in item.body
    assert f'src="{ours}"' in item.body and theirs not in item.body and "evil.example" not in item.body
    assert "<h2>标题</h2>" in item.body and item.body_text.startswith("标题 正文")
    assert ItemImage.objects.get(pk=ours.strip("/").split("/")[-1]).item == item


def test_the_cover_is_reencoded_and_served_in_scope(client, users, write):
    item = write(cover=SimpleUploadedFile("cover.jpg", photo_with_location(), content_type="image/jpeg"))
    item = Item.objects.get(pk=item.pk)
    assert item.cover_type == "image/jpeg"
    stored = Image.open(item.cover.open("rb"))
    assert not stored.getexif() and max(stored.size) <= 1200
    sign_in(client, users["c1_leader"])
    assert client.get(reverse("publishing:cover", args=[item.pk])).status_code == 200
    sign_in(client, users["b1_staff"])
    assert client.get(reverse("publishing:cover", args=[item.pk])).status_code == 404


def test_the_api_sets_and_removes_a_cover_without_its_location(client, users, write):
    item = write()
    sign_in(client, users["c1_staff"])
    url = f"/api/v1/publishing/items/{item.pk}/cover/"
    disguised = client.post(url, {"version": item.version, "image": SimpleUploadedFile("x.jpg", b"<html></html>")})
    assert disguised.status_code == 400 and not Item.objects.get(pk=item.pk).cover
    data = {"version": item.version, "image": SimpleUploadedFile("cover.jpg", photo_with_location())}
    answer = client.post(url, data)
    assert answer.status_code == 200, answer.content
    item.refresh_from_db()
    stored = Image.open(item.cover.open("rb"))
    assert max(stored.size) <= 1200 and not stored.getexif().get_ifd(GPS_TAG)
    assert answer.json()["cover_url"].endswith(reverse("publishing:cover", args=[item.pk]))
    assert client.delete(f"{url}?version={item.version - 1}").status_code == 409
    removed = client.delete(f"{url}?version={item.version}")
    assert removed.status_code == 200 and removed.json()["cover_url"] == ""
    sign_in(client, users["c2_staff"])  # another community's worker: the item is not there
    assert client.delete(f"{url}?version={item.version + 1}").status_code == 404


def test_a_refused_cover_is_said_beside_the_cover_field(client, users, tree, column):
    sign_in(client, users["c1_staff"])
    values = {"org_unit": tree["C1"].pk, "title": "东坡路新乡贤", "columns": [column.pk]}
    pdf = SimpleUploadedFile("cover.jpg", samples.pdf(), content_type="image/jpeg")
    page = client.post(reverse("publishing:create"), {**values, "cover": pdf}).content.decode()
    beside = page.split('name="cover"', 1)[1]
    assert "封面必须是 JPEG、PNG、WebP 或 GIF 图片。" in beside and "PDF" not in page
    assert not Item.objects.exists()
    photo = SimpleUploadedFile("cover.png", samples.png(40, 30), content_type="image/png")
    again = client.post(reverse("publishing:create"), {**values, "title": "", "cover": photo}).content.decode()
    assert "请重新选择封面图片" in again.split('name="cover"', 1)[1]
    fine = client.post(reverse("publishing:create"), {**values, "title": ""}).content.decode()
    assert "请重新选择封面图片" not in fine
