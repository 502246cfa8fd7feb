"""The registry's measures: the tallies written with each change equal a recount of the records,
whatever the sequence of registrations, edits, moves, merges, path steps and deletions."""

from datetime import date, timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from concentric.people.models import Departure, Person
from concentric.people.services import (
    person_delete,
    person_merge,
    person_move_unit,
    person_path_delete,
    person_path_record,
    person_update,
)
from concentric.rollups.selectors import LIVE, figure, figures_by_key, figures_by_unit
from concentric.rollups.services import rollups_differences, rollups_rebuild, tallies


def unit_ids(tree, *codes):
    return [tree[code].pk for code in codes]


def test_a_registration_counts_on_its_day_for_its_unit_and_main_category(register, tree, categories):
    today = timezone.localdate()
    register("张三", category="non-party")
    register("李四", category="religious")
    register("王五", unit="C2", actor="sub_staff", category="religious")
    c1 = unit_ids(tree, "C1")
    assert figure("members", units=c1) == 2
    assert figure("members", units=unit_ids(tree, "C1", "C2")) == 3
    assert figure("members_registered", units=c1, start=today, end=today) == 2
    assert figure("members_registered", units=c1, start=today + timedelta(days=1)) == 0
    assert figures_by_key("members", units=unit_ids(tree, "C1", "C2")) == {
        str(categories["non-party"].pk): 1,
        str(categories["religious"].pk): 2,
    }
    assert figures_by_unit("members", units=unit_ids(tree, "C1", "C2")) == {tree["C1"].pk: 2, tree["C2"].pk: 1}
    assert rollups_differences() == {}


def test_a_move_changes_categories_and_units_and_a_departure_takes_the_member_off(register, users, tree, categories):
    today = timezone.localdate()
    person = register("张三")
    person = person_update(
        actor=users["c1_staff"], person_id=person.pk, version=person.version, main_category=categories["religious"]
    )
    assert figures_by_key("members", units=unit_ids(tree, "C1")) == {str(categories["religious"].pk): 1}
    person = person_move_unit(
        actor=users["sub_staff"], person_id=person.pk, version=person.version, org_unit=tree["C2"]
    )
    assert figure("members", units=unit_ids(tree, "C1")) == 0
    assert figure("members", units=unit_ids(tree, "C2")) == 1

    person_delete(actor=users["sub_staff"], person_id=person.pk, version=person.version)
    departure = Departure.objects.get()
    assert (departure.org_unit_id, departure.registered_on, departure.removed_on) == (tree["C2"].pk, today, today)
    # Registered and removed on the same day: no increase, and the registration still happened.
    assert figure("members", units=unit_ids(tree, "C2")) == 0
    assert figure("members_registered", units=unit_ids(tree, "C2"), start=today, end=today) == 1
    assert rollups_differences() == {}


def test_a_departure_counts_in_the_month_it_happens(register, users, tree):
    """Registered in January, removed today: January keeps its increase; today's month loses one."""
    person = register("张三")
    january = date(timezone.localdate().year - 1, 1, 15)
    Person.objects.filter(pk=person.pk).update(created_at=timezone.make_aware(timezone.datetime(2025, 1, 15, 10)))
    rollups_rebuild()
    person.refresh_from_db()
    person_delete(actor=users["c1_staff"], person_id=person.pk, version=person.version)
    c1 = unit_ids(tree, "C1")
    today = timezone.localdate()
    assert figure("members", units=c1, start=date(2025, 1, 1), end=date(2025, 1, 31)) == 1
    assert figure("members", units=c1, start=today.replace(day=1), end=today) == -1
    assert figure("members", units=c1) == 0
    assert january.month == 1 and rollups_differences() == {}


def test_a_merged_duplicate_was_never_a_second_member(register, users, tree):
    keep = register("张三")
    remove = register("张叁", category="religious")
    assert figure("members", units=unit_ids(tree, "C1")) == 2
    person_merge(
        actor=users["c1_staff"],
        keep_id=keep.pk,
        remove_id=remove.pk,
        keep_version=keep.version,
        remove_version=remove.version,
    )
    assert figure("members", units=unit_ids(tree, "C1")) == 1
    assert figure("members_registered", units=unit_ids(tree, "C1")) == 1
    assert not Departure.objects.exists()
    assert rollups_differences() == {}


def test_path_steps_move_stages_and_put_forward_count(register, users, tree):
    person = register("张三")
    event = person_path_record(
        actor=users["c1_staff"], person_id=person.pk, stage="use", kind="recommendation", occurred_on=date(2026, 3, 2)
    )
    c1 = unit_ids(tree, "C1")
    assert figures_by_key("members_by_stage", units=c1) == {"use": 1}
    assert figure("recommendations", units=c1, start=date(2026, 3, 1), end=date(2026, 3, 31)) == 1
    person_path_delete(actor=users["c1_staff"], event_id=event.pk)
    assert figures_by_key("members_by_stage", units=c1) == {"": 1}
    assert figure("recommendations", units=c1) == 0
    assert rollups_differences() == {}


def test_tallies_nested_over_the_same_records_are_refused(register):
    person = register("张三")
    with pytest.raises(RuntimeError, match="same records"), transaction.atomic(), tallies(person), tallies(person):
        pass


OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(["register", "recategorise", "move", "delete", "merge", "step", "unstep"]),
        st.integers(min_value=0, max_value=9),
        st.integers(min_value=0, max_value=9),
    ),
    min_size=1,
    max_size=12,
)


@pytest.mark.django_db(transaction=False)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=OPERATIONS)
def test_tallies_equal_a_recount_after_any_sequence_of_writes(operations, register, users, tree, categories):
    actor = users["sub_staff"]
    units = [tree["C1"], tree["C2"], tree["B1"]]
    kinds = list(categories.values())[:3]
    with transaction.atomic():
        for number, (operation, first, second) in enumerate(operations):
            people = list(Person.objects.order_by("pk"))
            if operation == "register" or not people:
                register(
                    f"成员{number}", unit=units[first % 3].code, actor="sub_staff", category=kinds[second % 3].code
                )
                continue
            person = people[first % len(people)]
            if operation == "recategorise":
                person_update(actor=actor, person_id=person.pk, version=person.version, main_category=kinds[second % 3])
            elif operation == "move":
                person_move_unit(actor=actor, person_id=person.pk, version=person.version, org_unit=units[second % 3])
            elif operation == "delete":
                person_delete(actor=actor, person_id=person.pk, version=person.version)
            elif operation == "merge" and len(people) > 1:
                other = people[second % len(people)]
                if other.pk != person.pk:
                    person_merge(
                        actor=actor,
                        keep_id=person.pk,
                        remove_id=other.pk,
                        keep_version=person.version,
                        remove_version=other.version,
                    )
            elif operation == "step":
                stage = ["discover", "cultivate", "use"][second % 3]
                kind = {"discover": "source", "cultivate": "training", "use": "recommendation"}[stage]
                person_path_record(
                    actor=actor,
                    person_id=person.pk,
                    stage=stage,
                    kind=kind,
                    occurred_on=date(2026, 1 + second, 1 + first),  # within 2026 (not in the future)
                )
            elif operation == "unstep" and person.path_events.exists():
                person_path_delete(actor=actor, event_id=person.path_events.order_by("pk").first().pk)
        assert rollups_differences() == {}
        everywhere = [unit.pk for unit in units]
        for key in ("members", "members_registered", "members_by_stage", "recommendations"):
            assert figures_by_key(key, units=everywhere) == figures_by_key(key, units=everywhere, source=LIVE), key
            assert figures_by_unit(key, units=everywhere) == figures_by_unit(key, units=everywhere, source=LIVE), key
        transaction.set_rollback(True)


def test_the_stages_are_ordered_along_the_path_not_by_their_codes():
    from concentric.rollups.selectors import measure

    stages = measure("members_by_stage")
    assert stages.ordered(["", "use", "manage", "cultivate", "discover"]) == [
        "discover",
        "cultivate",
        "use",
        "manage",
        "",
    ]
    assert measure("members").ordered(["9", "10"]) == ["10", "9"]  # no order of its own: as they sort
