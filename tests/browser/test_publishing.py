"""Information publishing in a real browser at a phone's width (375 px): the community worker of
东坡社区 writes an item in the rich-text editor and features a member with the picker, submits it;
the community's administrator returns it once with a comment; the worker edits it in the editor
and resubmits; the administrator publishes it; it shows on the member's page, and the member's
path has the publicity step. Then anybody, not signed in, finds it on the public portal at the
same width: on the portal's home, on its page (the member by name) and by search."""

import shutil
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from concentric.core.roles import Role
from concentric.core.tests import samples
from concentric.org.models import OrgUnit
from concentric.people.models import PathEvent, Person
from concentric.publishing.models import Column, Item
from concentric.publishing.services.covers import image_upload
from concentric.publishing.services.items import item_create
from conftest import TEST_PASSWORD, make_user
from tests.browser.helpers import ARTIFACTS, sign_in
from tests.browser.test_volunteering import confirm_second_factor

pytestmark = pytest.mark.browser

TITLE = "东坡路新乡贤：二十年守护邻里"
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
WALK = Path("/tmp/walk-portal")


def _step(page, testid: str) -> None:
    with page.expect_navigation():
        page.click(f"[data-testid={testid}]")


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_worker_writes_the_admin_returns_then_publishes(demo, live_server, open_page):
    base = live_server.url
    dongpo = OrgUnit.objects.get(code="hubin-dongpo")
    make_user("dongpo_reviewer", dongpo, Role.UNIT_ADMIN, full_name="东坡社区书记")  # not the demo's dongpo_admin
    member = Person.objects.filter(org_unit=dongpo).order_by("pk").first()

    worker = open_page(viewport=PHONE)
    worker.on("dialog", lambda dialog: dialog.accept())  # "publish this item now?" and the like
    sign_in(worker, base, "dongpo_staff", demo["dongpo_staff"])
    worker.goto(f"{base}/publishing/new/")
    worker.fill("input[name=title]", TITLE)
    worker.get_by_label("湖滨新乡贤风采").check()
    editor = worker.locator("[data-richtext-editor] [contenteditable=true]")
    expect(editor).to_be_visible()
    editor.click()
    worker.keyboard.type("他二十年如一日调解邻里纠纷。")
    _fits(worker)
    with worker.expect_navigation():
        worker.click("[data-testid=form-submit]")
    item = Item.objects.get(title=TITLE)
    assert (item.org_unit, item.status) == (dongpo, "draft") and "调解邻里纠纷" in item.body

    worker.fill("#member-q", member.name)
    pick = worker.locator("[data-testid=pick-member]").first
    expect(pick).to_contain_text(member.name)
    with worker.expect_navigation():
        pick.click()
    expect(worker.locator("[data-testid=feature]")).to_contain_text(member.name)
    _step(worker, "item-submit")
    expect(worker.locator("[data-testid=item-status]")).to_have_text("待审核")

    admin = open_page(viewport=PHONE)
    admin.on("dialog", lambda dialog: dialog.accept())
    sign_in(admin, base, "dongpo_reviewer", TEST_PASSWORD)
    confirm_second_factor(admin)
    admin.goto(f"{base}/publishing/{item.pk}/")
    admin.fill("#return-comment", "请补充他牵头成立乡贤议事会的情况。")
    _step(admin, "item-return")
    expect(admin.locator("[data-testid=item-status]")).to_have_text("已退回修改")

    worker.goto(f"{base}/publishing/{item.pk}/")
    expect(worker.locator("[data-testid=return-comment]")).to_contain_text("乡贤议事会")
    with worker.expect_navigation():
        worker.click("[data-testid=item-edit]")
    editor = worker.locator("[data-richtext-editor] [contenteditable=true]")
    expect(editor).to_contain_text("调解邻里纠纷")
    editor.click()
    worker.keyboard.press("End")
    worker.keyboard.press("Enter")
    worker.keyboard.type("他还牵头成立了社区乡贤议事会。")
    with worker.expect_navigation():
        worker.click("[data-testid=form-submit]")
    expect(worker.locator("[data-testid=item-body]")).to_contain_text("乡贤议事会")
    _step(worker, "item-submit")
    expect(worker.locator("[data-testid=item-status]")).to_have_text("待审核")

    admin.goto(f"{base}/publishing/{item.pk}/")
    _step(admin, "item-publish")
    expect(admin.locator("[data-testid=item-status]")).to_have_text("已发布")
    expect(admin.locator("[data-testid=timeline-event]")).to_have_count(5)
    _fits(admin)
    admin.screenshot(path=ARTIFACTS / "publishing-item-375.png", full_page=True)
    item.refresh_from_db()
    assert item.status == "published" and item.published_by.username == "dongpo_reviewer"

    worker.goto(f"{base}/people/{member.pk}/")
    panel = worker.locator("[data-testid=panel-publicity]")
    expect(panel).to_contain_text(TITLE)
    assert PathEvent.objects.filter(person=member, origin__startswith=f"publishing:item:{item.pk}:").count() == 1
    with worker.expect_navigation():
        panel.get_by_role("link", name=TITLE).click()
    expect(worker.locator("h1")).to_contain_text(TITLE)

    _read_on_the_portal(open_page, base, member)


def _shot(page, name: str) -> None:
    page.screenshot(path=ARTIFACTS / name, full_page=True)
    WALK.mkdir(parents=True, exist_ok=True)
    shutil.copy(ARTIFACTS / name, WALK / name)


def _read_on_the_portal(open_page, base, member) -> None:
    reader = open_page(viewport=PHONE)
    reader.goto(f"{base}/portal/")
    card = reader.locator("[data-testid=portal-card]", has_text=TITLE)
    expect(card).to_be_visible()
    _fits(reader)
    _shot(reader, "portal-home-375.png")
    with reader.expect_navigation():
        card.get_by_role("link", name=TITLE).click()
    expect(reader.locator("[data-testid=portal-item-title]")).to_have_text(TITLE)
    expect(reader.locator("[data-testid=portal-item-body]")).to_contain_text("乡贤议事会")
    expect(reader.locator("[data-testid=portal-item-members]")).to_contain_text(member.name)
    expect(reader.locator("[data-testid=portal-item-meta]")).to_contain_text("湖滨新乡贤风采")
    assert reader.locator("meta[property='og:title']").get_attribute("content") == TITLE
    _fits(reader)
    _shot(reader, "portal-item-375.png")
    reader.fill("#portal-q", "乡贤议事会")
    with reader.expect_navigation():
        reader.press("#portal-q", "Enter")
    expect(reader.locator("[data-testid=portal-card]", has_text=TITLE)).to_be_visible()
    _fits(reader)
    _shot(reader, "portal-search-375.png")
    desk = open_page(viewport=DESKTOP)
    desk.goto(reader.url)
    expect(desk.locator("[data-testid=portal-card]", has_text=TITLE)).to_be_visible()
    _shot(desk, "portal-search-1280.png")


def test_a_wide_picture_and_a_table_fit_the_item_card(demo, live_server, open_page):
    """A 1600 px picture scales to the card and a table has borders, at 375 px and at 1366 px; on a
    phone the page itself never scrolls sideways (the table does)."""
    dongpo = OrgUnit.objects.get(code="hubin-dongpo")
    staff = get_user_model().objects.get(username="dongpo_staff")
    column = Column.objects.get(name="湖滨新乡贤风采")
    wide = SimpleUploadedFile("wide.png", samples.png(1600, 400), content_type="image/png")
    image = image_upload(actor=staff, org_unit=dongpo, upload=wide)
    cells = "".join(f"<td>第{n}列的一段很长的说明文字</td>" for n in range(8))
    body = f'<p><img src="{image.get_absolute_url()}" alt="湖滨全景"></p><table><tbody><tr>{cells}</tr></tbody></table>'
    item = item_create(actor=staff, org_unit=dongpo, title="宽图与表格", columns=[column], body=body)
    for viewport in (PHONE, {"width": 1366, "height": 900}):
        page = open_page(viewport=viewport)
        sign_in(page, live_server.url, "dongpo_staff", demo["dongpo_staff"])
        page.goto(f"{live_server.url}/publishing/{item.pk}/")
        picture = page.locator("[data-testid=item-body] img")
        expect(picture).to_be_visible()
        page.wait_for_function("document.querySelector('[data-testid=item-body] img').complete")
        box = page.locator("[data-testid=item-body]").bounding_box()
        shown = picture.bounding_box()
        assert shown["width"] <= box["width"] + 0.5 and shown["x"] + shown["width"] <= box["x"] + box["width"] + 0.5
        border = page.locator("[data-testid=item-body] td").first.evaluate(
            "cell => getComputedStyle(cell).borderTopStyle"
        )
        assert border == "solid"
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
