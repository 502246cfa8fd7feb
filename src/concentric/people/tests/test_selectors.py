"""Reads: person_get answers 404 out of scope; the path board counts through aggregates."""

from datetime import date

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from concentric.core.kit.filters import FiltersInvalid
from concentric.people.selectors import person_get, person_list, stage_board
from concentric.people.services import person_path_record

TODAY = date(2026, 6, 1)


def test_person_get_is_404_outside_scope(register, users):
    c2_person = register("王五", unit="C2", actor="c2_staff")
    assert person_get(user=users["sub_staff"], pk=c2_person.pk) == c2_person
    with pytest.raises(Http404):
        person_get(user=users["c1_staff"], pk=c2_person.pk)


def test_person_list_filters(register, users, tree, categories):
    first = register("甲", birth_date=date(1960, 1, 1), political_affiliation="cdl", tier="representative")
    second = register("乙", birth_date=date(1990, 1, 1), category="religious")
    register("丙", unit="C2", actor="c2_staff", political_affiliation="cdl")
    staff = users["sub_staff"]

    def pks(**filters):
        return sorted(person_list(user=staff, filters=filters).values_list("pk", flat=True))

    assert pks(unit=tree["C1"].pk) == sorted([first.pk, second.pk])
    assert pks(unit=tree["C1"].pk, political_affiliation="cdl") == [first.pk]
    assert pks(category=categories["religious"].pk) == [second.pk]
    assert pks(age_min=25, age_max=50) == [second.pk]  # born 1990, not 1960
    assert pks(tier="representative") == [first.pk]


def test_person_list_refuses_a_unit_outside_the_scope(register, users, tree):
    with pytest.raises(FiltersInvalid) as refused:
        person_list(user=users["c1_staff"], filters={"unit": tree["C2"].pk})
    assert list(refused.value.errors) == ["unit"]


def test_stage_board_counts_stuck_people_and_this_years_recommendations(register, users, tree):
    actor = users["sub_staff"]
    people = [register(name) for name in ("甲", "乙", "丙", "丁")]
    register("戊", unit="C2", actor="c2_staff")

    def record(person, stage, kind, day):
        person_path_record(actor=actor, person_id=person.pk, stage=stage, kind=kind, occurred_on=day)

    record(people[0], "discover", "source", date(2024, 1, 1))
    record(people[1], "cultivate", "training", date(2026, 3, 1))
    record(people[2], "use", "recommendation", date(2026, 2, 1))
    record(people[2], "use", "recommendation", date(2026, 4, 1))
    record(people[3], "use", "recommendation", date(2025, 12, 31))
    with CaptureQueriesContext(connection) as queries:
        board = stage_board(user=actor, unit=tree["C1"], stuck_after_days=365, today=TODAY)
    assert board["per_stage"] == {"discover": 1, "cultivate": 1, "use": 2, "manage": 0, "": 0}
    assert [p.name for p in board["stuck"]] == ["甲"]
    assert (board["stuck_count"], board["recommendations_this_year"], board["recommended_people_this_year"]) == (
        1,
        2,
        1,
    )
    assert len(queries) <= 6
    whole = stage_board(user=users["sub_staff"], today=TODAY)
    assert whole["per_stage"][""] == 1
    assert stage_board(user=users["c2_staff"], today=TODAY)["per_stage"] == {
        "discover": 0,
        "cultivate": 0,
        "use": 0,
        "manage": 0,
        "": 1,
    }
