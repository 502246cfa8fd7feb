"""The spine in a real browser (Debian Chromium through Playwright): a subdistrict unit
administrator signs in with a second factor, switches language, opens the org tree, creates a
community and a user in it and signs out; the org list then renders on a 375 px phone without
horizontal scrolling."""

import base64
import re

import pytest
from django_otp.oath import totp

from concentric.accounts.models import RoleAssignment, User
from concentric.core.roles import Role
from concentric.org.models import OrgUnit
from tests.browser.helpers import ARTIFACTS, sign_in

pytestmark = pytest.mark.browser

CJK = re.compile(r"[\u4e00-\u9fff]")
NEW_USER_PASSWORD = "Hb-Huansha-2026"


def enrol_totp(page) -> None:
    """Bind an authenticator with the key shown on the page, as a phone app would."""
    assert re.search(r"/accounts/otp/", page.url), page.url
    secret = page.locator("[data-testid=otp-secret]").inner_text().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.fill("input[name=token]", f"{totp(key):06d}")
    page.click("[data-testid=otp-submit]")
    page.wait_for_load_state()


def sign_out_label(page) -> str:
    return page.locator("[data-testid=logout]").text_content().strip()


def unit_link(page, name: str):
    """The link of a unit in the org list (tree rows are indented, so match the name inside)."""
    return page.locator("#results a").filter(has_text=name)


def switch_language(page, code: str) -> None:
    page.click("[data-testid=user-menu]")
    page.click(f"[data-testid=lang-{code}]")
    page.wait_for_load_state()


def test_unit_admin_works_through_the_spine(demo, live_server, open_page):
    base = live_server.url
    hubin = OrgUnit.objects.get(code="hubin")
    page = open_page(viewport={"width": 1280, "height": 900})

    sign_in(page, base, "hubin_admin", demo["hubin_admin"])
    enrol_totp(page)
    assert page.url == f"{base}/"
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    chinese_label, chinese_heading = sign_out_label(page), page.locator("h1").inner_text()
    assert CJK.search(chinese_label), chinese_label
    assert not chinese_heading.startswith("Welcome"), chinese_heading

    switch_language(page, "en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert sign_out_label(page) == "Sign out"
    assert page.locator("h1").inner_text() == "Welcome, 陈志远"
    switch_language(page, "zh-hans")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert (sign_out_label(page), page.locator("h1").inner_text()) == (chinese_label, chinese_heading)

    page.goto(f"{base}/org/")
    assert unit_link(page, "湖滨街道").is_visible()
    assert unit_link(page, "东坡社区").is_visible()

    page.click("[data-testid=toolbar-create]")
    page.wait_for_load_state()
    page.select_option("select[name=parent]", str(hubin.pk))
    page.select_option("select[name=kind]", "community")
    page.fill("input[name=code]", "hubin-huansha")
    page.fill("input[name=name]", "浣纱社区")
    page.click("[data-testid=form-submit]")
    page.wait_for_load_state()
    community = OrgUnit.objects.get(code="hubin-huansha")
    assert (community.name, community.kind, community.parent_id) == ("浣纱社区", "community", hubin.pk)
    assert page.get_by_text("浣纱社区").first.is_visible()

    page.goto(f"{base}/users/")
    page.click("[data-testid=toolbar-create]")
    page.wait_for_load_state()
    page.fill("input[name=username]", "huansha_staff")
    page.fill("input[name=full_name]", "钱晓燕")
    page.select_option("select[name=org_unit]", str(community.pk))
    page.fill("input[name=password]", NEW_USER_PASSWORD)
    page.fill("input[name=password2]", NEW_USER_PASSWORD)
    page.select_option("select[name=initial_role]", Role.STAFF)
    page.click("[data-testid=form-submit]")
    page.wait_for_load_state()
    user = User.objects.get(username="huansha_staff")
    assert (user.full_name, user.org_unit_id, user.must_change_password) == ("钱晓燕", community.pk, True)
    assert user.check_password(NEW_USER_PASSWORD)
    assert list(RoleAssignment.objects.filter(user=user).values_list("role", "org_unit_id")) == [
        (Role.STAFF, community.pk)
    ]
    assert page.get_by_text("huansha_staff").first.is_visible()

    page.click("[data-testid=user-menu]")
    page.click("[data-testid=logout]")
    page.wait_for_load_state()
    assert page.url.startswith(f"{base}/accounts/login/")
    page.goto(f"{base}/org/")
    assert page.url.startswith(f"{base}/accounts/login/")
    assert page.failed_assets == []


def test_org_list_fits_a_375px_phone(demo, live_server, open_page):
    base = live_server.url
    page = open_page(viewport={"width": 375, "height": 812}, device_scale_factor=2, is_mobile=True)
    sign_in(page, base, "hubin_leader", demo["hubin_leader"])
    page.goto(f"{base}/org/")
    assert page.url == f"{base}/org/"
    assert unit_link(page, "湖滨街道").is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "org-list-375.png"), full_page=True)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 375, f"the page is {scroll_width}px wide at a 375px viewport"
    assert page.failed_assets == []
