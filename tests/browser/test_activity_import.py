"""The activity import in a real browser at a phone's width (375 px): the community worker of
东坡社区 downloads the template, fills in a held forum with a registered member, a guest with
hours and one bad row, reads the bad row's sheet, row and column on the dry-run page, and imports
the valid rows; the member's attendance is on their path and the hours await approval."""

import io
from decimal import Decimal
from pathlib import Path

import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

from concentric.accounts.models import User
from concentric.activities.models import Activity, Participant, VolunteerHours
from concentric.core.identity import check_digit
from concentric.people.models import Category, PathEvent
from concentric.people.services import person_create
from tests.browser.helpers import ARTIFACTS, sign_in

pytestmark = pytest.mark.browser

TITLE = "东坡社区议事座谈会"
MEMBER = "柯文静"


def resident_id(birth: str, sequence: str) -> str:
    first17 = f"330102{birth}{sequence}"
    return first17 + check_digit(first17)


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def filled(template: bytes, rows: list[dict], path: Path) -> Path:
    """The downloaded template's data sheet with ``rows`` typed in as text under its headers."""
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


def forum(**cells) -> dict:
    row = {
        "活动名称": TITLE,
        "活动类型": "座谈交流",
        "开始时间": "2026/10/1 9:00",
        "结束时间": "2026年10月1日 11时30分",
        "地点": "东坡社区议事厅",
        "状态": "已举办",
        "是否出席": "是",
    }
    return row | cells


def test_a_community_worker_imports_an_activity_on_a_phone(demo, live_server, open_page, immediate_tasks, tmp_path):
    base = live_server.url
    worker = User.objects.get(username="dongpo_staff")
    number = resident_id("19820714", "026")
    member = person_create(
        actor=worker,
        org_unit=worker.org_unit,
        name=MEMBER,
        main_category=Category.objects.get(code="non-party"),
        id_number=number,
    )
    page = open_page(viewport={"width": 375, "height": 812}, accept_downloads=True)
    page.on("dialog", lambda dialog: dialog.accept())  # "import the valid rows and skip the others?"
    sign_in(page, base, "dongpo_staff", demo["dongpo_staff"])
    page.goto(f"{base}/activities/import/")
    with page.expect_download() as download:
        page.click("[data-testid=import-template]")
    rows = [
        forum(参与人姓名=MEMBER, 参与人证件号码=number, 角色="主讲/发言"),
        forum(参与人姓名="路人甲", 联系电话="13905710001", 角色="志愿者", 志愿服务时长="2.5"),
        forum(参与人姓名="路人乙", 是否出席="否", 志愿服务时长="1"),
    ]
    workbook = filled(Path(download.value.path()).read_bytes(), rows, tmp_path / "活动.xlsx")
    page.set_input_files("input[name=file]", str(workbook))
    with page.expect_navigation():
        page.click("[data-testid=import-check]")
    assert page.locator("[data-testid=import-state]").inner_text() == "已完成"
    cells = page.locator("[data-testid=import-results] tbody tr").first.locator("td").all_inner_texts()
    sheet, row, name, *_outcome, column, reason = cells
    assert (sheet, row, name, column, reason) == (
        "活动参与人",
        "4",
        "路人乙",
        "志愿服务时长",
        "只有出席者才能记录志愿服务时长。",
    )
    assert not Activity.objects.filter(title=TITLE).exists()  # a dry run writes nothing
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # nothing wider than the phone

    with page.expect_navigation():
        page.click("[data-testid=import-commit] button[type=submit]")
    page.locator("[data-testid=import-done]").wait_for()
    activity = Activity.objects.get(title=TITLE)
    assert (activity.org_unit_id, activity.status) == (worker.org_unit_id, "held")
    assert sorted(Participant.objects.filter(activity=activity).values_list("guest_name", flat=True)) == ["", "路人甲"]
    assert list(VolunteerHours.objects.filter(participant__activity=activity).values_list("hours", "status")) == [
        (Decimal("2.5"), "pending")
    ]
    assert PathEvent.objects.filter(person=member, stage="use", kind="speaking").exists()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "activity-import-375.png"), full_page=True)
    assert page.failed_assets == []
