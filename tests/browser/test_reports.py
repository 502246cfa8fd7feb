"""The year-end review in a real browser, as the subdistrict's leader makes it: choose 湖滨街道
and this year, generate, read the figures and the narrative (at 1366 px and on a phone), and
download the Word file, whose text is the page's."""

import docx
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from concentric.audit.models import AuditEvent
from tests.browser.helpers import ARTIFACTS, sign_in

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 375, "height": 812}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_leader_generates_and_downloads_the_word_review(demo, live_server, open_page, viewport):
    base = live_server.url
    page = open_page(viewport=viewport)
    sign_in(page, base, "hubin_leader", demo["hubin_leader"])
    page.goto(f"{base}/reports/")
    page.select_option("select[name=unit]", label="湖滨街道")
    page.select_option("select[name=year]", str(timezone.localdate().year))
    with page.expect_navigation():
        page.click("[data-testid=review-generate]")
    narrative = page.locator("[data-testid=review-narrative]")
    expect(narrative).to_contain_text("平台数字累计登记各类统战成员")
    expect(page.locator("[data-testid=review-children]")).to_contain_text("东坡社区")
    # A leader reads and downloads; freezing is for the office's staff.
    expect(page.locator("[data-testid=review-freeze]")).to_have_count(0)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"the page scrolls sideways ({width} px)"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"reports-review-{viewport['width']}.png"), full_page=True)
    with page.expect_download() as waiting:
        page.click("[data-testid=review-download-docx]")
    download = waiting.value
    assert download.suggested_filename.endswith("年度盘点.docx")
    document = docx.Document(download.path())
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    assert narrative.inner_text().strip() in paragraphs
    assert AuditEvent.objects.filter(object_type="reports.review", reason="generate docx").count() == 1


def test_a_community_worker_freezes_the_communitys_review(demo, live_server, open_page):
    """东坡社区 has no child units: its review is frozen all the same (it was a server error)."""
    base = live_server.url
    page = open_page(viewport=PHONE)
    sign_in(page, base, "dongpo_staff", demo["dongpo_staff"])
    page.goto(f"{base}/reports/")
    # The picker starts at the worker's own unit.
    expect(page.locator("select[name=unit] option:checked")).to_have_text("东坡社区")
    with page.expect_navigation():
        page.click("[data-testid=review-generate]")
    expect(page.locator("[data-testid=review-children]")).to_have_count(0)
    with page.expect_navigation():
        page.click("[data-testid=review-freeze]")
    expect(page.locator("[data-testid=version-1-docx]")).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "reports-community-frozen-375.png"), full_page=True)
