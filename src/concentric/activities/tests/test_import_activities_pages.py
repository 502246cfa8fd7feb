"""The activity import through the kit's template, pages, API and ``concentric import activities``."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from python_calamine import CalamineWorkbook

from concentric.activities.importing.columns import HEADERS
from concentric.activities.models import Activity, ActivityType, Participant, VolunteerHours
from concentric.activities.tests.import_workbook import activity_workbook
from concentric.activities.tests.test_import_activities import (  # noqa: F401  (a fixture)
    GOOD_ROWS,
    ZHANG_ID,
    forum_row,
    registered,
)
from concentric.imports.models import ImportJob

SHEET = "活动参与人"


@pytest.fixture
def immediate_jobs(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.DATA_DIR = tmp_path / "data"


def test_the_template_lists_the_active_types_and_the_columns(client_for, users):
    ActivityType.objects.filter(name="结对帮扶").update(is_active=False)
    response = client_for("c1_staff").get("/activities/import/template/")
    assert response.status_code == 200
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    assert book.sheet_names == [SHEET, "说明", "字典"]
    assert book.get_sheet_by_name(SHEET).to_python()[0] == list(HEADERS)
    lists = book.get_sheet_by_name("字典").to_python()
    columns = {header: [row[index] for row in lists[1:] if row[index]] for index, header in enumerate(lists[0])}
    assert columns["活动类型"] == ["公益服务", "座谈交流", "文化展览", "学习培训", "联谊活动", "调研走访", "志愿服务"]
    assert columns["状态"] == ["计划中", "已举办", "已取消"]
    assert columns["是否出席"] == ["是", "否"]
    assert columns["角色"] == ["组织者", "主讲/发言", "参与者", "志愿者"]
    notes = [row[0] for row in book.get_sheet_by_name("说明").to_python()]
    assert notes[0] == "活动及参与人导入说明"
    assert any("活动名称和开始时间相同的行属于同一活动" in note for note in notes)


@pytest.mark.usefixtures("registered")
def test_dry_run_then_commit_through_the_pages(
    users, tree, tmp_path, client_for, immediate_jobs, django_capture_on_commit_callbacks
):
    client = client_for("c1_staff")
    assert client.get("/activities/import/").status_code == 200
    rows = [*GOOD_ROWS, forum_row(参与人姓名="张三", 参与人证件号码=ZHANG_ID)]
    upload = SimpleUploadedFile("活动.xlsx", activity_workbook(tmp_path / "活动.xlsx", rows).read_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/activities/import/", {"file": upload, "unit": tree["C1"].pk})
    job = ImportJob.objects.get()
    assert response["Location"] == f"/activities/import/{job.pk}/"
    assert (job.kind, job.status, job.summary["counts"]) == (
        "activities",
        "done",
        {"new": 5, "update": 0, "duplicate": 1, "error": 0},
    )
    page = client.get(f"/activities/import/{job.pk}/").content.decode()
    assert (
        f'<td>{SHEET}</td><td>7</td><td>张三</td><td class="d-none d-sm-table-cell">重复</td>'
        "<td>参与人证件号码</td><td>同一活动的同一参与人已在工作表活动参与人第2行。</td>"
    ) in page
    assert ZHANG_ID not in page  # the ID number is never repeated in the results
    assert not Activity.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/activities/import/{job.pk}/", {"allow_partial": "1"})
    commit = ImportJob.objects.exclude(pk=job.pk).get()
    assert (commit.status, commit.summary["counts"]["new"], commit.summary["committed"]) == ("done", 5, True)
    assert (Activity.objects.count(), Participant.objects.count(), VolunteerHours.objects.count()) == (2, 5, 2)


@pytest.mark.usefixtures("registered")
def test_the_api_imports_and_reports(
    users, tree, tmp_path, client_for, immediate_jobs, django_capture_on_commit_callbacks
):
    client = client_for("c1_staff")
    upload = SimpleUploadedFile("活动.xlsx", activity_workbook(tmp_path / "活动.xlsx", GOOD_ROWS).read_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/activities/import/", {"file": upload, "unit": tree["C1"].pk, "dry_run": "false"}
        )
    assert response.status_code == 202, response.content
    detail = client.get(f"/api/v1/activities/import/{response.json()['id']}/?rows=all").json()
    assert (detail["kind"], detail["status"], detail["summary"]) == (
        "activities",
        "done",
        {"counts": {"new": 5, "update": 0, "duplicate": 0, "error": 0}, "rows": 5, "committed": True},
    )
    assert Participant.objects.count() == 5
    # A leader may read but not import.
    refused = client_for("c1_leader").post(
        "/api/v1/activities/import/",
        {"file": SimpleUploadedFile("活动.xlsx", b"x"), "unit": tree["C1"].pk, "dry_run": "false"},
    )
    assert refused.status_code == 403


@pytest.mark.usefixtures("registered")
def test_the_command_dry_runs_and_imports(users, tree, tmp_path):
    bad = activity_workbook(
        tmp_path / "bad.xlsx", [forum_row(参与人姓名="张三", 参与人证件号码=ZHANG_ID, 志愿服务时长=3)]
    )
    out = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import", "activities", str(bad), "--unit", "C1", "--user", "c1_staff", stdout=out)
    assert str(caught.value) == "未导入任何数据：有 1 行存在错误。请更正后重新导入，或选择“仅导入无误的行”。"
    assert f"{SHEET}\t2\t志愿服务时长\t只有出席者才能记录志愿服务时长。" in out.getvalue()
    good = activity_workbook(tmp_path / "good.xlsx", GOOD_ROWS)
    call_command("import", "activities", str(good), "--unit", "C1", "--user", "c1_staff", "--dry-run", stdout=out)
    assert not Activity.objects.exists()
    call_command("import", "activities", str(good), "--unit", "C1", "--user", "c1_staff", stdout=io.StringIO())
    assert Participant.objects.count() == 5
