"""A venue's photos, through the kit's files (core.kit.files): several uploaded at once, checked by
content, stored privately under generated names, served only within scope with the right headers,
audited on upload and delete; the venue's page shows them in a panel."""

from urllib.parse import quote

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import translation

from concentric.audit.models import AuditEvent
from concentric.core import registry
from concentric.core.tests import samples
from concentric.venues.choices import VenueKind
from concentric.venues.files import VenuePhotos
from concentric.venues.models import Venue, VenuePhoto
from tests.api_support import error_of, session_client


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    return samples.use_private_media(settings, tmp_path / "media")


@pytest.fixture
def venue(tree):
    """A venue of the subdistrict: its communities see it, only the subdistrict changes it."""
    return Venue.objects.create(org_unit=tree["S"], name="统战之家", kind=VenueKind.HOME, address="崔家巷4号")


def upload_page(venue):
    return VenuePhotos.url("upload", venue.pk)


def stored(media) -> list[str]:
    return sorted(str(path.relative_to(media)) for path in media.rglob("*") if path.is_file())


def test_several_photos_are_stored_at_once_under_generated_names_and_audited(client_for, users, venue, media):
    files = [samples.upload("晴雨议事厅.png", samples.png()), samples.upload("../../大舞台.jpg", samples.jpeg())]
    response = client_for("sub_staff").post(upload_page(venue), {"files": files})
    assert response.status_code == 302
    photos = list(VenuePhoto.objects.order_by("id"))
    assert [(p.name, p.content_type, p.uploaded_by) for p in photos] == [
        ("晴雨议事厅.png", "image/png", users["sub_staff"]),
        ("大舞台.jpg", "image/jpeg", users["sub_staff"]),
    ]
    for photo in photos:
        assert (
            photo.file.name.startswith("files/") and "晴雨" not in photo.file.name and "大舞台" not in photo.file.name
        )
    assert stored(media) == sorted(photo.file.name for photo in photos)
    events = AuditEvent.objects.filter(object_type="venues.venuephoto", action="create").order_by("id")
    assert [event.changes for event in events] == [
        {
            "venue": [None, str(venue.pk)],
            "name": [None, photo.name],
            "content_type": [None, photo.content_type],
            "size": [None, str(photo.size)],
        }
        for photo in photos
    ]
    assert {event.org_unit_id for event in events} == {venue.org_unit_id}


def test_a_refused_file_is_named_with_why_and_nothing_of_the_upload_is_stored(client_for, venue, media):
    files = [
        samples.upload("好照片.png", samples.png()),
        samples.upload("伪装.jpg", b"MZ\x90\x00 not a picture", content_type="image/jpeg"),
        samples.upload("说明.pdf", samples.pdf(), content_type="application/pdf"),
    ]
    response = client_for("sub_staff").post(upload_page(venue), {"files": files}, follow=True)
    page = response.content.decode()
    assert "“伪装.jpg”未保存：文件内容不是图片、PDF 或 Office 文档。" in page
    assert "“说明.pdf”未保存：此处不接受这类文件（PDF 文档）。" in page
    assert not VenuePhoto.objects.exists() and stored(media) == []
    assert not AuditEvent.objects.filter(object_type="venues.venuephoto").exists()


def test_the_size_limit_comes_from_the_settings(settings, users, venue, media):
    settings.CONCENTRIC_FILE_MAX_MB = 1
    big = samples.upload("大图.png", samples.png() + b"\x00" * (1024 * 1024))
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        VenuePhotos.upload(actor=users["sub_staff"], parent_id=venue.pk, files=[big])
    assert refused.value.messages == ["“大图.png”未保存：文件超过 1 MB。"]
    assert stored(media) == []


def test_an_upload_without_files_or_with_too_many_is_refused(settings, users, venue):
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        VenuePhotos.upload(actor=users["sub_staff"], parent_id=venue.pk, files=[])
    assert refused.value.messages == ["请选择要上传的文件（可多选）。"]
    settings.CONCENTRIC_FILES_PER_UPLOAD = 1
    two = [samples.upload("a.png", samples.png()), samples.upload("b.png", samples.png())]
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        VenuePhotos.upload(actor=users["sub_staff"], parent_id=venue.pk, files=two)
    assert refused.value.messages == ["一次最多上传 1 个文件。"]


def test_the_photo_is_served_with_its_type_its_utf8_name_and_never_sniffed(client_for, users, venue):
    [photo] = VenuePhotos.upload(
        actor=users["sub_staff"], parent_id=venue.pk, files=[samples.upload("晴雨 大舞台.png", samples.png())]
    )
    response = client_for("c1_staff").get(VenuePhotos.url("file", photo.pk))  # seen from below
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == samples.png()
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == f"inline; filename*=utf-8''{quote('晴雨 大舞台.png')}"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    download = client_for("c1_staff").get(VenuePhotos.url("file", photo.pk) + "?download=1")
    assert download["Content-Disposition"].startswith("attachment; ")


def test_no_public_url_serves_the_stored_file(client_for, users, venue):
    [photo] = VenuePhotos.upload(
        actor=users["sub_staff"], parent_id=venue.pk, files=[samples.upload("a.png", samples.png())]
    )
    assert client_for("sub_staff").get(f"/media/{photo.file.name}").status_code == 404


def test_out_of_scope_users_get_404_and_viewers_from_below_may_not_upload_or_delete(client_for, users, tree):
    community_venue = Venue.objects.create(
        org_unit=tree["C1"], name="同心书屋", kind=VenueKind.READING_ROOM, address="x"
    )
    [photo] = VenuePhotos.upload(
        actor=users["c1_staff"], parent_id=community_venue.pk, files=[samples.upload("a.png", samples.png())]
    )
    assert client_for("c2_staff").get(VenuePhotos.url("file", photo.pk)).status_code == 404
    assert client_for("c2_staff").get(VenuePhotos.url("files", community_venue.pk)).status_code == 404
    outside = client_for("c2_staff").post(VenuePhotos.url("delete", photo.pk))
    assert outside.status_code == 404 and VenuePhoto.objects.filter(pk=photo.pk).exists()
    subdistrict_venue = Venue.objects.create(org_unit=tree["S"], name="统战之家", kind=VenueKind.HOME, address="y")
    # C1 sees the subdistrict's venue (it books its rooms) but does not keep its photos.
    assert client_for("c1_staff").get(VenuePhotos.url("files", subdistrict_venue.pk)).status_code == 200
    refused = client_for("c1_staff").post(
        VenuePhotos.url("upload", subdistrict_venue.pk), {"files": [samples.upload("a.png", samples.png())]}
    )
    assert refused.status_code == 403 and not VenuePhoto.objects.filter(venue=subdistrict_venue).exists()
    with pytest.raises(PermissionDenied):
        VenuePhotos.upload(
            actor=users["c1_staff"], parent_id=subdistrict_venue.pk, files=[samples.upload("a.png", samples.png())]
        )
    with pytest.raises(Http404):
        VenuePhotos.upload(
            actor=users["c2_staff"], parent_id=community_venue.pk, files=[samples.upload("a.png", samples.png())]
        )


def test_a_delete_is_audited_and_the_file_goes_when_the_transaction_commits(
    client_for, users, venue, media, django_capture_on_commit_callbacks
):
    [photo] = VenuePhotos.upload(
        actor=users["sub_staff"], parent_id=venue.pk, files=[samples.upload("旧照片.png", samples.png())]
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("sub_staff").post(VenuePhotos.url("delete", photo.pk), follow=True)
    assert "“旧照片.png”已删除。" in response.content.decode()
    assert not VenuePhoto.objects.exists() and stored(media) == []
    event = AuditEvent.objects.get(object_type="venues.venuephoto", action="delete")
    assert event.changes["name"] == ["旧照片.png", None] and event.object_id == str(photo.pk)


def test_the_venue_page_panel_shows_thumbnails_and_the_form_only_to_who_may_change(users, venue):
    [photo] = VenuePhotos.upload(
        actor=users["sub_staff"], parent_id=venue.pk, files=[samples.upload("合影.png", samples.png())]
    )
    with translation.override("zh-hans"):
        [(slug, keeper)] = registry.detail_panels(users["sub_staff"], venue)
        [(_slug, viewer)] = registry.detail_panels(users["c1_staff"], venue)
        nobody = registry.detail_panels(users["norole"], venue)
    assert slug == "photos" and nobody == []
    for html in (keeper, viewer):
        assert f'<img src="{VenuePhotos.url("file", photo.pk)}" alt="合影.png"' in html
    assert 'name="files"' in keeper and 'name="files"' not in viewer
    assert f'hx-post="{VenuePhotos.url("delete", photo.pk)}"' in keeper and "delete" not in viewer
    assert "JPEG 图片、PNG 图片、GIF 图片、WebP 图片" in keeper


def test_the_files_page_reads_the_same_panel(client_for, venue):
    page = client_for("sub_staff").get(VenuePhotos.url("files", venue.pk)).content.decode()
    assert "阵地照片：统战之家" in page
    assert "暂无文件。" in page and 'name="files"' in page


def test_an_htmx_upload_reloads_its_page(client_for, venue):
    response = client_for("sub_staff").post(
        upload_page(venue), {"files": [samples.upload("a.png", samples.png())]}, HTTP_HX_REQUEST="true"
    )
    assert (response.status_code, response["HX-Refresh"]) == (204, "true")
    assert VenuePhoto.objects.count() == 1


# --- the API ----------------------------------------------------------------------------------


def test_the_api_lists_uploads_downloads_and_deletes(users, venue):
    client = session_client(users["sub_staff"])
    url = f"/api/v1/venues/{venue.pk}/photos/"
    response = client.post(
        url,
        {"files": [samples.upload("一.png", samples.png()), samples.upload("二.gif", samples.gif())]},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert [(item["name"], item["content_type"]) for item in created] == [
        ("一.png", "image/png"),
        ("二.gif", "image/gif"),
    ]
    assert [item["id"] for item in client.get(url).json()] == [item["id"] for item in created]
    download = client.get(f"/api/v1/venues/photos/{created[0]['id']}/")
    assert download.status_code == 200 and download["Content-Type"] == "image/png"
    assert download["Content-Disposition"].startswith("attachment; ")
    assert client.delete(f"/api/v1/venues/photos/{created[0]['id']}/").status_code == 204
    assert [item["id"] for item in client.get(url).json()] == [created[1]["id"]]


def test_the_api_refuses_a_forged_file_by_name_with_nothing_stored(users, venue, media):
    client = session_client(users["sub_staff"])
    response = client.post(
        f"/api/v1/venues/{venue.pk}/photos/",
        {"files": [samples.upload("照片.png", samples.jpeg() + samples.office())]},
        format="multipart",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400
    assert error_of(response)["fields"]["files"] == ["“照片.png”未保存：JPEG 图片中夹带了压缩包。"]
    assert not VenuePhoto.objects.exists() and stored(media) == []


def test_the_api_answers_404_where_the_venue_cannot_be_changed(users, venue):
    viewer = session_client(users["c1_staff"])  # sees the subdistrict's venue
    assert viewer.get(f"/api/v1/venues/{venue.pk}/photos/").status_code == 200
    response = viewer.post(
        f"/api/v1/venues/{venue.pk}/photos/", {"files": [samples.upload("a.png", samples.png())]}, format="multipart"
    )
    assert response.status_code == 404 and not VenuePhoto.objects.exists()


def test_the_demo_gives_each_venue_a_picture_once(users, venue):
    from concentric.venues.files import load_demo_photos

    context = {"users": {"hubin_admin": users["sub_admin"]}}
    assert load_demo_photos(context) == 1
    assert load_demo_photos(context) == 0
    [photo] = VenuePhoto.objects.filter(venue=venue)
    assert (photo.name, photo.content_type, photo.uploaded_by) == ("统战之家.png", "image/png", users["sub_admin"])
    assert AuditEvent.objects.filter(object_type="venues.venuephoto", action="create").count() == 1
