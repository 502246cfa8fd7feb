"""The activity list, its filters and export, the forms, sharing with co-organisers, and the API."""

import csv
import io
import json
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from concentric.activities.models import Activity, ActivityType, Participant
from concentric.activities.services.participants import participant_add_guest
from concentric.audit.models import AuditEvent
from tests.api_support import session_client


def listed(response) -> list[str]:
    return [row.title for row, _cells in response.context["rows"]]


def csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def test_the_list_shows_own_and_co_organised_activities_only(plan, tree, client_for):
    plan("东坡自办", unit="C1")
    plan("街道主办东坡协办", unit="S", actor="sub_admin", co_units=[tree["C1"]])
    plan("岳王自办", unit="C2", actor="c2_staff")
    assert sorted(listed(client_for("c1_staff").get(reverse("activities:list")))) == ["东坡自办", "街道主办东坡协办"]
    assert listed(client_for("b1_staff").get(reverse("activities:list"))) == []
    assert len(listed(client_for("leader").get(reverse("activities:list")))) == 3


def test_the_list_filters_by_unit_subtree_type_status_period_and_title(plan, tree, types, client_for):
    plan("东坡培训", unit="C1", type=types["学习培训"], days=-10)
    plan("岳王座谈", unit="C2", actor="c2_staff", days=-2)
    plan("街道座谈", unit="S", actor="sub_admin", days=5)
    client = client_for("sub_admin")
    url = reverse("activities:list")
    assert sorted(listed(client.get(url, {"unit": tree["S"].pk}))) == ["东坡培训", "岳王座谈", "街道座谈"]
    assert listed(client.get(url, {"unit": tree["C2"].pk})) == ["岳王座谈"]
    assert listed(client.get(url, {"type": types["学习培训"].pk})) == ["东坡培训"]
    today = timezone.localdate()
    period = {"starts_from": today - timedelta(days=3), "starts_until": today}
    assert listed(client.get(url, period)) == ["岳王座谈"]
    assert listed(client.get(url, {"q": "街道"})) == ["街道座谈"]
    assert listed(client.get(url, {"status": "held"})) == []


def test_a_reversed_period_is_an_error_not_an_empty_filter(plan, client_for):
    plan()
    response = client_for("c1_staff").get(
        reverse("activities:list"), {"starts_from": "2026-10-01", "starts_until": "2026-09-01"}
    )
    assert response.context["filter_errors"]
    assert "结束日期早于开始日期。" in response.content.decode()


def test_the_list_shows_the_participant_count_and_place(plan, users, venue, client_for):
    activity = plan(room=venue["hall"], address="")
    participant_add_guest(actor=users["c1_staff"], activity_id=activity.pk, guest_name="嘉宾甲")
    response = client_for("c1_staff").get(reverse("activities:list"))
    ((_row, cells),) = response.context["rows"]
    assert "统战之家 · 晴雨议事厅" in cells and 1 in cells


def test_the_export_of_a_co_organiser_holds_the_shared_activity_and_is_audited(plan, tree, client_for):
    plan("街道主办东坡协办", unit="S", actor="sub_admin", co_units=[tree["C1"], tree["C2"]])
    plan("岳王自办", unit="C2", actor="c2_staff")
    response = client_for("c1_staff").get(reverse("activities:export"), {"format": "csv"})
    rows = csv_rows(response)
    assert rows[0] == ["活动名称", "类型", "主办单位", "协办单位", "时间", "地点", "状态", "参与人员"]
    assert [row[0] for row in rows[1:]] == ["街道主办东坡协办"]
    assert rows[1][3] == "东坡社区、岳王社区"
    assert AuditEvent.objects.filter(action="export").exists()


def test_a_co_organiser_sees_the_page_without_the_changes(plan, tree, client_for):
    activity = plan("街道主办东坡协办", unit="S", actor="sub_admin", co_units=[tree["C1"]])
    client = client_for("c1_staff")
    page = client.get(reverse("activities:detail", args=[activity.pk]))
    assert page.status_code == 200
    assert not page.context["can_change"] and 'data-testid="member-picker"' not in page.content.decode()
    assert client.get(reverse("activities:edit", args=[activity.pk])).status_code == 403
    client.post(reverse("activities:status", args=[activity.pk]), {"status": "cancelled", "version": 1})
    activity.refresh_from_db()
    assert activity.status == "planned"
    assert client_for("b1_staff").get(reverse("activities:detail", args=[activity.pk])).status_code == 404


def form_values(unit, kind, title: str, start, hours: int, **place) -> dict:
    """What the activity form posts: ``hours`` long from ``start`` (negative: ends before it)."""
    return {
        "org_unit": unit.pk,
        "title": title,
        "type": kind.pk,
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M"),
        **place,
    }


def test_the_create_form_plans_an_activity_in_a_room(client_for, types, venue, tree):
    start = (timezone.localtime() + timedelta(days=2)).replace(hour=14, minute=0, second=0, microsecond=0)
    place = {"venue": venue["home"].pk, "room": venue["hall"].pk, "co_units": [tree["C2"].pk]}
    response = client_for("c1_staff").post(
        reverse("activities:create"), form_values(tree["C1"], types["座谈交流"], "同心议事会", start, 2, **place)
    )
    activity = Activity.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("activities:detail", args=[activity.pk])
    assert (activity.room, activity.starts_at, list(activity.co_units.all())) == (venue["hall"], start, [tree["C2"]])


def test_the_create_form_says_what_is_wrong_in_chinese(client_for, types, venue, tree):
    start = timezone.localtime().replace(second=0, microsecond=0)
    place = {"venue": venue["home"].pk, "room": venue["other_room"].pk}
    response = client_for("c1_staff").post(
        reverse("activities:create"), form_values(tree["C1"], types["座谈交流"], "错误的活动", start, -1, **place)
    )
    body = response.content.decode()
    assert "活动结束时间不能早于开始时间。" in body
    assert not Activity.objects.exists()


def test_the_co_organiser_choices_leave_the_organising_unit_out(client_for, types, venue, tree):
    """A community worker organises for the community only: it is not offered as a co-organiser.
    The subdistrict's administrator may organise for several units: choosing the same unit as
    organiser and co-organiser is refused with a clear message, nothing written."""
    form = client_for("c1_staff").get(reverse("activities:create")).context["form"]
    offered = set(form.fields["co_units"].queryset)
    assert tree["C1"] not in offered and {tree["S"], tree["C2"]} <= offered
    start = (timezone.localtime() + timedelta(days=2)).replace(hour=9, minute=0, second=0, microsecond=0)
    place = {"address": "东坡路", "co_units": [tree["C1"].pk, tree["C2"].pk]}
    response = client_for("sub_admin").post(
        reverse("activities:create"), form_values(tree["C1"], types["座谈交流"], "联合议事", start, 1, **place)
    )
    assert "主办单位不能同时作为协办单位。" in response.content.decode()
    assert not Activity.objects.exists()


def test_the_edit_form_does_not_offer_the_organiser_as_co_organiser(plan, client_for, tree):
    activity = plan()
    form = client_for("c1_staff").get(reverse("activities:edit", args=[activity.pk])).context["form"]
    assert activity.org_unit not in set(form.fields["co_units"].queryset)


def test_the_type_dictionary_refuses_deleting_a_type_in_use(plan, types, client_for):
    plan(type=types["学习培训"])
    kind = types["学习培训"]
    client = client_for("c1_admin")
    response = client.post(reverse("activities:type_delete", args=[kind.pk]), {"version": kind.version}, follow=True)
    assert "已被活动使用，不能删除" in response.content.decode()
    assert ActivityType.objects.filter(pk=kind.pk).exists()
    assert client_for("c1_staff").get(reverse("activities:types")).context["rows"]


# --- the API -----------------------------------------------------------------------------------


def api_post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_the_api_plans_holds_and_counts_participants(users, types, tree, member):
    client = session_client(users["c1_staff"])
    start = (timezone.now() - timedelta(hours=1)).replace(microsecond=0)
    created = api_post(
        client,
        "/api/v1/activities/",
        {
            "org_unit": tree["C1"].pk,
            "title": "接口活动",
            "type": types["学习培训"].pk,
            "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=2)).isoformat(),
            "address": "社区活动室",
            "co_units": [tree["S"].pk],
        },
    )
    assert created.status_code == 201, created.content
    activity_id = created.json()["id"]
    person = member("接口成员")
    added = api_post(
        client, "/api/v1/activities/participants/", {"activity": activity_id, "person": person.pk, "attended": True}
    )
    assert added.status_code == 201, added.content
    guest = api_post(
        client,
        "/api/v1/activities/participants/",
        {"activity": activity_id, "guest_name": "接口嘉宾", "guest_phone": "13912345678"},
    )
    assert guest.json()["guest_phone"] == "139****5678", guest.content.decode()
    held = api_post(client, f"/api/v1/activities/{activity_id}/status/", {"status": "held", "version": 1})
    assert held.status_code == 200, held.content
    assert (held.json()["status"], held.json()["participant_count"]) == ("held", 2)
    stale = api_post(client, f"/api/v1/activities/{activity_id}/status/", {"status": "planned", "version": 1})
    assert stale.status_code == 409


def test_the_api_refuses_a_member_and_guest_at_once_and_a_co_organisers_write(users, plan, tree, member):
    activity = plan(co_units=[tree["C2"]])
    person = member("双重")
    client = session_client(users["c1_staff"])
    both = api_post(
        client,
        "/api/v1/activities/participants/",
        {"activity": activity.pk, "person": person.pk, "guest_name": "又是嘉宾"},
    )
    assert both.status_code == 400
    other = session_client(users["c2_staff"])
    assert other.get(f"/api/v1/activities/{activity.pk}/").status_code == 200
    refused = other.patch(
        f"/api/v1/activities/{activity.pk}/",
        json.dumps({"title": "协办改名", "version": 1}),
        content_type="application/json",
    )
    assert refused.status_code == 404
    added = api_post(other, "/api/v1/activities/participants/", {"activity": activity.pk, "guest_name": "协办嘉宾"})
    assert added.status_code == 403, added.content.decode()
    assert not Participant.objects.exists()


def test_the_participants_export_masks_guest_phones_and_follows_the_activity_filter(plan, users, member, client_for):
    activity = plan("导出活动")
    participant_add_guest(
        actor=users["c1_staff"], activity_id=activity.pk, guest_name="导出嘉宾", guest_phone="13912345678"
    )
    other = plan("别的活动")
    participant_add_guest(actor=users["c1_staff"], activity_id=other.pk, guest_name="别的嘉宾")
    response = client_for("c1_staff").get(
        reverse("activities:participant_export"), {"activity": activity.pk, "format": "csv"}
    )
    rows = csv_rows(response)
    assert rows[0][:3] == ["活动名称", "日期", "姓名"]
    assert [row[2] for row in rows[1:]] == ["导出嘉宾"]
    assert "139****5678" in rows[1] and "13912345678" not in str(rows)
    refused = client_for("c1_staff").get(reverse("activities:participant_export"), {"activity": "x"})
    assert refused.status_code == 400
