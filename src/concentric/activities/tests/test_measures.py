"""The measures of activities, volunteer service and donations: each kind of write moves exactly
the figures it should, in the writing transaction, and the tallies equal a recount of the records
whatever the sequence of writes; the demo leaves none of them behind."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from concentric.activities.choices import DonationKind
from concentric.activities.measures import ALL
from concentric.activities.models import Activity, Donation, Participant, VolunteerHours
from concentric.activities.services.activities import (
    activity_delete,
    activity_set_status,
    activity_type_update,
    activity_update,
)
from concentric.activities.services.checkin import Outcome, check_in, token_for
from concentric.activities.services.donations import donation_delete, donation_update
from concentric.activities.services.hours import (
    hours_approve,
    hours_correct,
    hours_delete,
    hours_record,
    hours_record_attendees,
)
from concentric.activities.services.participants import (
    participant_add_guest,
    participant_add_member,
    participant_remove,
    participant_update,
    participants_mark_all_present,
)
from concentric.activities.tests.donation_helpers import goods, money
from concentric.activities.tests.import_workbook import activity_workbook
from concentric.activities.tests.test_import_activities import GOOD_ROWS, forum_row, registered, run  # noqa: F401
from concentric.core import registry
from concentric.core.measures import KEY_SEPARATOR
from concentric.rollups.selectors import LIVE, figure, figures_by_key, figures_by_unit
from concentric.rollups.services import rollups_differences

KEYS = [measure.key for measure in ALL]


def ids(tree, *codes):
    return [tree[code].pk for code in codes]


def day_of(activity):
    return timezone.localdate(activity.starts_at)


def held(actor, activity):
    return activity_set_status(actor=actor, activity_id=activity.pk, version=activity.version, status="held")


def test_the_measures_are_declared_with_their_keys():
    assert [registry.measure(key).key for key in KEYS] == [
        "activities_held",
        "participation",
        "volunteer_sessions",
        "volunteer_person_times",
        "volunteer_hours",
        "donations_money",
        "donations_goods",
    ]
    assert registry.measure("volunteer_hours").decimals == 1
    assert registry.measure("donations_money").decimals == 2
    with translation.override("zh-hans"):
        assert registry.measure("donations_goods").names_of([f"口罩{KEY_SEPARATOR}只"]) == {
            f"口罩{KEY_SEPARATOR}只": "口罩（只）"
        }
        assert str(registry.measure("volunteer_hours").unit_label) == "小时"


def test_an_activity_counts_once_held_on_its_start_day_under_its_type(plan, users, tree, types, member):
    admin = users["sub_admin"]
    activity = plan("社区座谈会")
    c1 = ids(tree, "C1")
    assert figure("activities_held", units=c1) == 0  # planned: not yet
    activity = held(users["c1_staff"], activity)
    day = day_of(activity)
    assert figures_by_key("activities_held", units=c1, start=day, end=day) == {str(types["座谈交流"].pk): 1}
    assert registry.measure("activities_held").names_of([str(types["座谈交流"].pk)]) == {
        str(types["座谈交流"].pk): "座谈交流"
    }

    # Attendees are person-times; a participant who did not come is not.
    zhang = participant_add_member(
        actor=users["c1_staff"], activity_id=activity.pk, person_id=member("张三").pk, attended=True
    )
    absent = participant_add_guest(actor=users["c1_staff"], activity_id=activity.pk, guest_name="王五")
    assert figure("participation", units=c1) == 1
    absent = participant_update(
        actor=users["c1_staff"], participant_id=absent.pk, version=absent.version, attended=True
    )
    assert figure("participation", units=c1) == 2

    # Moved to another unit, another type and a day earlier: everything on it follows.
    activity.refresh_from_db()
    earlier = activity.starts_at - timedelta(days=1)
    activity = activity_update(
        actor=admin,
        activity_id=activity.pk,
        version=activity.version,
        org_unit=tree["C2"],
        type=types["学习培训"],
        starts_at=earlier,
    )
    assert figure("activities_held", units=c1) == figure("participation", units=c1) == 0
    c2 = ids(tree, "C2")
    assert figures_by_key("activities_held", units=c2, start=day - timedelta(days=1), end=day - timedelta(days=1)) == {
        str(types["学习培训"].pk): 1
    }
    assert figure("participation", units=c2, start=day - timedelta(days=1), end=day - timedelta(days=1)) == 2

    # Removing a participant, then the activity back to planned: nothing counts.
    participant_remove(actor=admin, participant_id=zhang.pk, version=zhang.version)
    assert figure("participation", units=c2) == 1
    activity = activity_set_status(
        actor=admin, activity_id=activity.pk, version=activity.version, status="planned", reason="记错了"
    )
    assert figure("activities_held", units=c2) == figure("participation", units=c2) == 0
    activity = activity_set_status(actor=admin, activity_id=activity.pk, version=activity.version, status="cancelled")
    assert figure("activities_held", units=c2) == 0
    assert rollups_differences() == {}


def test_mark_all_present_and_delete(plan, users, tree):
    activity = held(users["c1_staff"], plan("社区座谈会"))
    for name in ("甲", "乙", "丙"):
        participant_add_guest(actor=users["c1_staff"], activity_id=activity.pk, guest_name=name)
    c1 = ids(tree, "C1")
    assert figure("participation", units=c1) == 0
    assert participants_mark_all_present(actor=users["c1_staff"], activity_id=activity.pk) == 3
    assert figure("participation", units=c1) == 3
    activity.refresh_from_db()
    activity_delete(actor=users["c1_staff"], activity_id=activity.pk, version=activity.version)
    assert figure("participation", units=c1) == figure("activities_held", units=c1) == 0
    assert rollups_differences() == {}


def test_a_phone_check_in_is_a_person_time(plan, users, tree, member):
    activity = held(users["c1_staff"], plan("社区座谈会", days=-0.05))
    member("张三", phone="13812341234")
    assert check_in(token=token_for(activity), name="张三", digits="1234") == Outcome.CHECKED_IN
    assert check_in(token=token_for(activity), name="路人", digits="5678") == Outcome.CHECKED_IN
    assert check_in(token=token_for(activity), name="路人", digits="5678") == Outcome.ALREADY
    assert figure("participation", units=ids(tree, "C1")) == 2
    assert Participant.objects.filter(attended=True).count() == 2
    assert rollups_differences() == {}


def test_volunteer_hours_count_once_approved_and_corrections_replace_them(plan, users, tree, types):
    c1 = ids(tree, "C1")
    activity = held(users["c1_staff"], plan("敬老志愿服务", type=types["志愿服务"], days=-2))
    day = day_of(activity)
    people = [
        participant_add_guest(actor=users["c1_staff"], activity_id=activity.pk, guest_name=name, attended=True)
        for name in ("甲", "乙")
    ]
    assert figure("volunteer_sessions", units=c1, start=day, end=day) == 1
    first = hours_record(actor=users["c1_staff"], participant_id=people[0].pk, hours="2.5")
    assert hours_record_attendees(actor=users["c1_staff"], activity_id=activity.pk, hours="1.5") == 1
    assert figure("volunteer_person_times", units=c1) == figure("volunteer_hours", units=c1) == 0  # pending
    first = hours_approve(actor=users["c1_admin"], hours_id=first.pk)
    second = VolunteerHours.objects.get(participant=people[1])
    assert figure("volunteer_person_times", units=c1) == 1
    assert figure("volunteer_hours", units=c1, start=day, end=day) == Decimal("2.5")
    hours_approve(actor=users["c1_admin"], hours_id=second.pk)
    assert figure("volunteer_hours", units=c1) == Decimal("4.0")

    # A correction counts in place of the entry it corrects once approved, not before.
    correction = hours_correct(actor=users["c1_staff"], hours_id=first.pk, hours="3", note="少记了布展")
    assert figure("volunteer_hours", units=c1) == Decimal("4.0")
    hours_approve(actor=users["c1_admin"], hours_id=correction.pk)
    assert figure("volunteer_hours", units=c1) == Decimal("4.5")
    assert figure("volunteer_person_times", units=c1) == 2

    # A pending correction removed changes nothing.
    pending = hours_correct(actor=users["c1_staff"], hours_id=correction.pk, hours="9", note="再改")
    hours_delete(actor=users["c1_staff"], hours_id=pending.pk)
    assert figure("volunteer_hours", units=c1) == Decimal("4.5")

    # A type no longer volunteer service: no sessions, no hours; back again, all of them.
    kind = types["志愿服务"]
    kind = activity_type_update(actor=users["sysadmin"], type_id=kind.pk, version=kind.version, is_volunteering=False)
    assert figure("volunteer_sessions", units=c1) == figure("volunteer_hours", units=c1) == 0
    activity_type_update(actor=users["sysadmin"], type_id=kind.pk, version=kind.version, is_volunteering=True)
    assert figure("volunteer_hours", units=c1) == Decimal("4.5")
    assert figure("volunteer_sessions", units=c1) == 1

    # Moved to another unit: the session and its hours go with it.
    activity.refresh_from_db()
    activity_update(actor=users["sub_admin"], activity_id=activity.pk, version=activity.version, org_unit=tree["B1"])
    assert figure("volunteer_hours", units=c1) == 0
    assert figures_by_unit("volunteer_hours", units=ids(tree, "C1", "B1")) == {tree["B1"].pk: Decimal("4.5")}
    assert figure("volunteer_person_times", units=ids(tree, "B1")) == 2
    assert rollups_differences() == {}


def test_donations_count_money_and_each_kind_of_goods_apart(users, tree):
    admin = users["sub_admin"]
    s = ids(tree, "S")
    gift = money(admin, tree["S"], "50000", on=date(2020, 6, 1))
    masks = goods(admin, tree["S"], "口罩", "5000", "只", on=date(2020, 6, 2))
    goods(admin, tree["S"], "口罩", "20", "箱", on=date(2020, 6, 2))
    year = {"start": date(2020, 1, 1), "end": date(2020, 12, 31)}
    assert figure("donations_money", units=s, **year) == Decimal("50000.00")
    assert figures_by_key("donations_goods", units=s, **year) == {
        f"口罩{KEY_SEPARATOR}只": Decimal("5000.00"),
        f"口罩{KEY_SEPARATOR}箱": Decimal("20.00"),
    }
    gift = donation_update(
        actor=admin, donation_id=gift.pk, version=gift.version, amount="50000.50", donated_on=date(2021, 1, 1)
    )
    assert figure("donations_money", units=s, **year) == 0
    assert figure("donations_money", units=s) == Decimal("50000.50")
    # Money turned into goods (a correction of the kind), then moved to a community.
    gift = donation_update(
        actor=admin,
        donation_id=gift.pk,
        version=gift.version,
        kind=DonationKind.GOODS,
        item="口罩",
        quantity="100",
        quantity_unit="只",
        org_unit=tree["C1"],
    )
    assert figure("donations_money", units=s) == 0
    assert figure("donations_goods", units=ids(tree, "C1"), key=f"口罩{KEY_SEPARATOR}只") == Decimal("100.00")
    donation_delete(actor=admin, donation_id=masks.pk, version=masks.version)
    assert figures_by_key("donations_goods", units=s, **year) == {f"口罩{KEY_SEPARATOR}箱": Decimal("20.00")}
    assert rollups_differences() == {}


@pytest.mark.usefixtures("registered")
def test_an_import_counts_its_activities_participants_and_hours(users, tree, tmp_path):
    report = run(users, tree, activity_workbook(tmp_path / "活动.xlsx", GOOD_ROWS))
    assert report.committed
    c1 = ids(tree, "C1")
    assert figure("activities_held", units=c1) == 1  # the forum; the volunteer service is planned
    assert figure("participation", units=c1) == 3
    assert VolunteerHours.objects.count() == 2 and figure("volunteer_hours", units=c1) == 0  # pending
    assert rollups_differences() == {}


def test_more_rows_for_an_activity_on_file_count_too(users, tree, tmp_path):
    run(users, tree, activity_workbook(tmp_path / "一.xlsx", [forum_row(参与人姓名="王五", 是否出席="是")]))
    run(users, tree, activity_workbook(tmp_path / "二.xlsx", [forum_row(参与人姓名="赵六", 是否出席="是")]))
    assert Activity.objects.count() == 1
    assert figure("participation", units=ids(tree, "C1")) == 2
    assert figure("activities_held", units=ids(tree, "C1")) == 1
    assert rollups_differences() == {}


def test_after_the_demo_every_measure_agrees_with_its_records(db):
    from concentric.shell.demo import load_demo

    load_demo()
    assert Participant.objects.filter(attended=True, activity__status="held").exists()
    assert VolunteerHours.objects.filter(status="approved").exists() and Donation.objects.exists()
    assert rollups_differences() == {}
    everything = [measure.key for measure in registry.measures()]
    assert {"activities_held", "items_published", "members"} <= set(everything)


OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "plan",
                "shift",
                "move",
                "retype",
                "held",
                "cancel",
                "replan",
                "delete",
                "guest",
                "attend",
                "check_in",
                "remove",
                "hours",
                "approve",
                "correct",
                "unrecord",
                "toggle_type",
                "money",
                "goods",
                "edit_donation",
                "drop_donation",
            ]
        ),
        st.integers(min_value=0, max_value=9),
        st.integers(min_value=0, max_value=9),
    ),
    min_size=1,
    max_size=15,
)


def _apply(operation, first, second, number, *, admin, sysadmin, units, kinds, plan):
    """One write of the sequence; a write the services refuse (hours of an activity not held …) is
    skipped, as a user would be told."""
    activities = list(Activity.objects.order_by("pk"))
    participants = list(Participant.objects.order_by("pk"))
    entries = list(VolunteerHours.objects.order_by("pk"))
    donations = list(Donation.objects.order_by("pk"))
    activity = activities[first % len(activities)] if activities else None
    participant = participants[first % len(participants)] if participants else None
    entry = entries[first % len(entries)] if entries else None
    donation = donations[first % len(donations)] if donations else None
    if operation == "plan" or activity is None:
        plan(f"活动{number}", unit=units[first % 3].code, actor="sub_admin", days=-1 - second, type=kinds[second % 2])
    elif operation == "shift":
        activity_update(
            actor=admin,
            activity_id=activity.pk,
            version=activity.version,
            starts_at=activity.starts_at - timedelta(days=second),
            ends_at=activity.ends_at - timedelta(days=second),
        )
    elif operation == "move":
        activity_update(actor=admin, activity_id=activity.pk, version=activity.version, org_unit=units[second % 3])
    elif operation == "retype":
        activity_update(actor=admin, activity_id=activity.pk, version=activity.version, type=kinds[second % 2])
    elif operation in ("held", "cancel", "replan"):
        status = {"held": "held", "cancel": "cancelled", "replan": "planned"}[operation]
        activity_set_status(actor=admin, activity_id=activity.pk, version=activity.version, status=status, reason="改")
    elif operation == "delete":
        activity_delete(actor=admin, activity_id=activity.pk, version=activity.version)
    elif operation == "guest":
        participant_add_guest(actor=admin, activity_id=activity.pk, guest_name=f"客{number}", attended=second % 2 == 0)
    elif operation == "attend" and participant is not None:
        participant_update(
            actor=admin, participant_id=participant.pk, version=participant.version, attended=not participant.attended
        )
    elif operation == "check_in":
        check_in(
            token=token_for(activity),
            name=f"到{second}",
            digits=f"{1000 + second}",
            now=activity.starts_at + timedelta(minutes=10),
        )
    elif operation == "remove" and participant is not None:
        participant_remove(actor=admin, participant_id=participant.pk, version=participant.version)
    elif operation == "hours" and participant is not None:
        hours_record(actor=admin, participant_id=participant.pk, hours=f"{1 + second}.5")
    elif operation == "approve" and entry is not None:
        hours_approve(actor=admin, hours_id=entry.pk)
    elif operation == "correct" and entry is not None:
        hours_correct(actor=admin, hours_id=entry.pk, hours=f"{2 + second}", note="更正")
    elif operation == "unrecord" and entry is not None:
        hours_delete(actor=admin, hours_id=entry.pk)
    elif operation == "toggle_type":
        kind = kinds[second % 2]
        kind.refresh_from_db()
        activity_type_update(
            actor=sysadmin, type_id=kind.pk, version=kind.version, is_volunteering=not kind.is_volunteering
        )
    elif operation == "money":
        money(admin, units[first % 3], f"{first}{second}.25", on=date(2025, 1 + second, 1 + first))
    elif operation == "goods":
        goods(
            admin,
            units[first % 3],
            ["口罩", "大米"][second % 2],
            f"{1 + first}",
            ["只", "箱"][first % 2],
            on=date(2025, 4, 1),
        )
    elif operation == "edit_donation" and donation is not None:
        changes = {"donated_on": donation.donated_on - timedelta(days=second), "org_unit": units[second % 3]}
        if donation.kind == DonationKind.MONEY:
            changes["amount"] = f"{1 + second}.10"
        else:
            changes["quantity"] = f"{1 + second}"
        donation_update(actor=admin, donation_id=donation.pk, version=donation.version, **changes)
    elif operation == "drop_donation" and donation is not None:
        donation_delete(actor=admin, donation_id=donation.pk, version=donation.version)


def _start(*, admin, units, kinds, plan) -> None:
    """What every sequence starts from, so that its writes reach every measure: a held volunteer
    service with attendees, approved and pending hours and one who did not come; a planned forum;
    a gift of money and one of goods."""
    service = held(admin, plan("志愿服务", unit=units[0].code, actor="sub_admin", days=-3, type=kinds[1]))
    came = [
        participant_add_guest(actor=admin, activity_id=service.pk, guest_name=name, attended=True)
        for name in ("甲", "乙")
    ]
    participant_add_guest(actor=admin, activity_id=service.pk, guest_name="丙")
    hours_approve(actor=admin, hours_id=hours_record(actor=admin, participant_id=came[0].pk, hours="2").pk)
    hours_record(actor=admin, participant_id=came[1].pk, hours="1.5")
    plan("座谈会", unit=units[1].code, actor="sub_admin", days=-2, type=kinds[0])
    money(admin, units[2], "100.50", on=date(2025, 3, 1))
    goods(admin, units[0], "口罩", "500", "只", on=date(2025, 3, 2))


# Every kind of write at least once, each where it moves a figure (indices into the records as
# _start leaves them: the service is activity 0, 甲 乙 丙 its participants, 甲's approved entry 0).
TOUR = [
    ("attend", 2, 0),  # 丙 came after all
    ("remove", 2, 0),  # … and is taken off
    ("guest", 0, 0),
    ("check_in", 0, 1),
    ("hours", 2, 3),  # the new guest's hours, pending
    ("approve", 1, 0),  # 乙's
    ("correct", 0, 1),  # 甲's approved entry …
    ("approve", 3, 0),  # … replaced by its correction
    ("unrecord", 2, 0),
    ("toggle_type", 0, 1),
    ("toggle_type", 0, 1),
    ("shift", 0, 2),
    ("move", 0, 1),
    ("retype", 0, 0),
    ("retype", 0, 1),
    ("replan", 0, 0),
    ("held", 0, 0),
    ("held", 1, 0),  # the forum
    ("toggle_type", 0, 0),  # forums count as volunteer service from now on
    ("cancel", 1, 0),  # refused: it is held
    ("guest", 1, 0),
    ("delete", 1, 0),  # with its attendee
    ("money", 1, 2),
    ("goods", 2, 1),
    ("edit_donation", 0, 1),
    ("edit_donation", 1, 2),
    ("drop_donation", 1, 0),
    ("plan", 0, 0),
    ("cancel", 1, 0),
]


@pytest.mark.django_db(transaction=False)
@example(operations=TOUR)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=OPERATIONS)
def test_tallies_equal_a_recount_after_any_sequence_of_writes(operations, users, tree, types, plan):
    units = [tree["C1"], tree["C2"], tree["B1"]]
    kinds = [types["座谈交流"], types["志愿服务"]]
    with transaction.atomic():
        _start(admin=users["sub_admin"], units=units, kinds=kinds, plan=plan)
        for number, (operation, first, second) in enumerate(operations):
            try:
                with transaction.atomic():
                    _apply(
                        operation,
                        first,
                        second,
                        number,
                        admin=users["sub_admin"],
                        sysadmin=users["sysadmin"],
                        units=units,
                        kinds=kinds,
                        plan=plan,
                    )
            except (ValidationError, PermissionDenied):
                pass  # refused, nothing written
        assert rollups_differences() == {}
        everywhere = [unit.pk for unit in units]
        for key in KEYS:
            assert figures_by_key(key, units=everywhere) == figures_by_key(key, units=everywhere, source=LIVE), key
            assert figures_by_unit(key, units=everywhere) == figures_by_unit(key, units=everywhere, source=LIVE), key
        transaction.set_rollback(True)
