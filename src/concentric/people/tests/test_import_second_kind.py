"""The import kit serves the next kind unchanged: honours, declared here only (columns and a
handler with one parser of its own), go through the template, a dry run, the commit, the pages,
the API and ``concentric import honours`` with no change to the kit or the imports app."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from python_calamine import CalamineWorkbook

from concentric.audit.models import AuditEvent
from concentric.core import registry
from concentric.core.kit.importing.cells import CellError, checked_text
from concentric.core.kit.importing.columns import Column
from concentric.core.kit.importing.kind import ImportHandler, ImportKind
from concentric.core.kit.importing.runner import ImportRun
from concentric.core.scoping import Action
from concentric.imports.models import ImportJob
from concentric.people import choices
from concentric.people.models import Honour, Person
from concentric.people.tests.conftest import id_number
from concentric.people.tests.import_helpers import workbook

SHEET = "荣誉信息"
UNKNOWN = "没有该证件号码的成员。"


class HonourImport(ImportHandler):
    """The member an honour belongs to, found by document number among the members the actor
    may change in the chosen unit and below."""

    def parsers(self) -> dict:
        return {"member": self.member}

    def member(self, column, raw):
        digest = Person._meta.get_field("id_number_index").digest(checked_text(column, raw))
        found = (
            Person.objects.visible_to(self.run.actor, Action.CHANGE)
            .filter(id_number_index=digest, org_unit__path__startswith=self.run.org_unit.path)
            .values_list("pk", flat=True)
            .first()
        )
        if found is None:
            raise CellError(UNKNOWN)
        return found


HONOURS = ImportKind(
    name="honours",
    model=Honour,
    columns=(
        Column("person_id", "成员证件号码", "member", required=True, sensitive=True, width=22),
        Column("name", "荣誉名称", "text", required=True, max_length=100, help="必填，最多100字"),
        Column("level", "级别", "choice", choices=choices.Level, help="从下拉列表选择"),
        Column("issuer", "授予单位", "text", max_length=100),
        Column("awarded_on", "授予日期", "date"),
    ),
    sheet=SHEET,
    title="导入荣誉",
    template_title="成员荣誉导入",
    handler=HonourImport,
    label_field="name",
)
HEADERS = HONOUR_HEADERS = HONOURS.headers


@pytest.fixture
def honours(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.DATA_DIR = tmp_path / "data"
    registry.add_import_kind(HONOURS.name, HONOURS)
    yield HONOURS
    registry.remove_import_kind(HONOURS.name)


@pytest.fixture
def members(register):
    return {
        "张三": register("张三", id_number=id_number("19800102", "123")),
        "李四": register("李四", id_number=id_number("19700304", "456")),
    }


def rows(*, unknown: bool):
    good = [
        {
            "成员证件号码": id_number("19800102", "123"),
            "荣誉名称": "优秀统战工作者",
            "级别": "市级",
            "授予日期": "2020-05-01",
        },
        {"成员证件号码": id_number("19700304", "456"), "荣誉名称": "劳动模范", "级别": "省级", "授予单位": "省政府"},
    ]
    bad = [
        {"成员证件号码": id_number("19900101", "789"), "荣誉名称": "先进个人"},
        {"荣誉名称": "=1+1", "级别": "宇宙级"},
    ]
    return good + (bad if unknown else [])


def honour_file(tmp_path, *, unknown: bool):
    return workbook(tmp_path / "荣誉.xlsx", rows(unknown=unknown), headers=HEADERS, sheet=SHEET)


def honours_on_file():
    return sorted(Honour.objects.values_list("person__name", "name", "level", "issuer", "awarded_on"))


EXPECTED = [
    ("张三", "优秀统战工作者", "city", "", date(2020, 5, 1)),
    ("李四", "劳动模范", "provincial", "省政府", None),
]


def test_the_template_of_the_new_kind(honours, client_for):
    response = client_for("c1_staff").get("/honours/import/template/")
    assert response.status_code == 200
    assert (
        "%E6%88%90%E5%91%98%E8%8D%A3%E8%AA%89%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.xlsx"
        in response["Content-Disposition"]
    )
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    assert book.sheet_names == [SHEET, "说明", "字典"]
    assert book.get_sheet_by_name(SHEET).to_python()[0] == list(HEADERS)
    lists = book.get_sheet_by_name("字典").to_python()
    assert [lists[0][0], *[row[0] for row in lists[1:]]] == ["级别", "全国", "省级", "市级", "区级", "街道级"]
    help_rows = book.get_sheet_by_name("说明").to_python()
    assert help_rows[0][0] == "成员荣誉导入说明"
    assert help_rows[1][0] == "1. 在“荣誉信息”工作表中每行填写一条记录，第一行为列名，请勿修改或删除列名。"
    assert ["荣誉名称", "是", "必填，最多100字"] in help_rows


def test_dry_run_then_valid_rows_only_through_the_pages(
    honours, members, tmp_path, client_for, tree, django_capture_on_commit_callbacks
):
    client = client_for("c1_staff")
    assert client.get("/honours/import/").status_code == 200
    upload = SimpleUploadedFile("荣誉.xlsx", honour_file(tmp_path, unknown=True).read_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/honours/import/", {"file": upload, "unit": tree["C1"].pk})
    job = ImportJob.objects.get()
    assert response["Location"] == f"/honours/import/{job.pk}/"
    assert (job.kind, job.status, job.summary["counts"]) == (
        "honours",
        "done",
        {"new": 2, "update": 0, "duplicate": 0, "error": 2},
    )
    page = client.get(f"/honours/import/{job.pk}/").content.decode()
    assert (
        f'<td>{SHEET}</td><td>4</td><td>先进个人</td><td class="d-none d-sm-table-cell">错误</td><td>成员证件号码</td><td>{UNKNOWN}</td>'
        in page
    )
    assert f'<td>{SHEET}</td><td>5</td><td></td><td class="d-none d-sm-table-cell">错误</td><td>荣誉名称</td>' in page
    assert "<td>级别</td><td>不是下拉列表中的选项。</td>" in page
    assert "<td>成员证件号码</td><td>此列为必填项。</td>" in page
    assert Honour.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/honours/import/{job.pk}/", {"allow_partial": "1"})
    commit = ImportJob.objects.exclude(pk=job.pk).get()
    assert (commit.status, commit.summary["counts"]["new"]) == ("done", 2)
    assert honours_on_file() == EXPECTED
    event = AuditEvent.objects.get(action="import")
    assert (event.object_type, event.object_repr) == ("people.honour", "荣誉.xlsx: 2 new, 0 updated, 2 refused")


def test_the_api_and_the_jobs_of_one_kind_stay_with_it(
    honours, members, tmp_path, client_for, tree, django_capture_on_commit_callbacks
):
    client = client_for("c1_staff")
    upload = SimpleUploadedFile("荣誉.xlsx", honour_file(tmp_path, unknown=False).read_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/honours/import/", {"file": upload, "unit": tree["C1"].pk, "dry_run": "false"})
    assert response.status_code == 202, response.content
    job_id = response.json()["id"]
    detail = client.get(f"/api/v1/honours/import/{job_id}/?rows=all").json()
    assert (detail["kind"], detail["status"], [row["name"] for row in detail["rows"]]) == ("honours", "done", [])
    assert detail["summary"] == {
        "counts": {"new": 2, "update": 0, "duplicate": 0, "error": 0},
        "rows": 2,
        "committed": True,
    }
    assert honours_on_file() == EXPECTED
    # A job is found under its own kind only.
    assert client.get(f"/api/v1/people/import/{job_id}/").status_code == 404
    assert client.get(f"/people/import/{job_id}/").status_code == 404
    assert client.get("/nothing/import/").status_code == 404


def test_the_command_of_the_new_kind(honours, members, tmp_path, tree, users):
    bad = honour_file(tmp_path, unknown=True)
    out = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command(
            "import", "honours", str(bad), "--unit", tree["C1"].code, "--user", "c1_staff", "--dry-run", stdout=out
        )
    assert str(caught.value) == "dry run: 2 of 4 rows have errors"
    assert f"{SHEET}\t4\t成员证件号码\t{UNKNOWN}" in out.getvalue()
    assert Honour.objects.count() == 0
    good = tmp_path / "good.xlsx"
    workbook(good, rows(unknown=False), headers=HEADERS, sheet=SHEET)
    call_command(
        "import",
        "honours",
        str(good),
        "--unit",
        tree["C1"].code,
        "--user",
        "c1_staff",
        "--dry-run",
        stdout=io.StringIO(),
    )
    assert Honour.objects.count() == 0
    call_command("import", "honours", str(good), "--unit", tree["C1"].code, "--user", "c1_staff", stdout=io.StringIO())
    assert honours_on_file() == EXPECTED


def test_the_new_kind_runs_from_the_kit_directly(honours, members, tmp_path, users, tree):
    report = ImportRun(
        HONOURS,
        actor=users["c1_staff"],
        org_unit=tree["C1"],
        source=honour_file(tmp_path, unknown=True).read_bytes(),
        file_name="荣誉.xlsx",
        dry_run=False,
    ).run()
    assert (report.committed, report.counts["error"]) == (False, 2)
    assert Honour.objects.count() == 0


def test_an_unknown_kind_is_refused_naming_the_kinds(tmp_path, tree, users):
    with pytest.raises(CommandError) as caught:
        call_command("import", "nothing", str(tmp_path / "x.xlsx"), "--unit", tree["C1"].code, "--user", "c1_staff")
    # Every registered kind, sorted: people and the kinds of the other apps (activities …).
    assert (
        str(caught.value)
        == f"unknown import kind 'nothing'; the kinds are: {', '.join(sorted(registry.import_kinds()))}"
    )
    assert "people" in registry.import_kinds()
