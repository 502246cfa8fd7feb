"""What a new user's walk through the review found: a community frozen, the documents' headers,
the unit's own share beside its children, money and hours written one way, the breakdowns linked
to their records, the placeholders explained, the unit picked to start with."""

import json
import re
from datetime import date
from decimal import Decimal
from io import BytesIO

import docx
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.http import urlencode
from python_calamine import CalamineWorkbook

from concentric.activities.choices import DonationKind, DonorKind, RecipientKind
from concentric.activities.models import ActivityType, Donation
from concentric.people.models import Category
from concentric.reports import services
from concentric.reports.models import NarrativeTemplate, ReviewVersion
from concentric.rollups.services import rollups_rebuild

from .article import YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_money(article, tree):
    """3,800.50 yuan given to the subdistrict itself (not to one of its communities)."""
    Donation.objects.create(
        org_unit=tree["S"],
        donated_on=date(YEAR, 3, 1),
        kind=DonationKind.MONEY,
        amount=Decimal("3800.50"),
        donor_kind=DonorKind.GROUP,
        donor_name="晴雨公益",
        recipient_kind=RecipientKind.NAMED,
        recipient_name="街道",
    )
    rollups_rebuild()
    return article


def _tables(content: bytes) -> list[list[list[str]]]:
    document = docx.Document(BytesIO(content))
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]


def _sheets(content: bytes, tmp_path) -> CalamineWorkbook:
    path = tmp_path / "review.xlsx"
    path.write_bytes(content)
    return CalamineWorkbook.from_path(str(path))


def test_a_community_with_no_child_units_is_frozen(article, client_for, tree):
    response = client_for("c1_staff").post(reverse("reports:freeze"), {"unit": tree["C1"].pk, "year": YEAR})
    assert response.status_code == 302
    version = ReviewVersion.objects.get()
    assert (version.org_unit_id, version.children, version.figures["members_total"]) == (tree["C1"].pk, [], 1160)


def test_a_refused_freeze_says_why_in_chinese(article, client_for, tree, monkeypatch):
    def refuse(**kwargs):
        raise ValidationError({"children": ["请填写此项。"]})

    monkeypatch.setattr(services, "review_freeze", refuse)
    response = client_for("c1_staff").post(reverse("reports:freeze"), {"unit": tree["C1"].pk, "year": YEAR})
    assert response.status_code == 400
    assert "<li>下级单位：请填写此项。</li>" in response.content.decode()
    assert not ReviewVersion.objects.exists()
    monkeypatch.setattr(services, "review_document", refuse)
    client = client_for("c1_staff")
    download = client.get(reverse("reports:download"), {"unit": tree["C1"].pk, "year": YEAR, "format": "pdf"})
    assert download.status_code == 400 and "<li>下级单位：请填写此项。</li>" in download.content.decode()
    page = client.get(reverse("reports:review"), {"unit": tree["C1"].pk, "year": YEAR}).content.decode()
    assert 'data-testid="review-refused">下级单位：请填写此项。</div>' in page


def test_each_table_heads_its_first_column_with_its_own_word(article, users, tree, tmp_path, client_for):
    admin = users["sub_admin"]
    _review, word = services.review_document(actor=admin, unit=tree["S"], year=YEAR, fmt="docx")
    headers = [table[0] for table in _tables(word)]
    assert headers[:7] == [
        ["指标", "数值", "单位"],
        ["群体", "数值", "单位"],
        ["类别", "数值", "单位"],
        ["阶段", "数值", "单位"],
        ["类型", "数值", "单位"],
        ["物品", "数值", "单位"],
        ["栏目", "数值", "单位"],
    ]
    _review, sheets = services.review_document(actor=admin, unit=tree["S"], year=YEAR, fmt="xlsx")
    workbook = _sheets(sheets, tmp_path)
    firsts = [workbook.get_sheet_by_name(name).to_python()[0][0] for name in workbook.sheet_names]
    assert firsts[:7] == ["指标", "群体", "类别", "阶段", "类型", "物品", "栏目"]
    assert workbook.get_sheet_by_name("下级单位").to_python()[0][0] == "单位"
    from pypdf import PdfReader

    _review, pdf = services.review_document(actor=admin, unit=tree["S"], year=YEAR, fmt="pdf")
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages).replace("\x00", "")
    assert "类别" in text and "栏目" in text and "团体" not in text
    page = client_for("sub_admin").get(reverse("reports:word_template")).content.decode()
    assert "下载当前模板" in page and "下载导入模板" not in page
    groups = client_for("sub_admin").get(reverse("reports:groups")).content.decode()
    assert "名称" in groups and "姓名" not in groups


def test_the_units_own_share_and_the_children_add_up_to_the_figures(own_money, users, tree, tmp_path, client_for):
    actor = users["sub_staff"]
    review, content = services.review_document(actor=actor, unit=tree["S"], year=YEAR, fmt="json")
    assert json.loads(content)["children"][0]["own"] is True
    children = review["children"]
    assert [(child["unit"]["code"], child.get("own", False)) for child in children] == [
        ("S", True),
        ("C1", False),
        ("C2", False),
        ("B1", False),
    ]
    assert [child["figures"]["donations_money_yuan"] for child in children] == [
        "3800.50",
        "30000.00",
        "20000.00",
        "0.00",
    ]
    assert [child["figures"]["members_total"] for child in children] == [0, 1160, 1263, 269]
    assert review["figures"]["donations_money_yuan"] == "53800.50"
    assert sum(Decimal(child["figures"]["donations_money_yuan"]) for child in children) == Decimal("53800.50")
    assert sum(child["figures"]["activities_held"] for child in children) == review["figures"]["activities_held"]
    # A community has no child units: no table, no own row.
    assert services.build_review(user=actor, unit=tree["C1"], year=YEAR)["children"] == []

    _review, sheets = services.review_document(actor=actor, unit=tree["S"], year=YEAR, fmt="xlsx")
    rows = _sheets(sheets, tmp_path).get_sheet_by_name("下级单位").to_python()
    money = rows[0].index("捐款")
    assert [(row[0], row[money]) for row in rows[1:]] == [
        ("湖滨街道（本级）", 3800.5),
        ("东坡社区", 30000),
        ("岳王社区", 20000),
        ("湖滨步行街商圈", 0),
        ("合计", 53800.5),
    ]
    _review, word = services.review_document(actor=actor, unit=tree["S"], year=YEAR, fmt="docx")
    document = docx.Document(BytesIO(word))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings[-5:] == ["湖滨街道（本级）", "东坡社区", "岳王社区", "湖滨步行街商圈", "合计"]
    last = {row[0]: row[1] for row in _tables(word)[-1]}
    assert last["捐款"] == "53,800.50"
    page = client_for("sub_staff").get(reverse("reports:review"), {"unit": tree["S"].pk, "year": YEAR})
    body = page.content.decode()
    assert "<td>湖滨街道（本级）</td>" in body and "<td>合计</td>" in body


def test_money_and_hours_are_written_one_way(own_money, users, tree, client_for):
    actor = users["sub_staff"]
    review, word = services.review_document(actor=actor, unit=tree["S"], year=YEAR, fmt="docx")
    assert "志愿服务时长4367.0小时；捐款合计53800.50元" in review["narrative"]
    main = {row[0]: row[1:] for row in _tables(word)[0]}
    assert main["捐款"] == ["53,800.50", "元"]
    assert main["志愿服务时长"] == ["4,367.0", "小时"]
    assert main["在册统战成员"] == ["2692", "人"]
    assert ["口罩", "5000", "个"] in [row for table in _tables(word) for row in table]
    body = client_for("sub_staff").get(reverse("reports:review"), {"unit": tree["S"].pk, "year": YEAR})
    text = body.content.decode()
    assert 'data-testid="figure-link">53,800.50</a>' in text
    assert 'data-testid="figure-link">4,367.0</a>' in text
    assert 'data-testid="child-link">30,000.00</a>' in text


def test_the_breakdowns_and_the_child_units_figures_link_to_their_records(article, tree, client_for):
    client = client_for("sub_staff")
    body = client.get(reverse("reports:review"), {"unit": tree["S"].pk, "year": YEAR}).content.decode()
    records = reverse("rollups:records")

    def link(measure, unit, *, key=None, subtree=1, stock=False):
        query = {"measure": measure, "unit": tree[unit].pk, "subtree": subtree, "to": "2020-12-31"}
        if not stock:
            query["from"] = "2020-01-01"
        if key is not None:
            query["key"] = key
        return f'href="{records}?{urlencode(query)}'.replace("&", "&amp;")

    volunteering = ActivityType.objects.get(name="志愿服务").pk
    overseas = Category.objects.get(code="overseas-chinese").pk
    assert link("activities_held", "S", key=volunteering) + '" data-testid="breakdown-link">24</a>' in body
    assert link("members", "S", key=overseas, stock=True) + '" data-testid="breakdown-link">2046</a>' in body
    assert link("donations_goods", "S", key="口罩\x1f个") + '" data-testid="breakdown-link">5000</a>' in body
    assert link("members", "C1", stock=True) + '" data-testid="child-link">1160</a>' in body
    assert link("members", "S", stock=True, subtree=0) + '" data-testid="child-link">0</a>' in body
    followed = client.get(
        reverse("rollups:records"),
        {"measure": "activities_held", "unit": tree["S"].pk, "subtree": 1, "key": volunteering},
    )
    assert followed.status_code == 200


def test_the_wording_page_says_what_each_placeholder_means(article, client_for):
    wording = NarrativeTemplate.objects.get()
    page = client_for("sub_admin").get(reverse("reports:wording_edit", args=[wording.pk])).content.decode()
    assert "{members_total}（在册统战成员）" in page
    assert "{year}（年度）" in page and "{unit_name}（单位名称）" in page
    assert "{donations_money_yuan}（捐款）" in page


def test_the_review_page_starts_at_the_users_own_unit(tree, client_for):
    page = client_for("c1_staff").get(reverse("reports:review")).content.decode()
    assert f'<option value="{tree["C1"].pk}" selected>' in page
    page = client_for("sub_staff").get(reverse("reports:review")).content.decode()
    assert f'<option value="{tree["S"].pk}" selected>' in page


def test_each_headline_group_links_to_the_members_of_its_categories(article, tree, client_for):
    client = client_for("sub_staff")
    body = client.get(reverse("reports:review"), {"unit": tree["S"].pk, "year": YEAR}).content.decode()
    links = re.findall(r'href="([^"]+)" data-testid="group-link">(\d+)</a>', body)
    assert sorted(int(count) for _href, count in links) == [124, 253, 2315]
    for href, count in links:
        followed = client.get(href.replace("&amp;", "&"))
        assert followed.status_code == 200
        assert f'data-testid="records-figure-value">{count}</span>' in followed.content.decode()
