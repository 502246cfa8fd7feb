"""Certificates: issued from approved hours with a unique number; the number verifies on the
public page, which shows the masked name and the total and no more; a revoked one says so."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from concentric.activities.models import Certificate, VolunteerHours
from concentric.activities.services.certificate_pdf import certificate_pdf
from concentric.activities.services.certificates import certificate_issue, certificate_revoke
from concentric.activities.services.hours import hours_approve, hours_correct
from concentric.audit.models import AuditEvent
from concentric.core import registry

from .volunteering_support import approved, make_activity, make_member, volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture
def served(tree):
    """欧阳娜娜 of 东坡社区 served 3.5 + 4 approved hours this year, and 2 more awaiting approval."""
    member = make_member(tree["C1"], "欧阳娜娜", "13811119999", id_number="330102199001011234")
    for days, hours in ((20, "3.5"), (10, "4")):
        activity = make_activity(tree["C1"], title=f"西湖边垃圾清理{days}", start=timezone.now() - timedelta(days=days))
        approved(volunteer(activity, member), hours)
    pending = make_activity(tree["C1"], title="未审核活动", start=timezone.now() - timedelta(days=5))
    volunteer(pending, member).hours.create(hours=Decimal("2"))
    return member


def issue(actor, member, unit):
    today = timezone.localdate()
    return certificate_issue(
        actor=actor, person_id=member.pk, org_unit=unit, period_start=today - timedelta(days=60), period_end=today
    )


def test_issue_keeps_the_lines_and_the_total(served, users, tree):
    certificate = issue(users["c1_staff"], served, tree["C1"])
    assert certificate.total_hours == Decimal("7.5")
    assert [line["activity"] for line in certificate.lines] == ["西湖边垃圾清理20", "西湖边垃圾清理10"]
    assert certificate.number.startswith(f"ZYFW-{timezone.localdate().year}-") and len(certificate.number) == 20
    assert AuditEvent.objects.filter(action="issue", object_id=str(certificate.pk)).exists()
    other = issue(users["c1_staff"], served, tree["C1"])
    assert other.number != certificate.number


def test_issue_refuses_what_it_cannot_certify(served, users, tree):
    today = timezone.localdate()
    with pytest.raises(PermissionDenied):  # a unit the worker does not work for
        issue(users["c2_staff"], served, tree["C1"])
    with pytest.raises(Http404):  # a member outside the worker's units
        issue(users["c2_staff"], served, tree["C2"])
    with pytest.raises(ValidationError) as refused:  # nothing recorded by the unit in the period
        certificate_issue(
            actor=users["c1_staff"],
            person_id=served.pk,
            org_unit=tree["C1"],
            period_start=date(2000, 1, 1),
            period_end=date(2000, 12, 31),
        )
    assert "没有本单位记录并审核通过" in str(refused.value)
    with pytest.raises(ValidationError):
        certificate_issue(
            actor=users["c1_staff"],
            person_id=served.pk,
            org_unit=tree["C1"],
            period_start=today,
            period_end=today - timedelta(days=1),
        )
    assert not Certificate.objects.exists()


def test_the_public_check_verifies_and_reveals_no_more(served, users, tree, client):
    certificate = issue(users["c1_staff"], served, tree["C1"])
    page = client.get(reverse("volunteering:certificate_check"), {"number": certificate.number.lower()})
    body = page.content.decode()
    assert page.status_code == 200 and "真实有效" in body
    assert "欧***" in body and "7.5" in body and "东坡社区" in body
    for secret in ("欧阳娜娜", "阳娜", "330102", "1234", "13811119999", "西湖边垃圾清理"):
        assert secret not in body, secret
    unknown = client.get(reverse("volunteering:certificate_check"), {"number": "ZYFW-2026-XXXXXXXXXX"}).content.decode()
    assert "没有该编号的证明" in unknown and "欧" not in unknown


def test_a_revoked_certificate_says_so(served, users, tree, client):
    certificate = issue(users["c1_staff"], served, tree["C1"])
    with pytest.raises(ValidationError):
        certificate_revoke(actor=users["c1_admin"], certificate_id=certificate.pk, reason=" ")
    with pytest.raises(Http404):  # a community worker may not revoke (no revoking grant over it)
        certificate_revoke(actor=users["c1_staff"], certificate_id=certificate.pk, reason="错误")
    certificate_revoke(actor=users["c1_admin"], certificate_id=certificate.pk, reason="时长记录有误")
    body = client.get(reverse("volunteering:certificate_check"), {"number": certificate.number}).content.decode()
    assert "已被撤销" in body and "真实有效" not in body
    event = AuditEvent.objects.get(action="revoke", object_id=str(certificate.pk))
    assert event.reason == "时长记录有误"


def test_the_printable_page_and_the_pdf(served, users, tree, client_for):
    certificate = issue(users["c1_staff"], served, tree["C1"])
    client = client_for("c1_staff")
    page = client.get(reverse("volunteering:certificate", args=[certificate.pk])).content.decode()
    assert "欧阳娜娜" in page and "330102********1234" in page and "330102199001011234" not in page
    assert certificate.number in page and "7.5" in page and "东坡社区" in page
    # A phone does not break a date or the masked number across lines.
    assert '<span class="text-nowrap">330102********1234</span>' in page
    assert f'<span class="text-nowrap">{certificate.period_end.isoformat()}</span>' in page
    pdf = client.get(reverse("volunteering:certificate_pdf", args=[certificate.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert b"NotoSansCJK" in certificate_pdf(certificate)  # the font embedded: no network needed


def test_the_pdfs_table_headers_hold_on_one_line():
    """时长（小时） wrapped in a 20 mm column: each header fits its column at the table's font size."""
    from fpdf import FPDF

    from concentric.activities.services import certificate_pdf as drawing

    pdf = FPDF(format="A4")
    drawing._add_fonts(pdf)
    pdf.add_page()
    pdf.set_font("cjk", size=drawing.TABLE_FONT_SIZE)
    columns = drawing.table_columns()
    assert "时长（小时）" in [header for header, _width in columns]
    assert sum(width for _header, width in columns) == pytest.approx(pdf.epw, abs=0.01)
    for header, width in columns:
        assert pdf.get_string_width(header) + 2 * pdf.c_margin <= width, header


def test_the_issue_form_and_the_api(served, users, tree, client_for):
    client = client_for("c1_staff")
    form = client.get(reverse("volunteering:certificate_issue")).content.decode()
    assert "欧阳娜娜" in form
    today = timezone.localdate()
    refused = client.post(
        reverse("volunteering:certificate_issue"),
        {
            "person": served.pk,
            "org_unit": tree["C1"].pk,
            "period_start": today,
            "period_end": today - timedelta(days=3),
        },
    )
    assert "结束日期不能早于开始日期" in refused.content.decode() and not Certificate.objects.exists()
    made = client.post(
        "/api/v1/volunteer-certificates/",
        {
            "person": served.pk,
            "org_unit": tree["C1"].pk,
            "period_start": str(today - timedelta(days=60)),
            "period_end": str(today),
        },
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    assert made.json()["id_number"] == "330102********1234" and made.json()["total_hours"] == "7.5"
    revoke = client_for("c1_admin").post(
        f"/api/v1/volunteer-certificates/{made.json()['id']}/revoke/",
        {"reason": "重复出具"},
        content_type="application/json",
    )
    assert revoke.status_code == 200 and revoke.json()["revoked"] is True


def test_the_member_page_panel(served, users, tree):
    panels = dict(registry.detail_panels(users["c1_staff"], served))
    assert "7.5" in panels["volunteering"] and "西湖边垃圾清理10" in panels["volunteering"]
    assert "未审核活动" not in panels["volunteering"]
    assert "volunteering" not in dict(registry.detail_panels(users["auditadmin"], served))


def test_an_issued_certificate_keeps_its_lines_when_hours_are_corrected(served, users, tree):
    certificate = issue(users["c1_staff"], served, tree["C1"])
    entry = VolunteerHours.objects.get(participant__person=served, hours=Decimal("4"))
    correction = hours_correct(actor=users["c1_staff"], hours_id=entry.pk, hours="3", note="扣除交通时间")
    hours_approve(actor=users["c1_admin"], hours_id=correction.pk)
    certificate.refresh_from_db()
    assert certificate.total_hours == Decimal("7.5") and certificate.lines[1]["hours"] == "4.0"
    assert issue(users["c1_staff"], served, tree["C1"]).total_hours == Decimal("6.5")
