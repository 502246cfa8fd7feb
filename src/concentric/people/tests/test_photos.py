"""Member photos: JPEG or PNG by content, at most 2 MB, stored under a random name in the data
dir's media folder, served only to users who may see the member, audited, removed with them."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from concentric.audit.models import AuditEvent
from concentric.core.tests import samples
from concentric.people.models import Person
from concentric.people.services import person_delete, person_merge, person_update
from concentric.people.services.photos import MAX_BYTES
from tests.api_support import error_of, session_client

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64 + b"\xff\xd9"
PNG = samples.png()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
    }
    return tmp_path / "media"


def jpeg(name="证件照.jpg", content=JPEG):
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def edit_form(person, **values):
    data = {
        "version": person.version,
        "name": person.name,
        "main_category": person.main_category_id,
        "id_type": person.id_type,
        "ethnicity": person.ethnicity,
    }
    data.update(values)
    return data


def test_the_form_stores_a_photo_under_a_random_name_and_audits_it(client_for, register, media):
    person = register("张三")
    response = client_for("c1_staff").post(reverse("people:edit", args=[person.pk]), edit_form(person, photo=jpeg()))
    assert response.status_code == 302, response.context["form"].errors
    person.refresh_from_db()
    assert person.photo.name.startswith("photos/") and person.photo.name.endswith(".jpg")
    assert "证件照" not in person.photo.name
    assert (media / person.photo.name).read_bytes() == JPEG
    event = AuditEvent.objects.filter(action="update", object_id=str(person.pk)).latest("id")
    assert event.changes["photo"] == ["", person.photo.name]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("a.jpg", b"GIF89a" + b"\x00" * 32), "照片只能是 JPEG 或 PNG 格式的图片。"),
        (
            SimpleUploadedFile("a.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
            "照片只能是 JPEG 或 PNG 格式的图片。",
        ),
        (SimpleUploadedFile("a.jpg", b""), "上传的文件是空的。"),
        (SimpleUploadedFile("a.jpg", JPEG + b"\x00" * MAX_BYTES), "照片不能超过 2 MB，请压缩后重新上传。"),
    ],
)
def test_other_files_and_large_photos_are_refused_with_a_clear_message(client_for, register, media, upload, message):
    person = register("张三")
    response = client_for("c1_staff").post(reverse("people:edit", args=[person.pk]), edit_form(person, photo=upload))
    assert response.status_code == 200
    assert response.context["form"].errors["photo"] == [message]
    person.refresh_from_db()
    assert (person.photo.name, person.version) == ("", 1)
    assert not media.exists() or not any(media.rglob("*.*"))


def test_the_photo_is_served_only_to_users_who_may_see_the_person(client_for, register, users):
    person = register("张三")
    person_update(actor=users["c1_staff"], person_id=person.pk, version=1, photo=jpeg(content=PNG))
    url = reverse("people:photo", args=[person.pk])
    response = client_for("c1_leader").get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"  # told by the content, not the upload's name
    assert b"".join(response.streaming_content) == PNG
    assert "no-store" in response["Cache-Control"]
    assert client_for("c2_staff").get(url).status_code == 404
    assert client_for("sysadmin").get(url).status_code == 404
    assert client_for("c1_staff").get(f"/media/{Person.objects.get().photo.name}").status_code == 404
    detail = client_for("c1_staff").get(reverse("people:detail", args=[person.pk])).content.decode()
    assert f'src="{url}?v=2"' in detail


def test_without_a_photo_a_placeholder_is_served(client_for, register):
    person = register("张三")
    response = client_for("c1_staff").get(reverse("people:photo", args=[person.pk]))
    assert (response.status_code, response["Content-Type"]) == (200, "image/svg+xml")


def test_replacing_and_removing_delete_the_old_file_on_commit(
    register, users, media, django_capture_on_commit_callbacks
):
    person = register("张三")
    with django_capture_on_commit_callbacks(execute=True):
        first = person_update(actor=users["c1_staff"], person_id=person.pk, version=1, photo=jpeg()).photo.name
    with django_capture_on_commit_callbacks(execute=True):
        second = person_update(
            actor=users["c1_staff"], person_id=person.pk, version=2, photo=jpeg(content=PNG)
        ).photo.name
    assert not default_storage.exists(first) and default_storage.exists(second) and second.endswith(".png")
    with django_capture_on_commit_callbacks(execute=True):
        person_update(actor=users["c1_staff"], person_id=person.pk, version=3, photo="")
    assert Person.objects.get().photo.name == "" and not default_storage.exists(second)


def test_a_failed_save_leaves_no_file_behind(register, users, media):
    person = register("张三")
    with pytest.raises(ValidationError):  # the ID number's check digit
        person_update(
            actor=users["c1_staff"], person_id=person.pk, version=1, photo=jpeg(), id_number="330102198001011235"
        )
    assert not media.exists() or not any(media.rglob("*.*"))


def test_a_stored_name_cannot_be_passed_as_a_photo(register, users):
    person = register("张三")
    with pytest.raises(ValidationError) as error:
        person_update(actor=users["c1_staff"], person_id=person.pk, version=1, photo="photos/2026/other.jpg")
    assert "photo" in error.value.message_dict


def test_delete_and_merge_remove_the_photos_that_do_not_survive(register, users, django_capture_on_commit_callbacks):
    actor = users["c1_staff"]
    keep, remove, gone = register("张三"), register("张叁"), register("李四")
    with django_capture_on_commit_callbacks(execute=True):
        kept_photo = person_update(actor=actor, person_id=keep.pk, version=1, photo=jpeg()).photo.name
        removed_photo = person_update(actor=actor, person_id=remove.pk, version=1, photo=jpeg()).photo.name
        gone_photo = person_update(actor=actor, person_id=gone.pk, version=1, photo=jpeg()).photo.name
    with django_capture_on_commit_callbacks(execute=True):
        person_delete(actor=actor, person_id=gone.pk, version=2)
    assert not default_storage.exists(gone_photo)
    with django_capture_on_commit_callbacks(execute=True):
        merged = person_merge(
            actor=actor,
            keep_id=keep.pk,
            remove_id=remove.pk,
            field_choices={"photo": "remove"},
            keep_version=2,
            remove_version=2,
        )
    assert merged.photo.name == removed_photo and default_storage.exists(removed_photo)
    assert not default_storage.exists(kept_photo)


def test_the_api_accepts_a_photo_as_multipart(register, users):
    person = register("张三")
    client = session_client(users["c1_staff"])
    url = f"/api/v1/people/{person.pk}/"
    assert client.get(url).json()["has_photo"] is False
    response = client.patch(url, {"photo": jpeg(), "version": 1, "title": "工程师"}, format="multipart")
    assert response.status_code == 200, response.content
    assert (response.json()["has_photo"], response.json()["title"], "photo" in response.json()) == (
        True,
        "工程师",
        False,
    )
    refused = client.patch(url, {"photo": jpeg(content=b"MZ\x90\x00"), "version": 2}, format="multipart")
    assert error_of(refused)["fields"] == {"photo": ["照片只能是 JPEG 或 PNG 格式的图片。"]}
    assert client.patch(url, {"photo": "", "version": 2}, format="json").json()["has_photo"] is False


def test_the_edit_form_offers_removing_the_photo(client_for, register, users, django_capture_on_commit_callbacks):
    person = register("张三")
    client = client_for("c1_staff")
    url = reverse("people:edit", args=[person.pk])
    assert "photo_clear" not in client.get(url).content.decode()
    stored = person_update(actor=users["c1_staff"], person_id=person.pk, version=1, photo=jpeg()).photo.name
    assert 'name="photo_clear"' in client.get(url).content.decode()
    person.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, edit_form(person, photo_clear="on"))
    assert response.status_code == 302
    assert Person.objects.get().photo.name == "" and not default_storage.exists(stored)
