"""Member export: masked by default, unmasked only with the permission and a reason (audited),
formulas neutralised in both formats, scoped, streamed; the API and the command."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from django.http import FileResponse, StreamingHttpResponse
from python_calamine import CalamineWorkbook

from concentric.audit.models import AuditEvent
from concentric.people.tests.conftest import id_number

NUMBER = id_number("19800102", "123")


@pytest.fixture
def people(register):
    return [
        register("张三", id_number=NUMBER, phone="13812345678", work_unit='=HYPERLINK("http://evil")'),
        register("李四", remarks="@SUM(A1)", household_address="+1 某路"),
        register("王五", unit="C2", actor="c2_staff", phone="13900001111"),
    ]


def csv_rows(response):
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def xlsx_rows(response, tmp_path):
    path = tmp_path / "export.xlsx"
    path.write_bytes(b"".join(response.streaming_content))
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()


def by_name(rows):
    """Each data row as {header: cell}, by the person's name; every row as wide as the header."""
    header = rows[0]
    return {r[header.index("姓名")]: dict(zip(header, r, strict=True)) for r in rows[1:]}


def test_csv_is_masked_neutralised_scoped_and_streamed(client_for, people):
    response = client_for("c1_staff").get("/people/export/?format=csv")
    assert isinstance(response, StreamingHttpResponse)
    rows = by_name(csv_rows(response))
    assert set(rows) == {"张三", "李四"}  # C2's 王五 is outside a C1 worker's scope
    assert rows["张三"]["证件号码"] == "330102********" + NUMBER[-4:]
    assert rows["张三"]["手机号码"] == "138****5678"
    assert rows["张三"]["出生日期"] == "1980-**-**"  # with the ID number's mask, the number's hidden part
    assert rows["张三"]["工作单位"] == '\'=HYPERLINK("http://evil")'
    assert rows["李四"]["备注"] == "'@SUM(A1)"
    assert rows["李四"]["户籍地址"] == "'+****"  # masked, and the mask itself neutralised
    event = AuditEvent.objects.filter(action="export").latest("id")
    assert event.object_repr == "2 rows (csv)"


def test_xlsx_reads_back_neutralised_and_masked(client_for, people, tmp_path):
    response = client_for("c1_staff").get("/people/export/?format=xlsx")
    assert isinstance(response, FileResponse)
    rows = by_name(xlsx_rows(response, tmp_path))
    assert set(rows) == {"张三", "李四"}
    assert rows["张三"]["工作单位"] == '\'=HYPERLINK("http://evil")'
    assert rows["张三"]["证件号码"] == "330102********" + NUMBER[-4:]
    assert rows["李四"]["备注"] == "'@SUM(A1)"


def test_columns_carry_labels_categories_and_whole_masks(client_for, register, categories):
    register(
        "赵六",
        gender="female",
        political_affiliation="cpc",
        religion="buddhism",
        tier="representative",
        categories=[categories["non-party"], categories["overseas-chinese"]],
        household_address="上城区某路1号",
    )
    rows = by_name(csv_rows(client_for("c1_staff").get("/people/export/?format=csv")))
    row = rows["赵六"]
    # A party or a religion has no harmless part: masked whole, as the pages and the API mask it.
    assert row["政治面貌"] == "******" and row["宗教信仰"] == "******" and row["第二党派"] == ""
    assert row["户籍地址"] == "上城区**1号"
    assert row["性别"] == "女" and row["人才层级"] == "代表人士"
    assert row["主要类别"] == categories["non-party"].name
    assert row["其他类别"] == categories["overseas-chinese"].name  # the main category is not repeated
    response = client_for("c1_admin").get("/people/export/?format=csv&unmasked=1&reason=%E5%AE%A1%E6%9F%A5")
    row = by_name(csv_rows(response))["赵六"]
    assert row["政治面貌"] == "中共党员" and row["户籍地址"] == "上城区某路1号"


def test_filters_narrow_the_export(client_for, people):
    response = client_for("sub_staff").get("/people/export/?format=csv&q=%E7%8E%8B%E4%BA%94")
    rows = by_name(csv_rows(response))
    assert set(rows) == {"王五"}


def test_unmasked_needs_the_permission_and_a_reason_and_is_audited(client_for, people):
    before = AuditEvent.objects.filter(action="export").count()
    assert client_for("c1_staff").get("/people/export/?format=csv&unmasked=1&reason=x").status_code == 403
    assert client_for("c1_admin").get("/people/export/?format=csv&unmasked=1").status_code == 400
    assert AuditEvent.objects.filter(action="export").count() == before
    response = client_for("c1_admin").get(
        "/people/export/?format=csv&unmasked=1&reason=%E6%8D%A2%E5%B1%8A%E8%80%83%E5%AF%9F"
    )
    rows = by_name(csv_rows(response))
    assert rows["张三"]["证件号码"] == NUMBER and rows["张三"]["手机号码"] == "13812345678"
    assert rows["张三"]["出生日期"] == "1980-01-02"
    event = AuditEvent.objects.filter(action="export").latest("id")
    assert event.reason.startswith("unmasked; reason: 换届考察; ")


def test_api_export(client_for, people):
    response = client_for("c1_staff").get("/api/v1/people/export/?format=csv")
    assert response.status_code == 200
    rows = by_name(csv_rows(response))
    assert set(rows) == {"张三", "李四"}
    assert client_for("sysadmin").get("/api/v1/people/export/?format=csv").status_code == 403


def test_command_export(people, tmp_path, tree):
    target = tmp_path / "out.csv"
    call_command("export", "people", "--format", "csv", "--user", "c1_staff", "-o", str(target))
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert sorted(r[0] for r in rows[1:]) == ["张三", "李四"]
    with pytest.raises(CommandError):
        call_command("export", "people", "--user", "c1_staff", "--unmasked", "--reason", "x", "-o", str(target))
    call_command(
        "export", "people", "--user", "sub_staff", "--unit", tree["C2"].code, "--format", "csv", "-o", str(target)
    )
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == ["王五"]
