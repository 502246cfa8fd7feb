"""Steps on the member's path kept from another line of work's records (people.services.path:
person_path_evidence / person_path_evidence_remove): written once per origin, brought up to date,
withdrawn, each with the stage derived again and an audit event; nothing when nothing changes."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.http import Http404

from concentric.audit.models import AuditEvent
from concentric.people.models import PathEvent, Person
from concentric.people.services.path import person_path_evidence, person_path_evidence_remove, person_path_record

ORIGIN = "activity-participant:7"


def stage_of(person) -> tuple:
    person = Person.objects.get(pk=person.pk)
    return person.stage, person.stage_since


def evidence(actor, person, **values):
    values = {"stage": "cultivate", "kind": "training", "occurred_on": date(2026, 9, 1), "source": "读书会"} | values
    return person_path_evidence(actor=actor, person_id=person.pk, origin=ORIGIN, **values)


def path_audits() -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type="people.pathevent").order_by("id").values_list("action", flat=True)
    )


def test_evidence_is_written_once_per_origin_and_kept_up_to_date(register, users):
    person = register("张三")
    actor = users["c1_staff"]
    first = evidence(actor, person)
    assert (first.origin, stage_of(person)) == (ORIGIN, ("cultivate", date(2026, 9, 1)))
    assert evidence(actor, person).pk == first.pk  # the same again: nothing written
    assert path_audits() == ["create"]
    moved = evidence(actor, person, stage="use", kind="speaking", occurred_on=date(2026, 9, 2))
    assert moved.pk == first.pk
    assert PathEvent.objects.filter(person=person).count() == 1
    assert stage_of(person) == ("use", date(2026, 9, 2))
    assert path_audits() == ["create", "change"]


def test_withdrawn_evidence_leaves_the_steps_entered_by_hand(register, users):
    person = register("张三")
    actor = users["c1_staff"]
    person_path_record(actor=actor, person_id=person.pk, stage="discover", kind="source", occurred_on=date(2026, 1, 1))
    evidence(actor, person)
    person_path_evidence_remove(actor=actor, origin=ORIGIN)
    assert list(PathEvent.objects.filter(person=person).values_list("kind", flat=True)) == ["source"]
    assert stage_of(person) == ("discover", date(2026, 1, 1))
    person_path_evidence_remove(actor=actor, origin=ORIGIN)  # nothing left to withdraw: nothing done
    assert path_audits() == ["create", "create", "delete"]


def test_evidence_moves_with_its_origin_to_another_member(register, users):
    first, second = register("张三"), register("李四")
    actor = users["c1_staff"]
    evidence(actor, first)
    evidence(actor, second)
    assert (stage_of(first), stage_of(second)) == (("", None), ("cultivate", date(2026, 9, 1)))
    assert PathEvent.objects.get(origin=ORIGIN).person_id == second.pk


def test_a_member_out_of_the_actors_scope_gets_no_evidence(register, users):
    person = register("张三")
    with pytest.raises(Http404):
        evidence(users["c2_staff"], person)
    assert PathEvent.objects.count() == 0


def test_a_kind_outside_its_stage_is_refused_and_one_origin_holds_one_step(register, users):
    from django.core.exceptions import ValidationError

    person = register("张三")
    with pytest.raises(ValidationError):
        evidence(users["c1_staff"], person, stage="discover", kind="speaking")
    assert PathEvent.objects.count() == 0
    evidence(users["c1_staff"], person)
    with pytest.raises(IntegrityError), transaction.atomic():
        PathEvent.objects.create(
            person=person, stage="manage", kind="visit", occurred_on=date(2026, 1, 1), origin=ORIGIN
        )
