"""Activity and type services: scope, co-organisers, the place, status rules, no-op writes, audit."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from concentric.activities.models import Activity, ActivityType
from concentric.activities.services.activities import (
    activity_set_status,
    activity_type_create,
    activity_type_delete,
    activity_type_update,
    activity_update,
)
from concentric.audit.models import AuditEvent
from concentric.org.choices import UnitKind
from conftest import make_unit


def events(obj, action=None):
    found = AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
    return found.filter(action=action) if action else found


def test_an_activity_is_created_in_a_unit_of_the_actor_and_audited(plan, tree):
    activity = plan("东坡社区座谈会", co_units=[tree["C2"], tree["S"]])
    assert (activity.org_unit, activity.status, activity.version) == (tree["C1"], "planned", 1)
    event = events(activity, "create").get()
    assert event.changes["title"] == [None, "东坡社区座谈会"]
    assert event.changes["co_units"] == [None, str(sorted([tree["C2"].pk, tree["S"].pk]))]


def test_a_worker_cannot_create_in_another_community(plan):
    with pytest.raises(PermissionDenied):
        plan(unit="C2", actor="c1_staff")
    assert not Activity.objects.exists()


def test_a_leader_cannot_create(plan):
    with pytest.raises(PermissionDenied):
        plan(unit="S", actor="leader")


def test_co_units_are_units_near_the_organiser_and_not_itself(plan, tree):
    """A community co-organises with the subdistrict and its neighbours, not with a far unit."""
    far = make_unit("FAR", "西湖区某街道", UnitKind.SUBDISTRICT)
    with pytest.raises(ValidationError) as refused:
        plan(co_units=[far])
    assert refused.value.message_dict["co_units"] == ["请在主办单位的上级单位范围内选择协办单位。"]
    with pytest.raises(ValidationError) as refused:
        plan(co_units=[tree["C1"]])
    assert refused.value.message_dict["co_units"] == ["主办单位不能同时作为协办单位。"]
    assert not Activity.objects.exists()


def test_a_room_must_belong_to_the_venue_and_a_place_is_needed(plan, venue):
    with pytest.raises(ValidationError) as refused:
        plan(venue=venue["home"], room=venue["other_room"], address="")
    assert refused.value.message_dict["room"] == ["请选择所选阵地内的功能室。"]
    with pytest.raises(ValidationError) as refused:
        plan(address="")
    assert refused.value.message_dict["address"] == ["请选择阵地或填写活动地点。"]
    assert not Activity.objects.exists()


def test_a_room_of_the_subdistrict_home_can_be_used_by_a_community(plan, venue):
    activity = plan(room=venue["hall"], address="")
    assert (activity.venue, activity.room) == (venue["home"], venue["hall"])


def test_a_venue_out_of_sight_is_refused(plan, venue):
    """C1 sees the subdistrict's home (upward), not C2's parlour."""
    with pytest.raises(ValidationError) as refused:
        plan(venue=venue["other"], room=venue["other_room"], address="")
    assert set(refused.value.message_dict) == {"venue", "room"}


def test_an_activity_cannot_end_before_it_starts(plan, users):
    activity = plan()
    with pytest.raises(ValidationError) as refused:
        activity_update(
            actor=users["c1_staff"],
            activity_id=activity.pk,
            version=1,
            ends_at=activity.starts_at - timedelta(minutes=1),
        )
    assert refused.value.message_dict["ends_at"] == ["活动结束时间不能早于开始时间。"]
    activity.refresh_from_db()
    assert activity.version == 1


def test_an_update_that_changes_nothing_writes_nothing(plan, users, tree):
    activity = plan(co_units=[tree["C2"]])
    same = activity_update(
        actor=users["c1_staff"], activity_id=activity.pk, version=1, title=activity.title, co_units=[tree["C2"]]
    )
    assert same.version == 1
    assert not events(activity, "update").exists()


def test_an_update_is_audited_with_the_co_units(plan, users, tree):
    activity = plan()
    activity_update(actor=users["c1_staff"], activity_id=activity.pk, version=1, co_units=[tree["B1"]])
    activity.refresh_from_db()
    assert activity.version == 2
    assert events(activity, "update").get().changes == {"co_units": ["[]", f"[{tree['B1'].pk}]"]}


def test_a_stale_version_is_refused(plan, users):
    activity = plan()
    activity_update(actor=users["c1_staff"], activity_id=activity.pk, version=1, title="改名")
    with pytest.raises(ValidationError):
        activity_update(actor=users["c1_staff"], activity_id=activity.pk, version=1, title="又改名")
    activity.refresh_from_db()
    assert activity.title == "改名"


def test_a_co_organiser_sees_but_cannot_change(plan, users, tree):
    activity = plan(co_units=[tree["C2"]])
    assert Activity.objects.visible_to(users["c2_staff"]).filter(pk=activity.pk).exists()
    with pytest.raises(Http404):
        activity_update(actor=users["c2_staff"], activity_id=activity.pk, version=1, title="协办改名")
    with pytest.raises(Http404):
        activity_set_status(actor=users["c2_staff"], activity_id=activity.pk, version=1, status="cancelled")
    assert not Activity.objects.visible_to(users["b1_staff"]).filter(pk=activity.pk).exists()


# --- status -------------------------------------------------------------------------------------


def test_an_activity_is_not_held_before_it_starts(plan, users):
    activity = plan(days=2)
    with pytest.raises(ValidationError) as refused:
        activity_set_status(actor=users["c1_staff"], activity_id=activity.pk, version=1, status="held")
    assert refused.value.message_dict["status"] == ["活动尚未开始，不能标记为已举办。"]
    activity.refresh_from_db()
    assert activity.status == "planned"


def test_held_and_cancelled_go_back_to_planned_only_with_a_reason(plan, users):
    activity = plan()
    held = activity_set_status(actor=users["c1_staff"], activity_id=activity.pk, version=1, status="held")
    assert (held.status, held.version) == ("held", 2)
    with pytest.raises(ValidationError):
        activity_set_status(actor=users["c1_staff"], activity_id=activity.pk, version=2, status="cancelled")
    with pytest.raises(ValidationError) as refused:
        activity_set_status(actor=users["c1_staff"], activity_id=activity.pk, version=2, status="planned")
    assert refused.value.message_dict["reason"] == ["已举办或已取消的活动改回计划中，请说明原因。"]
    back = activity_set_status(
        actor=users["c1_staff"], activity_id=activity.pk, version=2, status="planned", reason="误操作"
    )
    assert back.status == "planned"
    assert events(activity, "update").order_by("pk").last().reason == "误操作"


def test_an_edit_keeps_the_status(plan, users):
    activity = plan()
    activity_set_status(actor=users["c1_staff"], activity_id=activity.pk, version=1, status="cancelled")
    with pytest.raises(TypeError):
        activity_update(actor=users["c1_staff"], activity_id=activity.pk, version=2, status="planned")
    activity.refresh_from_db()
    assert activity.status == "cancelled"


# --- the type dictionary --------------------------------------------------------------------------


def test_a_type_in_use_cannot_be_deleted(plan, users, types):
    plan(type=types["学习培训"])
    kind = types["学习培训"]
    with pytest.raises(ValidationError) as refused:
        activity_type_delete(actor=users["c1_admin"], type_id=kind.pk, version=kind.version)
    assert refused.value.messages == ["活动类型“学习培训”已被活动使用，不能删除；可改为停用。"]
    assert ActivityType.objects.filter(pk=kind.pk).exists()


def test_types_are_kept_by_their_editors(users):
    with pytest.raises(PermissionDenied):
        activity_type_create(actor=users["c1_staff"], name="读书会")
    kind = activity_type_create(actor=users["sysadmin"], name="读书会", path_evidence="forum")
    kind = activity_type_update(actor=users["c1_admin"], type_id=kind.pk, version=1, is_active=False)
    assert (kind.is_active, kind.version) == (False, 2)
    activity_type_delete(actor=users["c1_admin"], type_id=kind.pk, version=2)
    assert not ActivityType.objects.filter(name="读书会").exists()
    assert events(kind, "delete").count() == 1


def test_an_inactive_type_is_not_offered_for_new_activities(plan, users, types):
    kind = activity_type_update(actor=users["c1_admin"], type_id=types["调研走访"].pk, version=1, is_active=False)
    with pytest.raises(ValidationError) as refused:
        plan(type=kind)
    assert refused.value.message_dict["type"] == ["该活动类型已停用。"]
