"""The year-end review made from the article's records: the JSON contract, the narrative, the
Word, PDF and XLSX files read back, a community's share, and the records behind the figures."""

import json
from datetime import datetime
from decimal import Decimal
from io import BytesIO, StringIO

import docx
import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from python_calamine import CalamineWorkbook

from concentric.audit.models import AuditEvent
from concentric.reports.documents.pdf import build, missing_glyphs
from concentric.reports.review import CONTRACT_FIGURES, build_review

from .article import C1_GROUPS, GROUPS, SUBDISTRICT, YEAR

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime(2021, 1, 11, 14, 21))
ARTICLE_SENTENCE = "平台数字累计登记各类统战成员2692人，其中新阶层及非公代表人士253人，新乡贤124人，涉侨2315人"


def _command(tmp_path, *args) -> bytes:
    target = tmp_path / "review.out"
    call_command("report", "annual", *args, "-o", str(target), stderr=StringIO())
    return target.read_bytes()


def test_the_json_review_holds_the_articles_figures(article, users, tmp_path):
    review = json.loads(_command(tmp_path, "--unit", "S", "--year", "2020", "--format", "json", "--user", "sub_admin"))
    assert set(review) == {"unit", "year", "cutoff", "figures", "groups", "narrative", "children", "labels"}
    assert review["unit"] == {"code": "S", "name": "湖滨街道"}
    assert (review["year"], review["cutoff"]) == (2020, "2020-12-31T23:59:59+08:00")
    figures = review["figures"]
    assert set(CONTRACT_FIGURES) <= set(figures)
    assert {key: figures[key] for key in SUBDISTRICT} == SUBDISTRICT
    assert figures["members_by_main_category"] == {
        "non-public-economy": 100,
        "new-strata-freelance": 153,
        "new-rural-worthies": 124,
        "overseas-students": 269,
        "overseas-chinese": 2046,
    }
    assert sum(figures["members_by_main_category"].values()) == figures["members_total"]
    assert figures["activities_by_type"] == {"志愿服务": 24, "座谈交流": 4, "文化展览": 1, "公益服务": 2}
    assert figures["items_by_column"] == {"非公企业抗疫故事": 300, "湖滨新乡贤风采": 190}
    assert figures["donations_goods"] == [{"item": "口罩", "unit": "个", "quantity": "5000.00"}]
    # Measures beyond the contract's join under their own keys.
    assert figures["participation"] == 397
    assert review["groups"] == GROUPS
    assert [child["unit"]["code"] for child in review["children"]] == ["S", "C1", "C2", "B1"]
    assert review["children"][0]["own"] is True and review["children"][0]["figures"]["members_total"] == 0
    by_child = {child["unit"]["code"]: child["figures"] for child in review["children"]}
    assert [by_child[code]["members_total"] for code in ("C1", "C2", "B1")] == [1160, 1263, 269]
    assert [by_child[code]["activities_held"] for code in ("C1", "C2", "B1")] == [13, 10, 8]
    assert review["narrative"] == (
        "2020年，湖滨街道" + ARTICLE_SENTENCE + "，全年新增登记2692人；记录活动31项，信息发布490条；"
        "开展志愿服务24场次，累计志愿服务397人次，志愿服务时长4367.0小时；捐款合计50000.00元，捐赠物资口罩5000个；"
        "推荐使用统战成员4人次。"
    )
    event = AuditEvent.objects.filter(object_type="reports.review").get()
    assert (event.action, event.actor_name, event.reason) == ("export", "sub_admin", "generate json")


def test_a_communitys_review_holds_only_its_share(article, users):
    review = build_review(user=users["c1_staff"], unit=users["c1_staff"].org_unit, year=YEAR, now=NOW)
    figures = review["figures"]
    assert (figures["members_total"], figures["activities_held"], figures["items_published"]) == (1160, 13, 200)
    assert (figures["volunteer_sessions"], figures["volunteer_person_times"], figures["volunteer_hours"]) == (
        10,
        170,
        "1870.0",
    )
    assert (figures["donations_money_yuan"], figures["donations_goods"], figures["recommendations"]) == (
        "30000.00",
        [],
        3,
    )
    assert review["groups"] == C1_GROUPS
    assert review["children"] == []
    assert "累计登记各类统战成员1160人，其中新阶层及非公代表人士100人，新乡贤60人，涉侨1000人" in review["narrative"]


def test_a_unit_out_of_scope_is_refused(article, users, tmp_path):
    with pytest.raises(CommandError, match="may not make the review of S"):
        _command(tmp_path, "--unit", "S", "--year", "2020", "--user", "c1_staff")
    with pytest.raises(CommandError, match="may not make the review of S"):
        _command(tmp_path, "--unit", "S", "--year", "2020", "--user", "sysadmin")
    with pytest.raises(CommandError, match="2000"):
        _command(tmp_path, "--unit", "S", "--year", "2999", "--user", "sub_admin")
    assert not AuditEvent.objects.filter(object_type="reports.review").exists()


def test_the_records_behind_each_figure(article, users, tmp_path):
    review = json.loads(_command(tmp_path, "--unit", "C1", "--year", "2020", "--user", "sub_staff", "--with-records"))
    records = review["records"]
    members = records["members_total"]
    assert members[0]["model"] == "people.Person" and members[0]["sign"] == 1
    assert members[0]["ids"] == sorted(article["C1"])  # not the member registered in 2021
    assert len(records["activities_held"][0]["ids"]) == 13
    assert len(records["items_published"][0]["ids"]) == 200
    assert len(records["volunteer_person_times"][0]["ids"]) == 170
    assert len(records["recommendations"][0]["ids"]) == 3


def test_the_word_file_read_back(article, users, tmp_path):
    content = _command(tmp_path, "--unit", "S", "--year", "2020", "--format", "docx", "--user", "leader")
    document = docx.Document(BytesIO(content))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "湖滨街道 2020 年度盘点" in text
    assert ARTICLE_SENTENCE in text and "记录活动31项，信息发布490条" in text
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    main = {row[0]: row[1:] for row in tables[0]}
    assert main["在册统战成员"] == ["2692", "人"]
    assert main["记录活动"] == ["31", "项"]
    assert main["志愿服务时长"] == ["4,367.0", "小时"]
    assert main["捐款"] == ["50,000.00", "元"]
    assert tables[1][1:] == [["新阶层及非公代表人士", "253", "人"], ["新乡贤", "124", "人"], ["涉侨", "2315", "人"]]
    assert ["口罩", "5000", "个"] in [row for table in tables for row in table]
    assert len(document.inline_shapes) == 5  # groups, types, columns, children's members, children's work


def test_the_pdf_shows_every_character(article, users):
    from pypdf import PdfReader

    review = build_review(user=users["sub_admin"], unit=users["sub_admin"].org_unit, year=YEAR, now=NOW)
    pdf = build(review)
    content = bytes(pdf.output())
    assert missing_glyphs(pdf) == []
    reader = PdfReader(BytesIO(content))
    text = "".join(page.extract_text() for page in reader.pages).replace("\n", "").replace("\x00", "")
    assert "2692" in text and "涉侨" in text and "4367" in text
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in (page["/Resources"].get("/Font") or {}).values()
        for font in [font.get_object()]
    }
    assert fonts and all("NotoSansCJK" in font for font in fonts)


def test_the_workbook_has_a_sheet_per_group_of_figures(article, users, tmp_path):
    content = _command(tmp_path, "--unit", "S", "--year", "2020", "--format", "xlsx", "--user", "sub_staff")
    path = tmp_path / "review.xlsx"
    path.write_bytes(content)
    workbook = CalamineWorkbook.from_path(str(path))
    assert workbook.sheet_names[:3] == ["主要数据", "重点群体", "统战成员（按主要类别）"]
    main = {row[0]: row[1] for row in workbook.get_sheet_by_name("主要数据").to_python()[1:]}
    assert main["在册统战成员"] == 2692 and main["志愿服务时长"] == 4367 and main["捐款"] == 50000
    groups = workbook.get_sheet_by_name("重点群体").to_python()
    assert groups[1:] == [["新阶层及非公代表人士", 253, "人"], ["新乡贤", 124, "人"], ["涉侨", 2315, "人"]]
    children = workbook.get_sheet_by_name("下级单位").to_python()
    assert [row[0] for row in children[1:]] == ["湖滨街道（本级）", "东坡社区", "岳王社区", "湖滨步行街商圈", "合计"]
    assert [Decimal(str(row[1])) for row in children[1:]] == [0, 1160, 1263, 269, 2692]
