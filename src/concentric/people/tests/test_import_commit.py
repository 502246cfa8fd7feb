"""Commit semantics: all or nothing by default, valid rows only on request, nothing on a kill;
the article's scale; updates; the command; the template."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from python_calamine import CalamineWorkbook

from concentric.audit.models import AuditEvent
from concentric.core.kit.importing import runner as runner_module
from concentric.core.kit.importing.runner import ImportRun
from concentric.core.kit.importing.template import build_template
from concentric.people.importing.columns import HEADERS
from concentric.people.importing.kind import PEOPLE_IMPORT, PeopleImport
from concentric.people.models import DuplicateCase, Person, PersonSearchToken
from concentric.people.search import person_search_filter
from concentric.people.tests.conftest import id_number
from concentric.people.tests.import_helpers import row, table_hashes, workbook

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红"


def people_rows(count: int, *, bad_at=()):
    rows = []
    for n in range(count):
        born = f"{1950 + n % 50}{1 + n % 12:02d}{1 + n % 28:02d}"
        cells = row(
            姓名=SURNAMES[n % len(SURNAMES)] + GIVEN[n % len(GIVEN)] + GIVEN[(n // 7) % len(GIVEN)],
            证件号码=id_number(born, f"{n % 1000:03d}") if n < 1000 else "",
            手机号码=f"139{n:08d}",
            主要类别=("无党派人士", "党外知识分子", "新乡贤")[n % 3],
            其他类别="少数民族人士" if n % 5 == 0 else None,
        )
        if n in bad_at:
            cells["出生日期"] = "1980-02-30"
        rows.append(cells)
    return rows


def run(users, tree, path, *, actor="c1_staff", **options):
    return ImportRun(PEOPLE_IMPORT, actor=users[actor], org_unit=tree["C1"], source=path, **options).run()


def test_one_bad_row_imports_nothing_by_default(tmp_path, users, tree, categories, register):
    register("已有")
    before = table_hashes()
    audits = AuditEvent.objects.count()
    path = workbook(tmp_path / "p.xlsx", people_rows(2500, bad_at={2400}))
    report = run(users, tree, path, dry_run=False)
    assert not report.committed
    assert report.counts == {"new": 2499, "update": 0, "duplicate": 0, "error": 1}
    assert report.results == [
        ("人员信息", 2402, "error", report.results[0][3], [{"column": "出生日期", "reason": "日期不存在。"}])
    ]
    assert report.message == "未导入任何数据：有 1 行存在错误。请更正后重新导入，或选择“仅导入无误的行”。"
    assert table_hashes() == before
    assert AuditEvent.objects.count() == audits


def test_valid_rows_only_imports_the_rest_in_one_go(tmp_path, users, tree, categories):
    path = workbook(tmp_path / "p.xlsx", people_rows(30, bad_at={3, 17}))
    report = run(users, tree, path, dry_run=False, allow_partial=True)
    assert report.committed
    assert report.counts == {"new": 28, "update": 0, "duplicate": 0, "error": 2}
    assert [(r[1], r[2]) for r in report.results] == [(5, "error"), (19, "error")]
    assert Person.objects.filter(org_unit=tree["C1"]).count() == 28
    event = AuditEvent.objects.filter(action="import").get()
    assert event.object_repr == "p.xlsx: 28 new, 0 updated, 2 refused"
    assert "mode=valid rows only" in event.reason


def test_a_dry_run_writes_nothing(tmp_path, users, tree, categories):
    before = table_hashes()
    report = run(users, tree, workbook(tmp_path / "p.xlsx", people_rows(10)), dry_run=True)
    assert report.counts["new"] == 10 and len(report.results) == 10
    assert table_hashes() == before


def test_a_kill_during_commit_leaves_the_database_identical(tmp_path, users, tree, categories, register, monkeypatch):
    register("已有")
    before = table_hashes()
    calls = []
    original = PeopleImport.insert

    def dies_on_third(self, rows):
        calls.append(len(rows))
        if len(calls) == 3:
            raise KeyboardInterrupt("killed")
        return original(self, rows)

    monkeypatch.setattr(PeopleImport, "insert", dies_on_third)
    monkeypatch.setattr(runner_module, "BATCH", 100)
    path = workbook(tmp_path / "p.xlsx", people_rows(500))
    with pytest.raises(KeyboardInterrupt):
        run(users, tree, path, dry_run=False, allow_partial=True)
    assert calls == [100, 100, 100]
    assert table_hashes() == before


def test_article_scale_import_commits_and_is_searchable(tmp_path, users, tree, categories):
    path = workbook(tmp_path / "article.xlsx", people_rows(2692))
    report = run(users, tree, path, dry_run=False)
    assert report.committed and report.counts["new"] == 2692 and report.bad == 0
    people = Person.objects.filter(org_unit=tree["C1"])
    assert people.count() == 2692
    first = people.get(phone_index=Person._meta.get_field("phone_index").digest("13900000000"))
    assert first.name == "王伟伟" and first.id_number == id_number("19500101", "000")
    assert set(first.categories.values_list("code", flat=True)) == {"non-party", "ethnic-minority"}
    assert person_search_filter(people, "王伟伟").filter(pk=first.pk).exists()
    assert person_search_filter(people, "wangweiwei").filter(pk=first.pk).exists()
    assert person_search_filter(people, id_number("19500101", "000")).get() == first
    assert PersonSearchToken.objects.filter(person=first, token="t:0000").exists()


def test_suspected_duplicates_are_queued(tmp_path, users, tree, categories, register):
    from datetime import date

    existing = register("张三", birth_date=date(1980, 1, 2))
    path = workbook(tmp_path / "p.xlsx", [row(证件号码="", 出生日期="1980-01-02")])
    run(users, tree, path, dry_run=False)
    new = Person.objects.exclude(pk=existing.pk).get()
    case = DuplicateCase.objects.get()
    assert (case.person_a_id, case.person_b_id, case.reason) == (existing.pk, new.pk, "name_birth")


def test_update_mode_updates_records_in_scope(tmp_path, users, tree, categories, register):
    number = id_number("19800102", "123")
    person = register("张三", id_number=number, phone="13800000000", work_unit="旧单位")
    path = workbook(
        tmp_path / "p.xlsx", [row(证件号码=number, 手机号码="13911112222", 工作单位="新单位", 主要类别="新乡贤")]
    )
    report = run(users, tree, path, dry_run=False, update_existing=True)
    assert report.counts["update"] == 1 and report.committed
    person.refresh_from_db()
    assert (person.phone, person.work_unit, person.version, person.main_category.code) == (
        "13911112222",
        "新单位",
        2,
        "new-rural-worthies",
    )
    assert person.phone_index == Person._meta.get_field("phone_index").digest("13911112222")
    assert PersonSearchToken.objects.filter(person=person, token="t:2222").exists()
    assert not PersonSearchToken.objects.filter(person=person, token="t:0000").exists()
    assert person.main_category_id in set(person.categories.values_list("pk", flat=True))


def test_staff_without_the_unit_are_refused(tmp_path, users, tree, categories):
    from django.core.exceptions import PermissionDenied

    before = table_hashes()
    with pytest.raises(PermissionDenied):
        run(users, tree, workbook(tmp_path / "p.xlsx", people_rows(3)), actor="c2_staff", dry_run=False)
    with pytest.raises(PermissionDenied):
        run(users, tree, workbook(tmp_path / "p.xlsx", people_rows(3)), actor="leader", dry_run=False)
    assert table_hashes() == before


def test_the_command_dry_runs_and_commits(tmp_path, users, tree, categories):
    path = workbook(tmp_path / "p.xlsx", people_rows(5, bad_at={1}))
    out = io.StringIO()
    with pytest.raises(CommandError) as caught:  # a dry run that finds errors exits non-zero
        call_command(
            "import", "people", str(path), "--unit", tree["C1"].code, "--user", "c1_staff", "--dry-run", stdout=out
        )
    assert str(caught.value) == "dry run: 1 of 5 rows have errors"
    assert "人员信息\t3\t出生日期\t日期不存在。" in out.getvalue()
    assert Person.objects.count() == 0
    with pytest.raises(CommandError):
        call_command(
            "import", "people", str(path), "--unit", tree["C1"].code, "--user", "c1_staff", stdout=io.StringIO()
        )
    assert Person.objects.count() == 0
    call_command(
        "import",
        "people",
        str(path),
        "--unit",
        tree["C1"].code,
        "--user",
        "c1_staff",
        "--allow-partial",
        stdout=io.StringIO(),
    )
    assert Person.objects.count() == 4


def test_the_command_refuses_a_file_that_is_not_a_workbook_with_its_message(tmp_path, users, tree, categories):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook at all")
    before = table_hashes()
    for extra in (["--dry-run"], []):
        with pytest.raises(CommandError) as caught:
            call_command(
                "import",
                "people",
                str(bad),
                "--unit",
                tree["C1"].code,
                "--user",
                "c1_staff",
                *extra,
                stdout=io.StringIO(),
            )
        assert str(caught.value) == "该文件不是 Excel 工作簿（.xlsx）。请另存为 .xlsx 格式后重新上传。"
    assert table_hashes() == before


def test_a_clean_dry_run_of_the_command_succeeds_and_writes_nothing(tmp_path, users, tree, categories):
    out = io.StringIO()
    path = workbook(tmp_path / "p.xlsx", people_rows(3))
    call_command(
        "import", "people", str(path), "--unit", tree["C1"].code, "--user", "c1_staff", "--dry-run", stdout=out
    )
    assert out.getvalue() == (
        '{"counts": {"new": 3, "update": 0, "duplicate": 0, "error": 0}, "rows": 3, "committed": false, '
        '"dry_run": true, "message": ""}\n'
    )
    assert Person.objects.count() == 0


def _unreadable(tmp_path, monkeypatch, kind: str):
    if kind == "missing":
        return tmp_path / "no-such-file.xlsx", "no such file: {}"
    if kind == "directory":
        return tmp_path, "{} is a directory, not an .xlsx file"
    locked = workbook(tmp_path / "locked.xlsx", people_rows(1))
    locked.chmod(0)
    if os.geteuid() == 0:  # root reads any file: refuse it as the kernel would refuse anyone else
        real_open = Path.open

        def refusing_open(self, *args, **kwargs):
            if self == locked:
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)

        monkeypatch.setattr(Path, "open", refusing_open)
    return locked, "cannot read {}: permission denied"


@pytest.mark.parametrize("kind", ["missing", "directory", "no-permission"])
def test_the_command_refuses_an_unreadable_path_with_a_clear_error(
    tmp_path, users, tree, categories, monkeypatch, kind
):
    path, message = _unreadable(tmp_path, monkeypatch, kind)
    before, events = table_hashes(), AuditEvent.objects.count()
    for extra in (["--dry-run"], []):
        with pytest.raises(CommandError) as caught:
            call_command(
                "import",
                "people",
                str(path),
                "--unit",
                tree["C1"].code,
                "--user",
                "c1_staff",
                *extra,
                stdout=io.StringIO(),
            )
        assert str(caught.value) == message.format(path)
    assert (table_hashes(), AuditEvent.objects.count()) == (before, events)


def test_the_console_script_answers_a_missing_file_without_a_traceback(tmp_path):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CONCENTRIC_")}
    environment.update(CONCENTRIC_DEBUG="1", CONCENTRIC_DATA_DIR=str(tmp_path))
    missing = tmp_path / "no-such-file.xlsx"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "concentric.cli",
            "import",
            "people",
            str(missing),
            "--unit",
            "C1",
            "--user",
            "c1_staff",
        ],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (result.returncode, result.stdout, result.stderr) == (1, "", f"CommandError: no such file: {missing}\n")


def test_the_template_names_columns_in_chinese_with_lists_and_instructions(tmp_path, categories):
    content = build_template(PEOPLE_IMPORT)
    (tmp_path / "t.xlsx").write_bytes(content)
    book = CalamineWorkbook.from_path(str(tmp_path / "t.xlsx"))
    assert book.sheet_names == ["人员信息", "说明", "字典"]
    assert book.get_sheet_by_name("人员信息").to_python()[0] == list(HEADERS)
    help_rows = book.get_sheet_by_name("说明").to_python()
    assert ["姓名", "是", "必填，最多50字"] in help_rows
    lists = book.get_sheet_by_name("字典").to_python()
    columns = {lists[0][i]: [r[i] for r in lists[1:] if r[i]] for i in range(len(lists[0]))}
    assert columns["性别"] == ["男", "女"]
    assert len(columns["民族"]) == 56
    assert "无党派人士" in columns["主要类别"] and "民革党员" in columns["政治面貌"]
    import zipfile

    with zipfile.ZipFile(tmp_path / "t.xlsx") as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert sheet.count('<dataValidation type="list"') >= 10
    # The empty template imports as nothing, and the guard accepts it.
    from concentric.core.kit.importing.guard import check_file

    check_file(tmp_path / "t.xlsx")
