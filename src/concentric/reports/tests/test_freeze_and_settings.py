"""Freezing keeps a review as it was; the review's page links each figure to its records; the
narrative's wording and the Word template are the administrator's, checked before they are used."""

import json
from datetime import UTC, datetime
from io import BytesIO, StringIO

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse

from concentric.audit.models import AuditEvent
from concentric.people.models import Person
from concentric.reports import services
from concentric.reports.documents.word import default_template
from concentric.reports.models import NarrativeTemplate, ReviewGroup, ReviewVersion, WordTemplate
from concentric.reports.narrative import template_problems
from concentric.rollups.services import rollups_rebuild

from .article import YEAR

pytestmark = pytest.mark.django_db


def _docx_text(content: bytes) -> str:
    document = docx.Document(BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def test_a_frozen_review_keeps_its_figures_after_the_records_change(article, users, tmp_path):
    actor, unit = users["sub_staff"], users["sub_staff"].org_unit
    first = services.review_freeze(actor=actor, unit=unit, year=YEAR)
    _review, frozen_word = services.version_document(actor=actor, version=first, fmt="docx")
    assert (first.number, first.figures["members_total"]) == (1, 2692)
    assert ReviewVersion.objects.get(pk=first.pk).cutoff == datetime(2020, 12, 31, 15, 59, 59, tzinfo=UTC)
    assert len(first.records["members_total"][0]["ids"]) == 2692
    # 692 members leave the register's records (deleted), and the tallies are recounted.
    Person.objects.filter(pk__in=article["C2"][:692]).delete()
    rollups_rebuild()
    assert services.build_review(user=actor, unit=unit, year=YEAR)["figures"]["members_total"] == 2000
    again = ReviewVersion.objects.get(pk=first.pk)
    _review, regenerated = services.version_document(actor=actor, version=again, fmt="docx")
    assert _docx_text(regenerated) == _docx_text(frozen_word)
    assert "累计登记各类统战成员2692人" in _docx_text(regenerated)
    # A new review of the same year is the next version; both are kept.
    second = services.review_freeze(actor=actor, unit=unit, year=YEAR)
    assert (second.number, second.figures["members_total"]) == (2, 2000)
    assert list(ReviewVersion.objects.order_by("number").values_list("number", flat=True)) == [1, 2]
    out = tmp_path / "v1.json"
    call_command(
        "report",
        "annual",
        "--unit",
        "S",
        "--year",
        "2020",
        "--user",
        "leader",
        "--frozen",
        "1",
        "-o",
        str(out),
        stderr=StringIO(),
    )
    assert json.loads(out.read_bytes())["figures"]["members_total"] == 2692
    actions = list(AuditEvent.objects.filter(object_type="reports.reviewversion").values_list("action", "reason"))
    assert actions.count(("create", "freeze")) == 2 and ("export", "download json") in actions


def test_a_leader_may_not_freeze(article, users):
    with pytest.raises(PermissionDenied):
        services.review_freeze(actor=users["leader"], unit=users["leader"].org_unit, year=YEAR)
    assert not ReviewVersion.objects.exists()


def test_the_review_page_links_each_figure_to_its_records(article, client_for, tree):
    client = client_for("sub_staff")
    page = client.get(reverse("reports:review"), {"unit": tree["S"].pk, "year": YEAR})
    body = page.content.decode()
    assert "累计登记各类统战成员2692人，其中新阶层及非公代表人士253人" in body
    records = reverse("rollups:records")
    assert (
        f'href="{records}?measure=members&amp;unit={tree["S"].pk}&amp;subtree=1&amp;to=2020-12-31" data-testid="figure-link">2692</a>'
        in body
    )
    assert (
        f'href="{records}?measure=activities_held&amp;unit={tree["S"].pk}&amp;subtree=1&amp;to=2020-12-31'
        f'&amp;from=2020-01-01" data-testid="figure-link">31</a>'
    ) in body
    assert "东坡社区" in body and 'data-testid="review-download-docx"' in body
    followed = client.get(
        f"{records}?measure=activities_held&unit={tree['S'].pk}&subtree=1&from=2020-01-01&to=2020-12-31"
    )
    assert followed.status_code == 200 and "C1座谈交流0" in followed.content.decode()
    word = client.get(reverse("reports:download"), {"unit": tree["S"].pk, "year": YEAR, "format": "docx"})
    assert word.status_code == 200 and "记录活动31项，信息发布490条" in _docx_text(word.content)
    refused = client.get(reverse("reports:download"), {"unit": tree["S"].pk, "year": "明年", "format": "docx"})
    assert refused.status_code == 400 and "未能生成年度盘点" in refused.content.decode()
    out_of_scope = client_for("c1_staff").get(
        reverse("reports:download"), {"unit": tree["S"].pk, "year": YEAR, "format": "json"}
    )
    assert out_of_scope.status_code == 400
    frozen = client.post(reverse("reports:freeze"), {"unit": tree["S"].pk, "year": YEAR})
    assert frozen.status_code == 302
    version = ReviewVersion.objects.get()
    pdf = client.get(reverse("reports:version_download", args=[version.pk]), {"format": "pdf"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_a_wording_names_only_the_reviews_figures():
    assert template_problems("{year}年登记{members_total}人，{groups}。") == []
    assert template_problems("{members_total.__class__}") == ["{members_total.__class__} 不是年度盘点的数据。"]
    assert template_problems("{members_total!r}") == ["{members_total}：占位符不能带格式或转换。"]
    assert template_problems("{secret}") == ["{secret} 不是年度盘点的数据。"]
    assert template_problems("{members_total") == ["花括号未闭合或不成对：数据写作 {name}，花括号本身写作 {{ 和 }}。"]


def test_the_administrator_rewords_the_narrative(article, users, client_for, tree):
    wording = NarrativeTemplate.objects.get()
    client = client_for("sub_admin")
    url = reverse("reports:wording_edit", args=[wording.pk])
    refused = client.post(url, {"name": "默认", "text": "{members_total.real}", "version": wording.version})
    assert "不是年度盘点的数据" in refused.content.decode()
    assert NarrativeTemplate.objects.get().text == wording.text
    client.post(
        url, {"name": "默认", "text": "共{members_total}人，活动{activities_held}项。", "version": wording.version}
    )
    review = services.build_review(user=users["sub_admin"], unit=tree["S"], year=YEAR)
    assert review["narrative"] == "共2692人，活动31项。"


def test_the_headline_groups_are_the_administrators(article, users, tree):
    group = ReviewGroup.objects.get(name="新乡贤")
    services.group_update(actor=users["sub_admin"], group_id=group.pk, version=group.version, name="乡贤")
    review = services.build_review(user=users["sub_admin"], unit=tree["S"], year=YEAR)
    assert review["groups"][1] == {"name": "乡贤", "count": 124}


def test_an_uploaded_word_template_is_used_and_cannot_run_code(article, users, tree):
    admin = users["sub_admin"]
    document = docx.Document(BytesIO(default_template()))
    document.add_paragraph("本单位：{{ unit_name }}，成员{{ f.members_total }}人")
    out = BytesIO()
    document.save(out)
    services.word_template_upload(actor=admin, name="我们的模板.docx", content=out.getvalue())
    _review, content = services.review_document(actor=admin, unit=tree["S"], year=YEAR, fmt="docx")
    assert "本单位：湖滨街道，成员2692人" in _docx_text(content)
    evil = docx.Document()
    evil.add_paragraph("{{ f.__class__.__mro__[1].__subclasses__() }}")
    out = BytesIO()
    evil.save(out)
    with pytest.raises(ValidationError, match="模板中的标记有误"):
        services.word_template_upload(actor=admin, name="evil.docx", content=out.getvalue())
    with pytest.raises(ValidationError, match="不是 Word"):
        services.word_template_upload(actor=admin, name="x.docx", content=b"PK not really")
    assert list(WordTemplate.objects.values_list("name", flat=True)) == ["我们的模板.docx"]
    assert services.word_template_reset(actor=admin) == 1
    assert not WordTemplate.objects.exists()
