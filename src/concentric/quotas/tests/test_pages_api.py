"""The rules' services (who keeps which rules), the board page and its JSON, by scope."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from concentric.audit.models import AuditEvent
from concentric.core import registry
from concentric.core.roles import Role
from concentric.quotas.evaluation import records_url
from concentric.quotas.models import CalendarDay, QuotaRule
from concentric.quotas.services import calendar_day_create, quota_rule_create
from conftest import make_user, sign_in
from tests.api_support import token_client

pytestmark = pytest.mark.django_db

RULE = {
    "unit_kinds": ["community"],
    "measure": "members",
    "period": "week",
    "minimum": Decimal(2),
    "valid_from": date(2026, 1, 1),
}


def test_a_subdistrict_administrator_keeps_rules_for_the_units_below_and_a_community_s_cannot(users, tree):
    before = QuotaRule.objects.count()
    with pytest.raises(ValidationError) as refused:
        quota_rule_create(actor=users["c1_admin"], org_unit=tree["C1"], **RULE)
    assert refused.value.message_dict == {"org_unit": ["规则由区或街道制定。"]}
    with pytest.raises(PermissionDenied):
        quota_rule_create(actor=users["sub_admin"], org_unit=None, **RULE)
    with pytest.raises(PermissionDenied):
        quota_rule_create(actor=users["c1_staff"], org_unit=tree["S"], **RULE)
    assert QuotaRule.objects.count() == before
    rule = quota_rule_create(actor=users["sub_admin"], org_unit=tree["S"], **RULE)
    event = AuditEvent.objects.get(action="create", object_type="quotas.quotarule", object_id=str(rule.pk))
    assert event.changes["period"] == [None, "week"]
    label = registry.measure("members")
    assert rule.title() == f"每周{label.label}净增不少于2{label.unit_label}"
    with pytest.raises(PermissionDenied):
        quota_rule_create(actor=users["sysadmin"], org_unit=None, **RULE)  # 三员分立: no business records
    top_admin = make_user("top_admin", tree["D"], Role.UNIT_ADMIN)
    system = quota_rule_create(actor=top_admin, org_unit=None, **{**RULE, "period": "year"})
    assert system.org_unit_id is None
    # Everybody of the tree reads the system's rules and those of the units above them.
    assert set(QuotaRule.objects.visible_to(users["c1_staff"]).values_list("pk", flat=True)) >= {rule.pk, system.pk}


def test_calendar_days_are_kept_by_system_administrators(users):
    with pytest.raises(PermissionDenied):
        calendar_day_create(actor=users["sub_admin"], day=date(2099, 1, 3), is_workday=True, name="调休")
    calendar_day_create(actor=users["sysadmin"], day=date(2099, 1, 3), is_workday=True, name="调休")
    with pytest.raises(ValidationError) as refused:
        calendar_day_create(actor=users["sysadmin"], day=date(2099, 1, 3), is_workday=False, name="重复")
    assert refused.value.message_dict == {"day": ["该日期已在日历中。"]}
    assert list(CalendarDay.objects.values_list("name", flat=True)) == ["调休"]


def _backdate(tree):
    for unit in tree.values():
        type(unit).objects.filter(pk=unit.pk).update(created_at=datetime(2019, 12, 31, 16, tzinfo=UTC))


def test_the_board_page_shows_the_subdistrict_its_children_and_refuses_a_bad_month(users, tree, client):
    _backdate(tree)
    client = sign_in(client, users["leader"])
    page = client.get(reverse("quotas:board"), {"unit": tree["S"].pk, "month": "2026-10"})
    body = page.content.decode()
    assert page.status_code == 200
    assert "湖滨街道 · 2026年10月" in body
    assert "工作日依据： 国务院办公厅公布的节假日安排" in body
    assert body.count('data-testid="board-child"') == 3  # 东坡, 岳王 and the business district
    assert "2026年第40周（9月28日至10月4日）举办活动未达标（实际0，要求至少1）" in body
    refused = client.get(reverse("quotas:board"), {"month": "2026-13"})
    assert "请按“年-月”填写月份，如 2026-12，年份在 2000 至 2200 之间。" in refused.content.decode()
    assert 'data-testid="board-heading"' not in refused.content.decode()


def test_a_community_worker_sees_only_the_boards_of_their_community(users, tree, client):
    client = sign_in(client, users["c1_staff"])
    own = client.get(reverse("quotas:board"))
    assert "东坡社区 · " in own.content.decode()
    other = client.get(reverse("quotas:board"), {"unit": tree["C2"].pk})
    assert "岳王社区 · " not in other.content.decode()
    assert 'data-testid="board-error"' in other.content.decode()


def test_the_board_as_json(users, tree):
    _backdate(tree)
    api = token_client(users["c1_staff"])
    answer = api.get("/api/v1/quotas/board/", {"month": "2026-10"})
    assert answer.status_code == 200
    data = answer.json()
    assert data["unit"] == {"id": tree["C1"].pk, "code": "C1", "name": "东坡社区", "kind": "community"}
    assert data["month"] == "2026-10"
    assert data["calendar"] == {"source": "official", "adjusted": False, "label": "国务院办公厅公布的节假日安排"}
    assert [
        (rule["period"], rule["status"], rule["met"], rule["missed"], rule["judged"]) for rule in data["rules"]
    ] == [
        ("workday", "missed", 0, 18, 18),
        ("week", "missed", 0, 5, 5),
        ("month", "missed", 0, 1, 1),
    ]
    assert data["rules"][2]["periods"][0] == {
        "start": "2026-10-01",
        "end": "2026-10-31",
        "label": "2026年10月",
        "status": "missed",
        "figure": "0",
        "minimum": "1",
        "reason": data["rules"][2]["periods"][0]["reason"],
        "records_url": records_url("members", tree["C1"], False, date(2026, 10, 1), date(2026, 10, 31)),
    }
    assert data["children"] == []
    assert [month["month"] for month in data["history"][0]["months"]][::11] == ["2025-11", "2026-10"]
    assert api.get("/api/v1/quotas/board/", {"unit": tree["C2"].pk}).status_code == 400
    assert api.get("/api/v1/quotas/board/", {"month": "2026-1"}).json()["fields"] == {
        "month": ["请按“年-月”填写月份，如 2026-12，年份在 2000 至 2200 之间。"]
    }


def test_the_records_link_is_the_rollups_records_page_once_it_exists(tree):
    url = records_url("members", tree["C1"], True, date(2026, 10, 1), date(2026, 10, 31))
    try:
        base = reverse("rollups:records")
    except NoReverseMatch:
        assert url == ""
        return
    assert url == f"{base}?measure=members&unit={tree['C1'].pk}&subtree=1&from=2026-10-01&to=2026-10-31"


def test_nothing_fails_on_the_first_of_january_of_an_unknown_year(users, tree, client, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2099, 1, 1))
    page = sign_in(client, users["leader"]).get(reverse("quotas:board"))
    assert page.status_code == 200
    assert "工作日依据： 按周一至周五及管理员录入的调整" in page.content.decode()
