"""The stage derived from path events, and categories counting each person once."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count

from concentric.audit.models import AuditEvent
from concentric.people.models import Category, PathEvent, Person
from concentric.people.services import (
    category_create,
    category_update,
    person_path_delete,
    person_path_record,
    person_update,
)


def stage_of(person) -> tuple:
    person = Person.objects.get(pk=person.pk)
    return person.stage, person.stage_since


def test_seeded_dictionary_has_the_official_twelve_the_four_groups_and_the_local_ones(categories):
    top_official = Category.objects.filter(is_official=True, parent=None)
    assert top_official.count() == 12
    groups = Category.objects.filter(parent__code="new-social-strata").values_list("name", flat=True)
    assert sorted(groups) == sorted(
        ["私营企业和外资企业的管理技术人员", "中介组织和社会组织从业人员", "自由职业人员", "新媒体从业人员"]
    )
    assert sorted(Category.objects.filter(is_official=False).values_list("name", flat=True)) == [
        "新乡贤",
        "新生代企业家",
    ]


def test_each_person_is_counted_once_by_main_category(register, categories, users):
    register("甲", category="non-party", categories=[categories["religious"], categories["ethnic-minority"]])
    register("乙", category="religious", categories=[categories["non-party"]])
    register("丙", category="new-strata-freelance")
    third = register("丁", category="religious")
    person_update(actor=users["c1_staff"], person_id=third.pk, version=1, main_category=categories["taiwan"])
    by_main = dict(Person.objects.values_list("main_category__code").annotate(n=Count("id")).order_by())
    assert by_main == {"non-party": 1, "religious": 1, "new-strata-freelance": 1, "taiwan": 1}
    assert sum(by_main.values()) == Person.objects.count() == 4
    # The main category is always among the categories, even after it changed.
    for person in Person.objects.all():
        assert person.categories.filter(pk=person.main_category_id).exists()


def test_stage_follows_the_latest_event_by_date_whatever_the_order_of_entry(register, users):
    person = register("张三")
    actor = users["c1_staff"]
    use = person_path_record(
        actor=actor, person_id=person.pk, stage="use", kind="recommendation", occurred_on=date(2023, 5, 1)
    )
    assert stage_of(person) == ("use", date(2023, 5, 1))
    person_path_record(actor=actor, person_id=person.pk, stage="discover", kind="source", occurred_on=date(2020, 1, 1))
    assert stage_of(person) == ("use", date(2023, 5, 1))
    person_path_record(actor=actor, person_id=person.pk, stage="use", kind="post", occurred_on=date(2024, 2, 1))
    assert stage_of(person) == ("use", date(2023, 5, 1))  # still in the run that began in 2023
    cultivate = person_path_record(
        actor=actor, person_id=person.pk, stage="cultivate", kind="training", occurred_on=date(2024, 2, 1)
    )
    assert stage_of(person) == ("cultivate", date(2024, 2, 1))  # same date: the later id wins
    person_path_delete(actor=actor, event_id=cultivate.pk)
    assert stage_of(person) == ("use", date(2023, 5, 1))
    person_path_delete(actor=actor, event_id=use.pk)
    assert stage_of(person) == ("use", date(2024, 2, 1))
    for event in PathEvent.objects.filter(person=person):
        person_path_delete(actor=actor, event_id=event.pk)
    assert stage_of(person) == ("", None)
    assert AuditEvent.objects.filter(object_type="people.pathevent").count() == 8


def test_an_event_kind_must_belong_to_its_stage_and_scope_applies(register, users):
    person = register("张三")
    with pytest.raises(ValidationError) as caught:
        person_path_record(
            actor=users["c1_staff"],
            person_id=person.pk,
            stage="discover",
            kind="training",
            occurred_on=date(2024, 1, 1),
        )
    assert "kind" in caught.value.message_dict
    from django.http import Http404

    with pytest.raises(Http404):
        person_path_record(
            actor=users["c2_staff"], person_id=person.pk, stage="discover", kind="source", occurred_on=date(2024, 1, 1)
        )
    assert (PathEvent.objects.count(), stage_of(person)) == (0, ("", None))


def test_category_dictionary_is_edited_by_administrators_only(users, categories):
    before = list(Category.objects.order_by("pk").values())
    with pytest.raises(PermissionDenied):
        category_create(actor=users["c1_staff"], code="x", name="某类")
    assert list(Category.objects.order_by("pk").values()) == before
    created = category_create(actor=users["sysadmin"], code="returned-talent", name="返乡人才")
    updated = category_update(actor=users["c1_admin"], category_id=created.pk, version=1, is_active=False)
    assert (updated.version, updated.is_active) == (2, False)
    with pytest.raises(ValidationError):
        category_create(actor=users["sysadmin"], code="nested", name="嵌套", parent=categories["new-strata-freelance"])
    assert list(
        AuditEvent.objects.filter(object_type="people.category").values_list("action", flat=True).order_by("id")
    ) == ["create", "update"]
