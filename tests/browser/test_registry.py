"""The member registry in a real browser (Debian Chromium through Playwright), as the community
worker of 东坡社区 uses it: register a member, find them by the initials of their name, walk them
through 发现 → 培养 → 使用 → 管理 on their page, import the downloaded template filled with one good
and one bad row (reading the bad row's sheet, row and column on the dry-run page), and export the
list."""

import io
from datetime import date
from pathlib import Path

import pytest
import xlsxwriter
from playwright.sync_api import expect
from python_calamine import CalamineWorkbook

from concentric.core.identity import check_digit
from concentric.org.models import OrgUnit
from concentric.people.models import PathEvent, Person
from tests.browser.helpers import ARTIFACTS, sign_in

pytestmark = pytest.mark.browser

# 单 reads shan as a surname: the initials are szg, not dzg.
NAME, INITIALS = "单志刚", "szg"
IMPORTED = "曾雅琴"
STEPS = [  # stage, kind, date, by whom / from where
    ("discover", "source", "2024-03-01", "社区走访"),
    ("cultivate", "training", "2024-06-15", "党外人士培训班"),
    ("use", "recommendation", "2025-01-10", "推荐加入新联会"),
    ("manage", "visit", "2025-04-20", "年度走访"),
]


def resident_id(birth: str, sequence: str) -> str:
    """A valid number of 上城区 (330102) for a birth date written YYYYMMDD."""
    first17 = f"330102{birth}{sequence}"
    return first17 + check_digit(first17)


def bad_check_digit(number: str) -> str:
    return number[:17] + ("0" if number[17] != "0" else "1")


@pytest.fixture
def immediate_tasks(settings):
    """Background tasks run as soon as the request that queued them commits (no worker)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def filled_template(template: bytes, rows: list[dict], path: Path) -> Path:
    """The downloaded template's data sheet, header row as downloaded, with ``rows`` below it
    (by header), as a worker would fill it in Excel."""
    book = CalamineWorkbook.from_filelike(io.BytesIO(template))
    sheet = book.sheet_names[0]
    headers = book.get_sheet_by_name(sheet).to_python()[0]
    out = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    data = out.add_worksheet(sheet)
    for column, header in enumerate(headers):
        data.write_string(0, column, header)
    for number, row in enumerate(rows, start=1):
        for column, header in enumerate(headers):
            if header in row:
                data.write_string(number, column, row[header])
    out.close()
    return path


def register(page, base: str, unit: OrgUnit) -> None:
    page.goto(f"{base}/people/")
    with page.expect_navigation():
        page.click("[data-testid=toolbar-create]")
    assert page.locator("select[name=org_unit]").input_value() == str(unit.pk)  # the worker's only unit
    page.fill("input[name=name]", NAME)
    page.select_option("select[name=main_category]", label="新的社会阶层人士 / 新媒体从业人员")
    page.fill("input[name=id_number]", resident_id("19880512", "031"))
    page.fill("input[name=phone]", "13967151234")
    with page.expect_navigation():
        page.click("[data-testid=form-submit]")


def find_by_initials(page, base: str) -> None:
    page.goto(f"{base}/people/")
    page.fill("input[name=q]", INITIALS)
    page.press("input[name=q]", "Enter")
    page.wait_for_url(f"**/people/?*q={INITIALS}*")
    link = page.locator("#results a", has_text=NAME)
    link.wait_for()
    assert page.locator("#results tbody tr").count() == 1
    with page.expect_navigation():
        link.click()


def walk_the_path(page) -> None:
    for stage, kind, when, source in STEPS:
        form = page.locator("[data-testid=path-form]")
        form.locator("select[name=stage]").select_option(stage)
        form.locator("select[name=kind]").select_option(kind)
        form.locator("input[name=occurred_on]").fill(when)
        form.locator("input[name=source]").fill(source)
        with page.expect_navigation():
            form.locator("button[type=submit]").click()
        current = page.locator("[data-testid=stage-steps] .text-bg-primary").inner_text()
        assert current == {"discover": "发现", "cultivate": "培养", "use": "使用", "manage": "管理"}[stage]


def export_the_filtered_list_and_go_back(page, base, dongpo):
    """A filter chosen in a select refreshes the table in place (htmx); the export then holds the
    filtered rows, and Back shows the unfiltered page with its selects as they were."""
    page.goto(f"{base}/people/")
    with page.expect_response(lambda response: "main_category=" in response.url):
        page.select_option("select[name=main_category]", label="无党派人士")
    non_party = Person.objects.filter(org_unit=dongpo, main_category__code="non-party").count()
    expect_rows = page.locator("[data-testid=people-table] tbody tr")
    assert non_party < Person.objects.filter(org_unit=dongpo).count()
    # The response arrives before htmx swaps the table in: wait for the rows, not the response.
    expect(expect_rows).to_have_count(non_party)
    assert page.locator("#results").count() == 1
    assert "?main_category=" in page.url and "q=" not in page.url  # empty fields stay out of the address
    with page.expect_download() as download:
        page.click("[data-testid=toolbar-export-csv]")
    exported = Path(download.value.path()).read_text(encoding="utf-8-sig").strip().splitlines()
    assert len(exported) == 1 + non_party
    # History restores the page after the address changes: wait for what it restores (expect
    # retries until it holds), not for a table that may still be the one being left.
    # htmx keeps no copy of past pages (they hold personal data): Back and Forward load the page
    # again, and a person presses Forward once that page is there, not while it is loading.
    select = page.locator("select[name=main_category]")
    page.a11y.wait()
    page.go_back()
    page.wait_for_url(f"{base}/people/")
    expect(select).to_have_value("")
    expect(expect_rows).to_have_count(Person.objects.filter(org_unit=dongpo).count())
    page.wait_for_load_state("load")
    page.a11y.wait()  # a history step is not held for the page's checks as other navigations are
    page.go_forward()
    page.wait_for_url("**main_category=**")
    page.wait_for_load_state("load")
    expect(select).not_to_have_value("")
    expect(expect_rows).to_have_count(non_party)
    page.a11y.wait()


def test_a_community_worker_registers_finds_walks_imports_and_exports(
    demo, live_server, open_page, immediate_tasks, tmp_path
):
    base = live_server.url
    dongpo = OrgUnit.objects.get(code="hubin-dongpo")
    page = open_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page.on("dialog", lambda dialog: dialog.accept())
    sign_in(page, base, "dongpo_staff", demo["dongpo_staff"])

    register(page, base, dongpo)
    person = Person.objects.get(name=NAME)
    assert page.url == f"{base}/people/{person.pk}/"
    assert (person.org_unit_id, person.birth_date, person.gender) == (dongpo.pk, date(1988, 5, 12), "male")
    assert "139****1234" in page.locator("body").inner_text()

    find_by_initials(page, base)
    assert page.url == f"{base}/people/{person.pk}/"

    walk_the_path(page)
    person.refresh_from_db()
    assert (person.stage, person.stage_since) == ("manage", date(2025, 4, 20))
    assert list(PathEvent.objects.filter(person=person).values_list("stage", flat=True)) == [s[0] for s in STEPS]
    timeline = page.locator("[data-testid=path-timeline] > li")
    assert timeline.count() == 4
    assert "app-timeline-manage" in timeline.first.get_attribute("class")  # newest first

    page.goto(f"{base}/people/import/")
    with page.expect_download() as download:
        page.click("[data-testid=import-template]")
    good = {
        "姓名": IMPORTED,
        "主要类别": "无党派人士",
        "证件号码": resident_id("19750203", "042"),
        "手机号码": "13805710000",
    }
    bad = {"姓名": "钱立新", "主要类别": "无党派人士", "证件号码": bad_check_digit(resident_id("19700101", "015"))}
    workbook = filled_template(Path(download.value.path()).read_bytes(), [good, bad], tmp_path / "东坡社区成员.xlsx")
    page.set_input_files("input[name=file]", str(workbook))
    with page.expect_navigation():
        page.click("[data-testid=import-check]")
    assert page.locator("[data-testid=import-state]").inner_text() == "已完成"
    cells = page.locator("[data-testid=import-results] tbody tr").first.locator("td").all_inner_texts()
    sheet, row, name, _outcome, column, reason = cells
    assert (sheet, row, name, column) == ("人员信息", "3", "钱立新", "证件号码")
    assert "校验位" in reason
    assert not Person.objects.filter(name=IMPORTED).exists()  # a dry run writes nothing

    with page.expect_navigation():
        page.click("[data-testid=import-commit] button[type=submit]")
    page.locator("[data-testid=import-done]").wait_for()
    assert Person.objects.get(name=IMPORTED).org_unit_id == dongpo.pk
    assert not Person.objects.filter(name="钱立新").exists()

    page.goto(f"{base}/people/")
    with page.expect_download() as download:
        page.click("[data-testid=toolbar-export]")
    assert download.value.suggested_filename.endswith(".xlsx")
    exported = CalamineWorkbook.from_path(download.value.path())
    rows = exported.get_sheet_by_index(0).to_python()
    text = "\n".join("\t".join(str(cell) for cell in row) for row in rows)
    assert NAME in text and IMPORTED in text
    assert resident_id("19880512", "031") not in text and "13967151234" not in text  # masked
    assert len(rows) == 1 + Person.objects.filter(org_unit=dongpo).count()
    export_the_filtered_list_and_go_back(page, base, dongpo)

    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(f"{base}/people/{person.pk}/")
    page.screenshot(path=str(ARTIFACTS / "person-detail-375.png"), full_page=True)
    assert page.failed_assets == []
