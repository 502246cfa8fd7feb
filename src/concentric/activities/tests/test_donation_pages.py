"""Donation and pairing project pages: the list's filters, the form by kind with Chinese errors,
the project page with its totals, the totals page and its export, the member page's panel."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from concentric.activities.choices import RecipientKind
from concentric.activities.models import Donation, PairingProject
from concentric.activities.tests.donation_helpers import goods, member, money, project
from concentric.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8-sig")


def listed(response) -> list[int]:
    return [row.pk for row, _cells in response.context["rows"]]


def test_the_list_filters_by_kind_donor_kind_period_pairing_and_text(client_for, users, tree):
    actor = users["c1_staff"]
    pairing = project(actor, tree["C1"])
    cash = money(actor, tree["C1"], "50000", recipient_kind=RecipientKind.PAIRING, pairing=pairing)
    masks = goods(actor, tree["C1"], "口罩", "5000", "只", on=date(2025, 3, 1))
    other = money(users["c2_staff"], tree["C2"], "1")
    client = client_for("c1_staff")
    url = reverse("donations:list")
    page = client.get(url)
    assert sorted(listed(page)) == sorted([cash.pk, masks.pk])
    assert other.pk not in listed(page)
    assert "50,000.00 元" in page.content.decode()
    assert listed(client.get(url, {"kind": "goods"})) == [masks.pk]
    assert listed(client.get(url, {"donor_kind": "group"})) == [masks.pk]
    assert listed(client.get(url, {"since": "2026-01-01"})) == [cash.pk]
    assert listed(client.get(url, {"pairing": pairing.pk})) == [cash.pk]
    assert listed(client.get(url, {"q": "口罩"})) == [masks.pk]
    giver = member(actor, tree["C1"], name="赵捐赠")
    by_member = money(actor, tree["C1"], "3", donor_kind="member", donor_person=giver)
    assert listed(client.get(url, {"q": "赵捐"})) == [by_member.pk]
    refused = client.get(url, {"since": "2026-02-01", "until": "2026-01-01"})
    assert listed(refused) == [] and "结束日期早于开始日期" in refused.content.decode()


def test_a_goods_donation_is_recorded_through_the_form(client_for, users, tree):
    client = client_for("c1_staff")
    response = client.post(
        reverse("donations:create"),
        {
            "org_unit": tree["C1"].pk,
            "donated_on": "2026-05-01",
            "donor_kind": "enterprise",
            "donor_name": "湖滨商贸公司",
            "recipient_kind": "named",
            "recipient_name": "鹤峰县走马镇中心小学",
            "kind": "goods",
            "amount": "999",  # hidden for goods: ignored
            "item": "口罩",
            "quantity": "5,000",
            "quantity_unit": "只",
        },
    )
    donation = Donation.objects.get()
    assert response.status_code == 302 and response["Location"] == donation.get_absolute_url()
    assert (donation.kind, donation.amount, donation.quantity, donation.item) == (
        "goods",
        None,
        Decimal("5000.00"),
        "口罩",
    )
    detail = client.get(donation.get_absolute_url()).content.decode()
    assert "口罩 5,000 只" in detail and "捐赠“2026-05-01 湖滨商贸公司”已登记" in detail


def test_the_form_says_what_is_wrong_in_chinese_and_writes_nothing(client_for, users, tree):
    stranger = member(users["c2_staff"], tree["C2"], name="李岳王")
    client = client_for("c1_staff")
    response = client.post(
        reverse("donations:create"),
        {
            "org_unit": tree["C1"].pk,
            "donated_on": "2026-05-01",
            "donor_kind": "member",
            "donor_person": stranger.pk,
            "recipient_kind": "named",
            "kind": "money",
            "amount": "5,00",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "逗号只能用作千位分隔" in errors["amount"][0]
    assert "donor_person" in errors  # not a choice: outside the user's units
    assert not Donation.objects.exists()
    assert response.context["form"].fields["donor_person"].widget.choices[1:] == []  # not in scope: not offered
    neighbour = member(users["c1_staff"], tree["C1"], name="王东坡")
    form = client.get(reverse("donations:create")).content.decode()
    assert 'data-shown-when="kind=money"' in form and 'data-shown-when="kind=goods"' in form
    # The page lists no members: the search box finds them through the registry's API.
    assert neighbour.name not in form and 'data-search-url="/api/v1/people/"' in form
    chosen = client.post(reverse("donations:create"), {"donor_kind": "member", "donor_person": neighbour.pk})
    assert chosen.context["form"].fields["donor_person"].widget.choices[1:] == [(neighbour.pk, "王东坡（东坡社区）")]


def test_edit_and_delete_take_the_version(client_for, users, tree):
    donation = money(users["c1_staff"], tree["C1"], "100")
    client = client_for("c1_staff")
    edit = client.get(reverse("donations:edit", args=[donation.pk]))
    assert edit.context["form"].initial["amount"] == Decimal("100.00")
    values = {key: value for key, value in edit.context["form"].initial.items() if value is not None}
    response = client.post(reverse("donations:edit", args=[donation.pk]), {**values, "amount": "1.25万"})
    assert response.status_code == 302
    donation.refresh_from_db()
    assert (donation.amount, donation.version) == (Decimal("12500.00"), 2)
    client.post(reverse("donations:delete", args=[donation.pk]), {"version": 2})
    assert not Donation.objects.exists()


def test_the_project_page_shows_its_donations_and_totals_apart(client_for, users, tree):
    admin = users["sub_admin"]
    pairing = project(admin, tree["S"])
    to_project = {"recipient_kind": RecipientKind.PAIRING, "pairing": pairing}
    money(admin, tree["S"], "50000", **to_project)
    goods(admin, tree["S"], "口罩", "5000", "只", **to_project)
    money(admin, tree["C1"], "0.10", **to_project)
    page = client_for("sub_admin").get(pairing.get_absolute_url())
    html = page.content.decode()
    assert page.context["totals"].money == Decimal("50000.10")
    assert "50,000.10" in html and "口罩 5,000 只" in html
    assert "55,000" not in html and "55000" not in html
    # A community sees its subdistrict's project (upward), with the totals of its own donations only.
    community = client_for("c1_staff").get(pairing.get_absolute_url())
    assert community.status_code == 200 and community.context["totals"].money == Decimal("0.10")
    assert "50,000" not in community.content.decode()
    assert "按您可见的捐赠统计" in community.content.decode()


def test_pairing_projects_are_created_listed_and_exported(client_for, users, tree):
    client = client_for("sub_admin")
    response = client.post(
        reverse("donations:pairing_create"),
        {
            "org_unit": tree["S"].pk,
            "name": "恩施鹤峰结对帮扶",
            "partner": "恩施州鹤峰县",
            "start_on": "2020-03-01",
            "end_on": "2019-01-01",
        },
    )
    assert "结束日期早于开始日期" in response.content.decode()
    assert not PairingProject.objects.exists()
    client.post(
        reverse("donations:pairing_create"),
        {"org_unit": tree["S"].pk, "name": "恩施鹤峰结对帮扶", "partner": "恩施州鹤峰县", "start_on": "2020-03-01"},
    )
    assert PairingProject.objects.get().name == "恩施鹤峰结对帮扶"
    rows = list(csv.reader(io.StringIO(body(client.get(reverse("donations:pairing_export"), {"format": "csv"})))))
    assert rows[0][:3] == ["名称", "结对对象", "所属单位"] and rows[1][:2] == ["恩施鹤峰结对帮扶", "恩施州鹤峰县"]


def test_the_totals_page_and_export_keep_money_and_goods_apart(client_for, users, tree):
    admin = users["sub_admin"]
    money(admin, tree["S"], "50000")
    goods(admin, tree["S"], "口罩", "5000", "只")
    money(users["c1_staff"], tree["C1"], "0.10")
    client = client_for("sub_admin")
    page = client.get(reverse("donations:totals"), {"unit": tree["S"].pk})
    assert page.context["overall"].money == Decimal("50000.10")
    html = page.content.decode()
    assert "50,000.10" in html and "口罩 5,000 只" in html
    community = client_for("c1_staff").get(reverse("donations:totals"))
    assert community.context["overall"].money == Decimal("0.10") and not community.context["overall"].goods
    bad = client.get(reverse("donations:totals"), {"since": "2026-13-45"})
    assert "overall" not in bad.context
    refreshed = client.get(reverse("donations:totals"), {"kind": "goods"}, HTTP_HX_REQUEST="true")
    html = refreshed.content.decode()
    assert html.strip().startswith('<div id="results"') and "口罩 5,000 只" in html and "50,000.10" not in html
    export = client.get(reverse("donations:totals_export"), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(body(export))))
    assert rows[0] == ["统计口径", "项目", "类型", "金额（元）", "物品", "数量", "计量单位", "笔数"]
    assert ["合计", "全部捐赠", "资金", "50000.10", "", "", "", "2"] in rows
    assert ["合计", "全部捐赠", "物资", "", "口罩", "5000.00", "只", "1"] in rows
    assert AuditEvent.objects.filter(action="export", object_type="activities.donation").count() == 1


def test_the_member_page_shows_the_members_donations(client_for, users, tree):
    actor = users["c1_staff"]
    person = member(actor, tree["C1"])
    money(actor, tree["C1"], "2000", donor_kind="member", donor_person=person)
    html = client_for("c1_staff").get(reverse("people:detail", args=[person.pk])).content.decode()
    assert 'data-testid="panel-donations"' in html and "2,000.00 元" in html


def test_the_home_page_shows_this_years_money_in_scope(client_for, users, tree):
    today = timezone.localdate()
    money(users["c1_staff"], tree["C1"], "1234.5", on=today)
    money(users["c1_staff"], tree["C1"], "99", on=today.replace(year=today.year - 1))
    goods(users["c1_staff"], tree["C1"], "口罩", "5000", "只", on=today)
    money(users["c2_staff"], tree["C2"], "7", on=today)
    html = client_for("c1_staff").get(reverse("home")).content.decode()
    assert "本年度捐赠资金" in html
    # The unit sits beside the figure (smaller), never wrapped below it.
    assert '<span class="text-nowrap">1,234.50</span><span class="app-stat-unit">元</span>' in html


def test_a_community_edits_its_donation_to_the_subdistricts_project(client_for, users, tree):
    """Recorded at the community by the subdistrict, to the subdistrict's project (which the
    community sees, upward): the community's worker corrects it, the project kept; another of the
    subdistrict's projects may be chosen, a neighbouring community's may not."""
    pairing = project(users["sub_admin"], tree["S"])
    giver = member(users["c1_staff"], tree["C1"])
    donation = money(
        users["sub_admin"],
        tree["C1"],
        "100",
        donor_kind="member",
        donor_person=giver,
        recipient_kind=RecipientKind.PAIRING,
        pairing=pairing,
    )
    client = client_for("c1_staff")
    edit = client.get(reverse("donations:edit", args=[donation.pk]))
    values = {key: value for key, value in edit.context["form"].initial.items() if value is not None}
    response = client.post(reverse("donations:edit", args=[donation.pk]), {**values, "remarks": "收据已补"})
    assert response.status_code == 302, response.context["form"].errors
    donation.refresh_from_db()
    assert (donation.pairing_id, donation.remarks, donation.version) == (pairing.pk, "收据已补", 2)
    neighbours = project(users["c2_staff"], tree["C2"], name="岳王的项目")
    refused = client.post(
        reverse("donations:edit", args=[donation.pk]), {**values, "version": 2, "pairing": neighbours.pk}
    )
    assert "pairing" in refused.context["form"].errors
    other = project(users["sub_admin"], tree["S"], name="另一个项目")
    moved = client.post(reverse("donations:edit", args=[donation.pk]), {**values, "version": 2, "pairing": other.pk})
    assert moved.status_code == 302
    donation.refresh_from_db()
    assert donation.pairing_id == other.pk


def test_the_communities_see_their_subdistricts_pairing_project_but_do_not_change_it(client_for, users, tree):
    pairing = project(users["sub_admin"], tree["S"])
    theirs = PairingProject.objects.create(
        org_unit=tree["C2"], name="岳王结对", partner="某村", start_on=date(2024, 1, 1)
    )
    client = client_for("c1_staff")
    assert listed(client.get(reverse("donations:pairing_list"))) == [pairing.pk]
    page = client.get(pairing.get_absolute_url())
    assert page.status_code == 200 and "恩施" in page.content.decode()
    assert reverse("donations:pairing_edit", args=[pairing.pk]) not in page.content.decode()
    assert client.get(reverse("donations:pairing_edit", args=[pairing.pk])).status_code == 403
    assert client.get(theirs.get_absolute_url()).status_code == 404
    api = client.get(reverse("api:pairing-project-list")).json()
    assert [row["id"] for row in api["results"]] == [pairing.pk]


def test_the_kits_messages_name_the_kind_of_record(client_for, tree):
    """No message of its own: the kit's default names the record by the model's verbose_name."""
    client = client_for("sub_admin")
    values = {"org_unit": tree["S"].pk, "name": "恩施鹤峰结对帮扶", "partner": "恩施州鹤峰县", "start_on": "2020-03-01"}
    created = client.post(reverse("donations:pairing_create"), values, follow=True).content.decode()
    assert "结对帮扶项目“恩施鹤峰结对帮扶”已创建。" in created
    pairing = PairingProject.objects.get()
    deleted = client.post(reverse("donations:pairing_delete", args=[pairing.pk]), {"version": 1}, follow=True)
    assert "结对帮扶项目“恩施鹤峰结对帮扶”已删除。" in deleted.content.decode()
