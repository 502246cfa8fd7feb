"""An activity's photos and attachments and a donation's receipts (core.kit.files): the
organising unit keeps them, the co-organising units see them and cannot change them, units
outside see nothing of them."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from concentric.activities.choices import DonationKind, DonorKind, RecipientKind
from concentric.activities.files import ActivityFiles, DonationReceipts
from concentric.activities.models import Activity, ActivityFile, ActivityType, Donation, DonationReceipt
from concentric.core import registry
from concentric.core.tests import samples
from tests.api_support import error_of, session_client

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    return samples.use_private_media(settings, tmp_path / "media")


@pytest.fixture
def activity(tree):
    """An activity of C1, co-organised by B1."""
    activity = Activity.objects.create(
        org_unit=tree["C1"],
        title="同心议事会",
        type=ActivityType.objects.get_or_create(name="座谈交流")[0],
        starts_at=datetime(2026, 10, 1, 9, tzinfo=SHANGHAI),
        ends_at=datetime(2026, 10, 1, 11, tzinfo=SHANGHAI),
    )
    activity.co_units.add(tree["B1"])
    return activity


@pytest.fixture
def donation(tree):
    return Donation.objects.create(
        org_unit=tree["C1"],
        donated_on=date(2026, 3, 1),
        donor_kind=DonorKind.ENTERPRISE,
        donor_name="湖滨商贸公司",
        recipient_kind=RecipientKind.NAMED,
        recipient_name="鹤峰县中心小学",
        kind=DonationKind.MONEY,
        amount=Decimal("50000.00"),
    )


def attach(users, activity, *files):
    return ActivityFiles.upload(actor=users["c1_staff"], parent_id=activity.pk, files=list(files))


def test_photos_and_office_attachments_are_kept_each_as_its_content_says(users, activity):
    kept = attach(
        users,
        activity,
        samples.upload("合影.jpg", samples.jpeg()),
        samples.upload("签到表.xlsx", samples.office("xlsx")),
        samples.upload("议程", samples.office("docx")),  # no extension: the content gives one
        samples.upload("讲稿.pdf", samples.office("pptx")),  # a presentation named as a PDF
    )
    assert [(f.name, f.content_type) for f in kept] == [
        ("合影.jpg", "image/jpeg"),
        ("签到表.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("议程.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("讲稿.pdf.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    ]


def test_a_zip_bomb_or_a_path_escape_is_refused_naming_the_file(users, activity, media):
    with translation.override("zh-hans"):
        for name, content, reason in (
            ("总结.docx", samples.zip_bomb(), "解压后的数据量远超文件大小（压缩炸弹）"),
            ("名单.docx", samples.path_escape(), "压缩包内含有指向文档以外的路径（../../evil.sh）"),
        ):
            response = session_client(users["c1_staff"]).post(
                f"/api/v1/activities/{activity.pk}/files/",
                {"files": [samples.upload(name, content)]},
                format="multipart",
                HTTP_ACCEPT_LANGUAGE="zh-hans",
            )
            assert error_of(response)["fields"]["files"] == [f"“{name}”未保存：{reason}。"]
    assert not ActivityFile.objects.exists() and not any(path.is_file() for path in media.rglob("*"))


def test_co_organisers_see_and_download_the_files_but_cannot_upload_or_delete(client_for, users, activity):
    [photo] = attach(users, activity, samples.upload("合影.png", samples.png()))
    co = client_for("b1_staff")
    assert co.get(ActivityFiles.url("files", activity.pk)).status_code == 200
    assert co.get(ActivityFiles.url("file", photo.pk)).status_code == 200
    upload = co.post(ActivityFiles.url("upload", activity.pk), {"files": [samples.upload("a.png", samples.png())]})
    assert upload.status_code == 403
    assert co.post(ActivityFiles.url("delete", photo.pk)).status_code == 403
    assert list(ActivityFile.objects.values_list("pk", flat=True)) == [photo.pk]
    with pytest.raises(PermissionDenied):
        ActivityFiles.delete(actor=users["b1_staff"], file_id=photo.pk)
    api = session_client(users["b1_staff"])
    assert [item["id"] for item in api.get(f"/api/v1/activities/{activity.pk}/files/").json()] == [photo.pk]
    refused = api.post(
        f"/api/v1/activities/{activity.pk}/files/",
        {"files": [samples.upload("a.png", samples.png())]},
        format="multipart",
    )
    assert refused.status_code == 404
    assert api.delete(f"/api/v1/activities/files/{photo.pk}/").status_code == 404
    assert ActivityFile.objects.count() == 1
    with translation.override("zh-hans"):
        html = dict(registry.detail_panels(users["b1_staff"], activity))["files"]
    assert "照片和附件" in html and 'name="files"' not in html


def test_units_outside_the_activity_get_404(client_for, users, activity):
    [photo] = attach(users, activity, samples.upload("合影.png", samples.png()))
    outsider = client_for("c2_staff")
    assert outsider.get(ActivityFiles.url("file", photo.pk)).status_code == 404
    assert outsider.get(ActivityFiles.url("files", activity.pk)).status_code == 404
    assert session_client(users["c2_staff"]).get(f"/api/v1/activities/files/{photo.pk}/").status_code == 404
    assert registry.detail_panels(users["c2_staff"], activity) == []


def test_a_pdf_is_shown_in_the_browser_and_an_office_file_is_downloaded(client_for, users, activity):
    pdf, sheet = attach(
        users,
        activity,
        samples.upload("通知.pdf", samples.pdf()),
        samples.upload("名单.xlsx", samples.office("xlsx")),
    )
    shown = client_for("c1_staff").get(ActivityFiles.url("file", pdf.pk))
    assert (shown["Content-Type"], shown["Content-Disposition"].split(";")[0]) == ("application/pdf", "inline")
    saved = client_for("c1_staff").get(ActivityFiles.url("file", sheet.pk))
    assert saved["Content-Disposition"].split(";")[0] == "attachment"
    assert saved["X-Content-Type-Options"] == "nosniff"


def test_receipts_are_kept_on_the_donation(client_for, users, donation):
    response = client_for("c1_staff").post(
        DonationReceipts.url("upload", donation.pk),
        {"files": [samples.upload("收据.pdf", samples.pdf()), samples.upload("转账截图.png", samples.png())]},
    )
    assert response.status_code == 302
    assert list(DonationReceipt.objects.values_list("name", flat=True)) == ["收据.pdf", "转账截图.png"]
    with translation.override("zh-hans"):
        [(slug, html)] = registry.detail_panels(users["c1_staff"], donation)
    assert slug == "receipts" and "收据.pdf" in html
    assert client_for("b1_staff").get(DonationReceipts.url("files", donation.pk)).status_code == 404


def test_the_demo_gives_each_activity_a_photo_once(users, activity):
    from concentric.activities.files import load_demo_photos

    context = {"users": {"hubin_admin": users["sub_admin"]}}
    assert load_demo_photos(context) == 1
    assert load_demo_photos(context) == 0
    assert list(ActivityFile.objects.values_list("name", "content_type")) == [("同心议事会.png", "image/png")]
