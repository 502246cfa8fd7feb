"""Audit pages: only the audit administrator; search, read, export (audited) and check the chain."""

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.urls import get_resolver, reverse
from django.utils import timezone, translation

from concentric.audit.choices import ACTION_LABELS, action_label
from concentric.audit.filtersets import start_of_day
from concentric.audit.models import AuditEvent
from concentric.core.auditing import audit_record
from concentric.org.services import org_unit_update

OTHERS = ["sysadmin", "secadmin", "sub_admin", "c1_admin", "c1_staff", "leader", "norole"]


@pytest.fixture
def events(tree, users):
    """A login, a failed login and an org update: three events, oldest first."""
    login = audit_record(actor=users["c1_staff"], action="login", obj=users["c1_staff"])
    failed = audit_record(
        actor=None,
        actor_name="ghost",
        action="login",
        object_type="accounts.user",
        object_repr="ghost",
        result="failed",
    )
    org_unit_update(actor=users["sub_admin"], unit_id=tree["C2"].pk, version=1, name="岳王新社区")
    update = AuditEvent.objects.order_by("-id").first()
    return [login, failed, update]


def listed_ids(response) -> list[int]:
    return [row.pk for row, _ in response.context["rows"]]


def test_action_names_read_in_chinese():
    with translation.override("zh-hans"):
        labels = {code: str(label) for code, label in ACTION_LABELS.items()}
    assert labels == {
        "login": "登录",
        "logout": "退出",
        "lockout": "锁定",
        "create": "新增",
        "update": "修改",
        "delete": "删除",
        "export": "导出",
        "import": "导入",
        "unmask": "查看明文",
        "role.grant": "授予角色",
        "role.revoke": "撤销角色",
        "password.change": "修改密码",
        "password.reset": "重置密码",
        "otp.enrol": "绑定动态口令",
        "otp.verify": "动态口令验证",
        "otp.reset": "重置动态口令",
        "audit.purge": "清理审计日志",
        "api_token.issue": "签发 API 令牌",
        "api_token.revoke": "吊销 API 令牌",
        "access": "访问",
    }
    assert action_label("something.new") == "something.new"


def test_the_audit_admin_sees_the_log_newest_first(client_for, events):
    response = client_for("auditadmin").get(reverse("audit:list"))

    assert response.status_code == 200
    assert listed_ids(response) == [event.pk for event in reversed(events)]
    update_cells = response.context["rows"][0][1]
    assert update_cells[1:] == ["sub_admin", "", "修改", "组织机构", "岳王新社区", "成功"]
    assert response.context["rows"][1][1][1:] == ["ghost", "", "登录", "用户", "ghost", "失败"]
    content = response.content.decode()
    assert 'data-testid="audit-verify"' in content
    assert 'data-testid="toolbar-export"' in content
    assert 'data-testid="toolbar-create"' not in content
    assert response.context["breadcrumbs"] == [{"label": "审计日志", "url": ""}]


@pytest.mark.parametrize("name", OTHERS)
def test_nobody_else_can_open_the_audit_pages(client_for, events, name):
    client = client_for(name)
    count = AuditEvent.objects.count()

    assert client.get(reverse("audit:list")).status_code == 403
    assert client.get(reverse("audit:detail", args=[events[0].pk])).status_code == 404
    assert client.get(reverse("audit:export"), {"format": "csv"}).status_code == 403
    assert client.post(reverse("audit:verify")).status_code == 403
    # Each refusal is on record as a denied access; nothing else was written.
    new = AuditEvent.objects.order_by("id")[count:]
    assert [(event.action, event.result) for event in new] == [("access", "denied")] * 4


def test_anonymous_users_are_sent_to_sign_in(client, events):
    for url in (reverse("audit:list"), reverse("audit:detail", args=[events[0].pk]), reverse("audit:export")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_no_route_edits_or_deletes_events(client_for, events):
    audit_resolver = get_resolver().namespace_dict["audit"][1]
    assert {name for name in audit_resolver.reverse_dict if isinstance(name, str)} == {
        "list",
        "detail",
        "export",
        "verify",
    }
    client = client_for("auditadmin")
    for method in ("post", "put", "patch", "delete"):
        assert getattr(client, method)(reverse("audit:detail", args=[events[0].pk])).status_code == 405
    assert AuditEvent.objects.filter(pk=events[0].pk).exists()


def test_filters(client_for, events, users):
    client = client_for("auditadmin")
    login, failed, update = events

    def ids(**query):
        return listed_ids(client.get(reverse("audit:list"), query))

    assert ids(action="update") == [update.pk]
    assert ids(result="failed") == [failed.pk]
    assert ids(actor="C1_STA") == [login.pk]
    assert ids(object_type="org.orgunit") == [update.pk]
    assert ids(q="ghost") == [failed.pk]
    assert ids(q=str(users["c1_staff"].pk), action="login") == [login.pk]
    today = timezone.localdate()
    assert ids(date_from=today.isoformat(), date_to=today.isoformat()) == [update.pk, failed.pk, login.pk]
    assert ids(date_to=(today - timedelta(days=1)).isoformat()) == []
    assert ids(date_from=(today + timedelta(days=1)).isoformat()) == []


def test_dates_are_shanghai_calendar_days():
    assert start_of_day(date(2026, 1, 2)) == datetime(2026, 1, 1, 16, 0, tzinfo=UTC)


def test_keyset_paging_newest_first(client_for, users):
    created = [audit_record(actor=users["c1_staff"], action="logout", obj=users["c1_staff"]) for _ in range(55)]
    newest_first = [event.pk for event in reversed(created)]
    client = client_for("auditadmin")

    first = client.get(reverse("audit:list"))
    assert listed_ids(first) == newest_first[:50]
    assert first.context["total"] == "55"
    second = client.get(reverse("audit:list"), {"cursor": first.context["page"].next_cursor})
    assert listed_ids(second) == newest_first[50:]
    assert second.context["page"].next_cursor == ""


def test_htmx_refresh_answers_the_results_partial(client_for, events):
    response = client_for("auditadmin").get(reverse("audit:list"), {"action": "login"}, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="results">')
    links = [f'href="{reverse("audit:detail", args=[event.pk])}"' for event in events]
    assert links[2] not in content
    assert 0 < content.index(links[1]) < content.index(links[0])


def test_detail_shows_every_field_the_changes_and_the_hashes(client_for, events, users):
    update = events[2]
    response = client_for("auditadmin").get(reverse("audit:detail", args=[update.pk]))

    assert response.status_code == 200
    assert response.context["changes"] == [("名称", "岳王社区", "岳王新社区")]  # the field as its form names it
    assert response.context["action_label"] == "修改"
    assert response.context["hash_matches"] is True
    assert response.context["breadcrumbs"] == [
        {"label": "审计日志", "url": reverse("audit:list")},
        {"label": f"审计记录 #{update.pk}", "url": ""},
    ]
    content = response.content.decode()
    assert f'data-testid="audit-hash">{update.hash}</code>' in content
    assert f'data-testid="audit-prev-hash">{update.prev_hash}</code>' in content
    assert "<tr><td>名称</td><td>岳王社区</td><td>岳王新社区</td></tr>" in content
    assert f"(#{users['sub_admin'].pk})" in content


def test_detail_flags_an_altered_event(client_for, events):
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {AuditEvent._meta.db_table} SET reason = %s WHERE id = %s", ["x", events[0].pk])
    response = client_for("auditadmin").get(reverse("audit:detail", args=[events[0].pk]))
    assert response.context["hash_matches"] is False
    assert "否：该记录已被篡改" in response.content.decode()


def test_export_is_audited_and_matches_the_recorded_count(client_for, events, users):
    response = client_for("auditadmin").get(reverse("audit:export"), {"format": "csv", "action": "login"})

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["记录编号", "时间", "操作人"]
    assert [int(row[0]) for row in rows[1:]] == [events[1].pk, events[0].pk]
    assert [row[6] for row in rows[1:]] == ["登录", "登录"]
    assert rows[1][-1] == events[1].hash
    export = AuditEvent.objects.order_by("-id").first()
    assert (export.actor_id, export.action, export.object_type, export.object_repr, export.reason) == (
        users["auditadmin"].pk,
        "export",
        "audit.auditevent",
        "2 rows (csv)",
        "filter: action=login",
    )


def test_an_unfiltered_export_excludes_its_own_event(client_for, events):
    response = client_for("auditadmin").get(reverse("audit:export"), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [int(row[0]) for row in rows[1:]] == [event.pk for event in reversed(events)]
    assert AuditEvent.objects.order_by("-id").first().object_repr == "3 rows (csv)"


def test_verify_button_reports_an_intact_chain(client_for, events):
    response = client_for("auditadmin").post(reverse("audit:verify"), follow=True)
    assert response.redirect_chain == [(reverse("audit:list"), 302)]
    assert "审计链完整：共校验 3 条记录。" in response.content.decode()


def test_verify_button_reports_the_broken_event(client_for, events):
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {AuditEvent._meta.db_table} SET actor_name = %s WHERE id = %s", ["x", events[1].pk])
    response = client_for("auditadmin").post(reverse("audit:verify"), follow=True)
    assert f"审计链在记录 #{events[1].pk} 处断裂：记录内容与其哈希值不符（该记录被篡改）。" in response.content.decode()
    assert client_for("auditadmin").get(reverse("audit:verify")).status_code == 405


def test_change_labels_fall_back_to_the_code():
    from concentric.audit.choices import field_label

    assert field_label("org.orgunit", "gone") == "gone"
    assert field_label("audit.chain", "name") == "name"
    assert field_label("", "x") == "x"
