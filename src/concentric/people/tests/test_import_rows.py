"""Import rows are judged like the person form: each bad value refused with its row and column."""

import zipfile
from datetime import date

import pytest

from concentric.core.identity import check_digit
from concentric.core.kit.importing.cells import parse_date
from concentric.core.kit.importing.guard import CHUNK
from concentric.core.kit.importing.reader import uncached_formula_cells, worksheet_parts
from concentric.core.kit.importing.runner import ImportRun
from concentric.people.importing.columns import HEADERS
from concentric.people.importing.kind import PEOPLE_IMPORT
from concentric.people.models import Person
from concentric.people.tests.conftest import id_number
from concentric.people.tests.import_helpers import Formula, row, workbook, workbook_xml

FORMULA = "内容不能以 = + - @ 开头（可能被当作公式执行）。"
CONTROL = "内容含有不可见的控制字符。"
NO_DATE = "日期不存在。"
NOT_DATE = "请填写日期，如 1980-01-02。"
NOT_LISTED = "不是下拉列表中的选项。"
CHECKSUM = "身份证号码校验位不正确，请检查是否输入有误。"
PHONE = "请输入以 1 开头的 11 位手机号码，或带区号的固定电话号码。"


def overlong(n):
    return f"最多 {n} 个字符。"


def dry_run(tmp_path, users, tree, rows, actor="c1_staff", **options):
    path = workbook(tmp_path / "people.xlsx", rows)
    return ImportRun(PEOPLE_IMPORT, actor=users[actor], org_unit=tree["C1"], source=path, dry_run=True, **options).run()


def errors_by_row(report):
    return {number: errors for _sheet, number, outcome, _name, errors in report.results if errors}


# (column header, bad cell value, reason) — each case is one row of the same file.
BAD_VALUES = [
    ("姓名", None, "请输入姓名。"),
    ("姓名", "张" * 51, "姓名最多 50 个字符。"),
    ("姓名", '=HYPERLINK("http://x")', FORMULA),
    ("姓名", "张\x07三", CONTROL),
    ("姓名", "@张三", FORMULA),
    ("曾用名", "李" * 101, overlong(100)),
    ("曾用名", "+李四", FORMULA),
    ("曾用名", "李\u200b四", CONTROL),
    ("性别", "未知", NOT_LISTED),
    ("性别", "-男", FORMULA),
    ("性别", "男\x00", CONTROL),
    ("性别", 1, NOT_LISTED),
    ("民族", "火星族", NOT_LISTED),
    ("民族", "=A1", FORMULA),
    ("出生日期", "1980-02-30", NO_DATE),
    ("出生日期", "19801302", NO_DATE),
    ("出生日期", "1980年2月30日", NO_DATE),
    ("出生日期", "去年", NOT_DATE),
    ("出生日期", 1.5, NOT_DATE),
    ("出生日期", "=TODAY()", FORMULA),
    ("出生日期", "1980-01-02\x1b", CONTROL),
    ("出生日期", "1850-01-01", NO_DATE),
    ("证件类型", "身份证件", NOT_LISTED),
    ("证件类型", "@身份证", FORMULA),
    ("证件号码", "33010219800102123" + ("0" if check_digit("33010219800102123") != "0" else "1"), CHECKSUM),
    ("证件号码", "3" * 31, overlong(30)),
    ("证件号码", 330102198001021234.0, "该号码被存为数值，已丢失位数；请以文本格式填写。"),
    ("证件号码", "=330102198001021234", FORMULA),
    ("证件号码", "33010219800102\x0c1234", CONTROL),
    ("证件号码", "33010219800230123" + check_digit("33010219800230123"), "身份证号码中的出生日期无效。"),
    ("手机号码", "12345", PHONE),
    ("手机号码", "1" * 21, overlong(20)),
    ("手机号码", "=1+1", FORMULA),
    ("手机号码", "138\x0912345678", CONTROL),
    ("手机号码", "电话", PHONE),
    ("户籍地址", "路" * 201, overlong(200)),
    ("户籍地址", "-1", FORMULA),
    ("户籍地址", "某路\n1号", CONTROL),
    ("学历", "博士后", NOT_LISTED),
    ("工作单位", "单" * 101, overlong(100)),
    ("工作单位", "@SUM(1)", FORMULA),
    ("职务", "职" * 61, overlong(60)),
    ("政治面貌", "共产党员X", NOT_LISTED),
    ("加入党派时间", "2001-13-01", NO_DATE),
    ("加入党派时间", "+2001", FORMULA),
    ("宗教信仰", "拜火教", NOT_LISTED),
    ("海外关系", "外星", NOT_LISTED),
    ("主要类别", None, "此列为必填项。"),
    ("主要类别", "不存在的类别", "没有这个类别。"),
    ("主要类别", "=无党派人士", FORMULA),
    ("其他类别", "无党派人士、不存在的类别", "没有这个类别：不存在的类别。"),
    ("人才层级", "领袖", NOT_LISTED),
    ("备注", "备" * 2001, overlong(2000)),
    ("备注", "=cmd|' /C calc'!A0", FORMULA),
    ("备注", "第一行\x08", CONTROL),
]


def test_each_bad_value_is_refused_with_its_row_and_column(tmp_path, users, tree, categories):
    rows = []
    for index, (header, value, _reason) in enumerate(BAD_VALUES):
        cells = row(证件号码="", 手机号码="", 姓名=f"测试{index}")
        cells[header] = value
        rows.append(cells)
    report = dry_run(tmp_path, users, tree, rows)
    found = errors_by_row(report)
    for index, (header, value, reason) in enumerate(BAD_VALUES):
        excel_row = index + 2
        errors = found.get(excel_row)
        assert errors is not None, (header, value)
        assert [error["column"] for error in errors] == [header], (header, value, errors)
        assert errors[0]["reason"] == reason, (header, value, errors)
    assert report.counts == {"new": 0, "update": 0, "duplicate": 0, "error": len(BAD_VALUES)}
    assert Person.objects.count() == 0


def test_the_gender_is_checked_against_a_resident_id_and_taken_from_it_when_empty(tmp_path, users, tree, categories):
    rows = [
        row(姓名="甲", 证件号码=id_number("19800102", "124"), 性别="男"),
        row(姓名="乙", 证件号码=id_number("19800102", "133"), 性别="女"),
        row(姓名="丙", 证件号码=id_number("19800102", "142")),
        row(姓名="丁", 证件类型="护照", 证件号码="E12345671", 性别="男"),
        row(姓名="戊", 证件号码=id_number("19800102", "151"), 性别="男"),
    ]
    report = dry_run(tmp_path, users, tree, rows)
    assert [(number, outcome, errors) for _sheet, number, outcome, _name, errors in report.results] == [
        (
            2,
            "error",
            [{"column": "性别", "reason": "身份证号码第 17 位对应的性别为“女”，与所填性别不一致，请更正有误的一项。"}],
        ),
        (
            3,
            "error",
            [{"column": "性别", "reason": "身份证号码第 17 位对应的性别为“男”，与所填性别不一致，请更正有误的一项。"}],
        ),
        (4, "new", []),
        (5, "new", []),
        (6, "new", []),
    ]
    committed = ImportRun(
        PEOPLE_IMPORT,
        actor=users["c1_staff"],
        org_unit=tree["C1"],
        source=workbook(tmp_path / "ok.xlsx", rows[2:]),
        dry_run=False,
    ).run()
    assert committed.bad == 0
    assert dict(Person.objects.values_list("name", "gender")) == {"丙": "female", "丁": "male", "戊": "male"}


@pytest.mark.parametrize("references", [True, False], ids=["cell-references", "no-cell-references"])
def test_a_formula_cell_without_a_cached_value_is_refused_as_a_formula(tmp_path, users, tree, categories, references):
    rows = {
        2: {"姓名": Formula('CONCAT("张","三")'), "主要类别": "无党派人士"},
        3: {"姓名": "李四", "主要类别": "无党派人士", "备注": Formula("1+1", cached="")},
        4: {"姓名": Formula('"王五"', cached="王五"), "主要类别": "无党派人士"},
        5: {"姓名": "赵六", "曾用名": Formula("A2", shared=True), "主要类别": "无党派人士"},
        7: {"姓名": Formula("B9")},  # after the last cell calamine sees
    }
    path = workbook_xml(tmp_path / "formulas.xlsx", rows, references=references)
    report = ImportRun(PEOPLE_IMPORT, actor=users["c1_staff"], org_unit=tree["C1"], source=path, dry_run=True).run()
    assert [(number, outcome, name, errors) for _sheet, number, outcome, name, errors in report.results] == [
        (2, "error", "", [{"column": "姓名", "reason": FORMULA}]),
        (3, "error", "李四", [{"column": "备注", "reason": FORMULA}]),
        (4, "new", "王五", []),  # a cached value is what Excel shows: it is read as text
        (5, "error", "赵六", [{"column": "曾用名", "reason": FORMULA}]),
        (7, "error", "", [{"column": "姓名", "reason": FORMULA}, {"column": "主要类别", "reason": "此列为必填项。"}]),
    ]
    assert report.counts == {"new": 1, "update": 0, "duplicate": 0, "error": 4}
    committed = ImportRun(PEOPLE_IMPORT, actor=users["c1_staff"], org_unit=tree["C1"], source=path, dry_run=False).run()
    assert (committed.committed, Person.objects.count()) == (False, 0)


@pytest.mark.parametrize("references", [True, False], ids=["cell-references", "no-cell-references"])
def test_formula_cells_are_found_across_the_whole_sheet(tmp_path, references):
    # Enough rows for the sheet's XML to be read in many chunks, cells cut at every boundary.
    rows, expected = {}, set()
    for number in range(2, 3002):
        cells = {"姓名": f"成员{number}", "主要类别": "无党派人士", "备注": "备注" * (number % 7)}
        if number % 97 == 0:
            cells["民族"] = Formula("A1")
            expected.add((number - 1, HEADERS.index("民族")))
        if number % 89 == 0:
            cells["职务"] = Formula("A1", cached="主任")
        rows[number] = cells
    path = workbook_xml(tmp_path / "long.xlsx", rows, references=references)
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("xl/worksheets/sheet1.xml").file_size > 8 * CHUNK
        assert worksheet_parts(archive) == {"人员信息": "xl/worksheets/sheet1.xml"}
        assert uncached_formula_cells(archive, "xl/worksheets/sheet1.xml") == expected


def test_the_overseas_column_is_also_read_under_the_name_the_pages_used_before(tmp_path, users, tree, categories):
    headers = tuple("侨情身份" if header == "海外关系" else header for header in HEADERS)
    rows = [row(姓名="甲", 证件号码="", 侨情身份="归侨"), row(姓名="乙", 证件号码="", 侨情身份="外星")]
    path = workbook(tmp_path / "old.xlsx", rows, headers=headers)
    report = ImportRun(
        PEOPLE_IMPORT, actor=users["c1_staff"], org_unit=tree["C1"], source=path, dry_run=False, allow_partial=True
    ).run()
    assert [(number, outcome, errors) for _sheet, number, outcome, _name, errors in report.results] == [
        (3, "error", [{"column": "侨情身份", "reason": NOT_LISTED}]),
    ]
    assert list(Person.objects.values_list("name", "overseas_status")) == [("甲", "returned")]


def test_duplicates_in_file_and_database_name_both_rows(tmp_path, users, tree, categories, register):
    on_file = id_number("19700101", "111")
    register("王五", id_number=on_file)
    twice = id_number("19800102", "123")
    rows = [
        row(姓名="甲", 证件号码=twice, 手机号码=""),
        row(姓名="乙", 证件号码=" " + twice.replace("3", "３") + " ", 手机号码=""),  # full-width, spaces
        row(姓名="丙", 证件号码=on_file, 手机号码=""),
    ]
    report = dry_run(tmp_path, users, tree, rows)
    assert report.results == [
        ("人员信息", 2, "new", "甲", []),
        (
            "人员信息",
            3,
            "duplicate",
            "乙",
            [{"column": "证件号码", "reason": "与本文件工作表“人员信息”第 2 行的证件号码重复。"}],
        ),
        ("人员信息", 4, "duplicate", "丙", [{"column": "证件号码", "reason": "该证件号码已有登记：王五，东坡社区。"}]),
    ]


def test_database_duplicate_outside_scope_reveals_nothing(tmp_path, users, tree, categories, register):
    number = id_number("19700101", "222")
    register("赵六", unit="C2", actor="c2_staff", id_number=number)
    report = dry_run(tmp_path, users, tree, [row(证件号码=number, 手机号码="")])
    ((_sheet, number_row, outcome, _name, errors),) = report.results
    assert (number_row, outcome) == (2, "duplicate")
    assert "赵六" not in errors[0]["reason"] and "C2" not in errors[0]["reason"]
    assert errors[0]["column"] == "证件号码"


def test_spreadsheet_quirks_are_accepted(tmp_path, users, tree, categories):
    rows = [
        row(姓名=" 张 三 ", 出生日期=date(1980, 1, 2), 证件号码="", 手机号码="１３８ １２３４ ５６７８", 性别=" 男 "),
        row(姓名="李四", 出生日期="1981/1/3", 证件号码="", 手机号码="", 民族="汉"),
        row(姓名="王五", 出生日期="1982年1月4日", 证件号码="", 手机号码="", 政治面貌="无党派人士"),
        row(姓名="赵六", 出生日期="19830105", 证件号码="", 手机号码="", 备注="第一行\n第二行"),
        row(姓名="钱七", 出生日期=19840106, 证件号码="", 手机号码="+86 139 0000 0000"),
        row(
            姓名="孙八",
            出生日期="２０２０－０１－０２",
            证件号码=id_number("20200102", "451").lower().replace("2", "２"),
        ),
    ]
    report = ImportRun(
        PEOPLE_IMPORT,
        actor=users["c1_staff"],
        org_unit=tree["C1"],
        source=workbook(tmp_path / "ok.xlsx", rows),
        dry_run=False,
    ).run()
    assert report.bad == 0, report.results
    people = {p.name: p for p in Person.objects.all()}
    assert people["张 三"].phone == "13812345678" and people["张 三"].gender == "male"
    assert [people[n].birth_date for n in ("李四", "王五", "赵六", "钱七", "孙八")] == [
        date(1981, 1, 3),
        date(1982, 1, 4),
        date(1983, 1, 5),
        date(1984, 1, 6),
        date(2020, 1, 2),
    ]
    assert people["李四"].ethnicity == "汉族"
    assert people["王五"].political_affiliation == "non_party"
    assert people["钱七"].phone == "13900000000"
    assert people["孙八"].id_number == id_number("20200102", "451")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-1-2", date(2020, 1, 2)),
        ("2020/01/02", date(2020, 1, 2)),
        ("2020年1月2日", date(2020, 1, 2)),
        ("20200102", date(2020, 1, 2)),
        ("2020.1.2", date(2020, 1, 2)),
        (43832, date(2020, 1, 2)),
        (date(2020, 1, 2), date(2020, 1, 2)),
    ],
)
def test_dates(text, expected):
    assert parse_date(text) == expected
