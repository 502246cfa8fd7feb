"""Files kept on a record in a real browser (Debian Chromium through Playwright), on a phone's
375 px screen: the community worker of 东坡社区 uploads a photo and a PDF to an activity at once,
sees the thumbnail and the list, has a forged picture refused by name, deletes the PDF, and the
co-organising 商圈 sees the files without the upload form."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from concentric.activities.files import ActivityFiles
from concentric.activities.models import Activity, ActivityFile, ActivityType
from concentric.core.tests import samples
from concentric.org.models import OrgUnit
from conftest import reseed_dictionaries
from tests.browser.helpers import sign_in

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}


@pytest.fixture
def activity(demo, settings, tmp_path):
    samples.use_private_media(settings, tmp_path / "media")
    reseed_dictionaries()
    activity = Activity.objects.create(
        org_unit=OrgUnit.objects.get(code="hubin-dongpo"),
        title="同心议事会",
        type=ActivityType.objects.get(name="座谈交流"),
        starts_at=datetime(2026, 10, 1, 9, tzinfo=ZoneInfo("Asia/Shanghai")),
        ends_at=datetime(2026, 10, 1, 11, tzinfo=ZoneInfo("Asia/Shanghai")),
    )
    activity.co_units.add(OrgUnit.objects.get(code="hubin-buxingjie"))
    return activity


def test_a_worker_uploads_photos_and_attachments_on_a_phone(demo, activity, live_server, open_page, tmp_path):
    base = live_server.url
    photo, notice, forged = tmp_path / "合影.png", tmp_path / "通知.pdf", tmp_path / "伪装.jpg"
    photo.write_bytes(samples.png(32, 24))
    notice.write_bytes(samples.pdf())
    forged.write_bytes(b"<html><script>alert(1)</script></html>")
    page = open_page(viewport=PHONE)
    sign_in(page, base, "dongpo_staff", demo["dongpo_staff"])
    page.goto(f"{base}{ActivityFiles.url('files', activity.pk)}")
    expect(page.get_by_role("heading", level=1)).to_have_text("照片和附件：同心议事会")
    expect(page.get_by_test_id("files-files-count")).to_have_text("0")

    page.get_by_test_id("files-files-input").set_input_files([str(photo), str(notice)])
    page.get_by_test_id("files-files-upload").click()
    expect(page.get_by_test_id("files-files-count")).to_have_text("2")
    expect(page.get_by_text("已保存 2 个文件。")).to_be_visible()
    thumbnail = page.get_by_role("img", name="合影.png")
    expect(thumbnail).to_be_visible()
    page.wait_for_function("img => img.complete && img.naturalWidth === 32", arg=thumbnail.element_handle())
    expect(page.get_by_role("link", name="通知.pdf")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.get_by_test_id("files-files-input").set_input_files([str(forged)])
    page.get_by_test_id("files-files-upload").click()
    expect(page.get_by_text("“伪装.jpg”未保存：文件内容不是图片、PDF 或 Office 文档。")).to_be_visible()
    expect(page.get_by_test_id("files-files-count")).to_have_text("2")
    assert ActivityFile.objects.filter(activity=activity).count() == 2

    notice_record = ActivityFile.objects.get(activity=activity, name="通知.pdf")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_test_id(f"file-{notice_record.pk}-delete").click()
    expect(page.get_by_test_id("files-files-count")).to_have_text("1")
    expect(page.get_by_text("“通知.pdf”已删除。")).to_be_visible()
    assert page.failed_assets == []

    co_organiser = open_page(viewport=PHONE)
    sign_in(co_organiser, base, "buxingjie_staff", demo["buxingjie_staff"])
    co_organiser.goto(f"{base}{ActivityFiles.url('files', activity.pk)}")
    expect(co_organiser.get_by_role("img", name="合影.png")).to_be_visible()
    expect(co_organiser.get_by_test_id("files-files-input")).to_have_count(0)
