"""Participants: members in scope, guests with encrypted phones, roles and attendance, and the
member's path following them (shown on the member's page) without double entry."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse

from concentric.activities.models import Participant
from concentric.activities.services.activities import activity_set_status, activity_update
from concentric.activities.services.participants import (
    participant_add_guest,
    participant_add_member,
    participant_remove,
    participant_update,
    participants_mark_all_present,
)
from concentric.audit.models import AuditEvent
from concentric.people.models import PathEvent


def steps(person):
    return list(PathEvent.objects.filter(person=person).values_list("stage", "kind", "source"))


@pytest.fixture
def held_forum(plan, users):
    """A forum (座谈交流: 培养) of C1 that has started, with a member who attended, then held."""

    def build(member, role="participant"):
        activity = plan("东坡社区座谈会")
        participant = participant_add_member(
            actor=users["c1_staff"], activity_id=activity.pk, person_id=member.pk, role=role, attended=True
        )
        activity = activity_set_status(actor=users["c1_staff"], activity_id=activity.pk, version=1, status="held")
        participant.refresh_from_db()
        return activity, participant

    return build


def test_attending_a_held_forum_is_a_cultivation_step(member, held_forum):
    person = member("张伟")
    held_forum(person)
    assert steps(person) == [("cultivate", "forum", "东坡社区座谈会")]
    person.refresh_from_db()
    assert person.stage == "cultivate"


def test_speaking_counts_for_use_and_changes_follow(member, held_forum, users):
    person = member("李娜")
    _activity, participant = held_forum(person, role="speaker")
    assert steps(person) == [("use", "speaking", "东坡社区座谈会")]
    participant = participant_update(
        actor=users["c1_staff"], participant_id=participant.pk, version=participant.version, role="participant"
    )
    assert steps(person) == [("cultivate", "forum", "东坡社区座谈会")]
    participant_update(
        actor=users["c1_staff"], participant_id=participant.pk, version=participant.version, attended=False
    )
    assert steps(person) == []


def test_no_step_until_held_and_none_after_cancelling(member, plan, users):
    person = member("王芳")
    activity = plan()
    participant_add_member(actor=users["c1_staff"], activity_id=activity.pk, person_id=person.pk, attended=True)
    assert steps(person) == []
    activity_set_status(actor=users["c1_staff"], activity_id=activity.pk, version=1, status="held")
    assert len(steps(person)) == 1
    activity_set_status(actor=users["c1_staff"], activity_id=activity.pk, version=2, status="planned", reason="补录")
    assert steps(person) == []


def test_a_change_of_type_or_date_moves_the_step(member, held_forum, users, types):
    person = member("赵敏")
    activity, _participant = held_forum(person)
    activity_update(actor=users["c1_staff"], activity_id=activity.pk, version=activity.version, type=types["学习培训"])
    assert steps(person) == [("cultivate", "training", "东坡社区座谈会")]
    activity.refresh_from_db()
    activity_update(actor=users["c1_staff"], activity_id=activity.pk, version=activity.version, type=types["调研走访"])
    assert steps(person) == []


def test_volunteering_counts_for_use_whatever_the_type(member, plan, users, types):
    person = member("钱进")
    activity = plan(type=types["志愿服务"])
    participant_add_member(
        actor=users["c1_staff"], activity_id=activity.pk, person_id=person.pk, role="volunteer", attended=True
    )
    activity_set_status(actor=users["c1_staff"], activity_id=activity.pk, version=1, status="held")
    assert steps(person) == [("use", "volunteering", "社区座谈会")]


def test_removing_a_participant_withdraws_the_step(member, held_forum, users):
    person = member("孙丽")
    _activity, participant = held_forum(person)
    participant_remove(actor=users["c1_staff"], participant_id=participant.pk, version=participant.version)
    assert steps(person) == []
    assert not Participant.objects.exists()


def test_all_present_marks_everyone_once(member, plan, users):
    activity = plan()
    for name in ("周一", "吴二"):
        participant_add_member(actor=users["c1_staff"], activity_id=activity.pk, person_id=member(name).pk)
    participant_add_guest(actor=users["c1_staff"], activity_id=activity.pk, guest_name="郑三")
    assert participants_mark_all_present(actor=users["c1_staff"], activity_id=activity.pk) == 3
    assert participants_mark_all_present(actor=users["c1_staff"], activity_id=activity.pk) == 0
    assert set(Participant.objects.values_list("attended", "check_in_method")) == {(True, "manual")}


def test_a_member_out_of_scope_cannot_be_added(member, plan, users):
    stranger = member("外人", unit="C2")
    activity = plan()
    with pytest.raises(ValidationError) as refused:
        participant_add_member(actor=users["c1_staff"], activity_id=activity.pk, person_id=stranger.pk)
    assert refused.value.message_dict["person"] == ["请在您可查看的成员中选择。"]
    assert not Participant.objects.exists()


def test_a_member_is_added_once(member, plan, users):
    person = member("冯七")
    activity = plan()
    participant_add_member(actor=users["c1_staff"], activity_id=activity.pk, person_id=person.pk)
    with pytest.raises(ValidationError) as refused:
        participant_add_member(actor=users["c1_staff"], activity_id=activity.pk, person_id=person.pk)
    assert refused.value.message_dict["person"] == ["冯七 已在参与人员中。"]


def test_a_co_organiser_cannot_change_participants(plan, users, tree):
    activity = plan(co_units=[tree["C2"]])
    with pytest.raises(PermissionDenied):
        participant_add_guest(actor=users["c2_staff"], activity_id=activity.pk, guest_name="来访者")
    assert not Participant.objects.exists()


def test_a_guest_phone_is_encrypted_checked_and_audited_redacted(plan, users):
    activity = plan()
    with pytest.raises(ValidationError) as refused:
        participant_add_guest(actor=users["c1_staff"], activity_id=activity.pk, guest_name="陈八", guest_phone="123")
    assert "guest_phone" in refused.value.message_dict
    guest = participant_add_guest(
        actor=users["c1_staff"], activity_id=activity.pk, guest_name="陈八", guest_phone="13912345678"
    )
    raw = Participant.objects.filter(pk=guest.pk).values_list("guest_phone", flat=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT guest_phone FROM activities_participant WHERE id = %s", [guest.pk])
        stored = cursor.fetchone()[0]
    assert "13912345678" not in stored and list(raw) == ["13912345678"]
    event = AuditEvent.objects.get(object_type="activities.participant", action="create")
    assert "13912345678" not in str(event.changes)


# --- pages --------------------------------------------------------------------------------------


def test_the_member_page_shows_the_activity_and_the_step(member, held_forum, client_for):
    person = member("刘洋")
    activity, _participant = held_forum(person, role="speaker")
    page = client_for("c1_staff").get(reverse("people:detail", args=[person.pk]))
    panel = dict(page.context["panels"])["activities"]
    assert "东坡社区座谈会" in panel and reverse("activities:detail", args=[activity.pk]) in panel
    assert "主讲/发言" in panel and "出席" in panel
    timeline = page.content.decode()
    assert "东坡社区座谈会" in timeline[timeline.index('data-testid="path-timeline"') :]


def test_the_member_panel_shows_only_activities_in_the_viewers_scope(member, plan, users, tree, client_for):
    person = member("何平", unit="C1")
    mine = plan("东坡活动")
    participant_add_member(actor=users["c1_staff"], activity_id=mine.pk, person_id=person.pk)
    theirs = plan("街道活动", unit="S", actor="sub_admin")
    participant_add_member(actor=users["sub_admin"], activity_id=theirs.pk, person_id=person.pk)
    panel = dict(client_for("c1_staff").get(reverse("people:detail", args=[person.pk])).context["panels"])
    assert "东坡活动" in panel["activities"] and "街道活动" not in panel["activities"]
    panel = dict(client_for("sub_admin").get(reverse("people:detail", args=[person.pk])).context["panels"])
    assert "东坡活动" in panel["activities"] and "街道活动" in panel["activities"]


def test_the_picker_finds_members_in_scope_only(member, plan, client_for):
    member("林小红", unit="C1")
    member("林小蓝", unit="C2")
    activity = plan()
    page = client_for("c1_staff").get(reverse("activities:member_search", args=[activity.pk]), {"q": "林小"})
    body = page.content.decode()
    assert "林小红" in body and "林小蓝" not in body


def test_pages_add_a_member_and_a_guest_and_mark_attendance(member, plan, client_for):
    person = member("黄磊")
    activity = plan()
    client = client_for("c1_staff")
    client.post(
        reverse("activities:participant_add_member", args=[activity.pk]), {"person": person.pk, "role": "speaker"}
    )
    client.post(
        reverse("activities:participant_add_guest", args=[activity.pk]),
        {"guest_name": "访客甲", "guest_phone": "13912345678", "role": "participant"},
    )
    member_row = Participant.objects.get(person=person)
    client.post(reverse("activities:participant_change", args=[member_row.pk]), {"attended": "1", "version": 1})
    page = client.get(reverse("activities:detail", args=[activity.pk]))
    body = page.content.decode()
    assert "黄磊" in body and "访客甲" in body and "139****5678" in body and "13912345678" not in body
    assert [(p.role, p.attended) for p, _phone in page.context["participants"]] == [
        ("speaker", True),
        ("participant", False),
    ]


def test_a_refused_page_action_says_why_in_chinese(member, plan, client_for):
    activity = plan()
    response = client_for("c1_staff").post(
        reverse("activities:participant_add_guest", args=[activity.pk]),
        {"guest_name": "", "role": "participant"},
        follow=True,
    )
    assert "请填写嘉宾姓名。" in response.content.decode()
    assert not Participant.objects.exists()


def test_the_status_page_refuses_held_before_the_start(plan, client_for):
    activity = plan(days=3)
    response = client_for("c1_staff").post(
        reverse("activities:status", args=[activity.pk]), {"status": "held", "version": 1}, follow=True
    )
    assert "活动尚未开始，不能标记为已举办。" in response.content.decode()
    activity.refresh_from_db()
    assert activity.status == "planned"
