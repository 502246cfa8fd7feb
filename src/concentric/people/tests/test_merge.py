"""Merging two records: everything moves to the one kept, cases close, one audit event."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from concentric.audit.models import AuditEvent
from concentric.people.crud import Arrangements, Contacts, Honours, Relatives, Trainings
from concentric.people.models import (
    Arrangement,
    ContactRecord,
    DuplicateCase,
    DuplicateStatus,
    FamilyMember,
    Honour,
    PathEvent,
    Person,
    PersonSearchToken,
    Training,
)
from concentric.people.search import person_search_filter
from concentric.people.services import person_merge, person_path_record, person_tag_add, person_update
from concentric.people.tests.conftest import id_number

REMOVE_ID = id_number("19800315", "201")


@pytest.fixture
def pair(register, users, categories):
    actor = users["c1_staff"]
    keep = register("张三", birth_date=date(1980, 3, 15), phone="13812345678", occupation="教师")
    remove = register(
        "张叁",
        id_number=REMOVE_ID,
        phone="13900001111",
        categories=[categories["religious"]],
        category="democratic-party",
    )
    third = register("张叁", birth_date=date(1980, 3, 15), unit="C1")
    person_update_case = DuplicateCase.objects.create(person_a=keep, person_b=remove, reason="name_birth")
    Arrangements.create(actor=actor, parent_id=remove.pk, kind="cppcc_member", term="第十届")
    Honours.create(actor=actor, parent_id=remove.pk, name="优秀政协委员")
    Trainings.create(actor=actor, parent_id=remove.pk, name="党外干部培训班")
    Relatives.create(actor=actor, parent_id=remove.pk, relation="子", name="张小", phone="13700002222")
    Contacts.create(
        actor=actor, parent_id=remove.pk, contacted_on=date(2024, 1, 2), staff="王", method="visit", summary="走访"
    )
    Honours.create(actor=actor, parent_id=keep.pk, name="先进个人")
    person_path_record(actor=actor, person_id=keep.pk, stage="discover", kind="source", occurred_on=date(2020, 1, 1))
    person_path_record(
        actor=actor, person_id=remove.pk, stage="use", kind="recommendation", occurred_on=date(2023, 1, 1)
    )
    person_tag_add(actor=actor, person_id=remove.pk, name="重点")
    return {"keep": keep, "remove": remove, "third": third, "case": person_update_case}


def test_merge_moves_everything_and_is_audited_once(pair, users, categories):
    keep, remove, third = pair["keep"], pair["remove"], pair["third"]
    third_case = DuplicateCase.objects.get(person_a=remove, person_b=third)
    events_before = AuditEvent.objects.count()
    person_merge(
        actor=users["c1_staff"],
        keep_id=keep.pk,
        remove_id=remove.pk,
        field_choices={"id_number": "remove", "phone": "keep", "main_category": "remove"},
        keep_version=1,
        remove_version=remove.version,
    )
    assert list(Person.objects.order_by("pk").values_list("pk", flat=True)) == [keep.pk, third.pk]
    kept = Person.objects.get(pk=keep.pk)
    assert (kept.name, kept.id_number, kept.phone, kept.occupation, kept.version) == (
        "张三",
        REMOVE_ID,
        "13812345678",
        "教师",
        2,
    )
    assert kept.main_category.code == "democratic-party"
    assert set(kept.categories.values_list("code", flat=True)) == {"non-party", "democratic-party", "religious"}
    assert list(kept.tags.values_list("name", flat=True)) == ["重点"]
    for model, expected in (
        (Arrangement, 1),
        (Honour, 2),
        (Training, 1),
        (FamilyMember, 1),
        (ContactRecord, 1),
        (PathEvent, 2),
    ):
        assert model.objects.filter(person=kept).count() == expected, model
        assert model.objects.count() == expected, model
    assert (kept.stage, kept.stage_since) == ("use", date(2023, 1, 1))
    assert not PersonSearchToken.objects.filter(person_id=remove.pk).exists()
    assert kept.former_names == "张叁"
    assert set(PersonSearchToken.objects.filter(person=kept).values_list("token", flat=True)) == {
        "n:张",
        "n:三",
        "n:张三",
        "n:叁",
        "n:张叁",
        "p:zhangsan",
        "i:zs",
        "t:5678",
    }
    cases = {case.pk: (case.person_a_id, case.person_b_id, case.status) for case in DuplicateCase.objects.all()}
    assert cases[pair["case"].pk] == (keep.pk, None, DuplicateStatus.MERGED)
    assert cases[third_case.pk] == (keep.pk, third.pk, DuplicateStatus.OPEN)
    assert len(cases) == 2
    (event,) = AuditEvent.objects.filter(id__gt=0).order_by("id")[events_before:]
    assert (event.action, event.object_id, event.changes["merged_record"]) == (
        "merge",
        str(keep.pk),
        [f"{remove.pk} 张叁", None],
    )
    assert event.changes["id_number"] == ["******", "******"]
    assert event.changes["moved_records"] == [
        None,
        "arrangement=1, contactrecord=1, familymember=1, honour=1, pathevent=1, training=1",
    ]


def test_merge_out_of_scope_is_refused_and_changes_nothing(pair, users):
    keep, remove = pair["keep"], pair["remove"]
    before = (
        list(Person.objects.order_by("pk").values()),
        Honour.objects.filter(person=remove).count(),
        AuditEvent.objects.count(),
    )
    with pytest.raises(Http404):
        person_merge(
            actor=users["c2_staff"],
            keep_id=keep.pk,
            remove_id=remove.pk,
            keep_version=keep.version,
            remove_version=remove.version,
        )
    with pytest.raises(Http404):
        person_merge(
            actor=users["c1_leader"],
            keep_id=keep.pk,
            remove_id=remove.pk,
            keep_version=keep.version,
            remove_version=remove.version,
        )
    after = (
        list(Person.objects.order_by("pk").values()),
        Honour.objects.filter(person=remove).count(),
        AuditEvent.objects.count(),
    )
    assert after == before


def test_names_that_do_not_survive_join_the_former_names_once(register, users):
    actor = users["c1_staff"]
    keep = register("王小明", former_names="王明")
    remove = register("王晓明", former_names="王明、王二")
    kept = person_merge(
        actor=actor,
        keep_id=keep.pk,
        remove_id=remove.pk,
        field_choices={"name": "remove"},
        keep_version=keep.version,
        remove_version=remove.version,
    )
    assert (kept.name, kept.former_names) == ("王晓明", "王明、王小明、王二")
    found = person_search_filter(Person.objects.all(), "王小明")
    assert list(found) == [kept]
    assert list(person_search_filter(Person.objects.all(), "wangxiaoming")) == [kept]
    assert list(person_search_filter(Person.objects.all(), "王二")) == [kept]


def test_the_same_name_is_not_repeated(register, users):
    keep, remove = register("张三"), register("张三", former_names="张三")
    kept = person_merge(
        actor=users["c1_staff"],
        keep_id=keep.pk,
        remove_id=remove.pk,
        keep_version=keep.version,
        remove_version=remove.version,
    )
    assert kept.former_names == ""


def test_overlong_former_names_refuse_the_merge_and_change_nothing(register, users):
    keep = register("张三", former_names="、".join(["张某某"] * 24))
    remove = register("张叁", former_names="张叁叁叁")
    with pytest.raises(ValidationError) as error:
        person_merge(
            actor=users["c1_staff"],
            keep_id=keep.pk,
            remove_id=remove.pk,
            keep_version=keep.version,
            remove_version=remove.version,
        )
    assert "former_names" in error.value.message_dict
    assert Person.objects.count() == 2


def test_suspected_duplicates_of_the_kept_record_are_checked_again(register, users):
    actor = users["c1_staff"]
    keep = register("李四", birth_date=date(1975, 6, 1))
    remove = register("李思")
    twin = register("李思", birth_date=date(1975, 6, 1), unit="C1")
    DuplicateCase.objects.all().delete()
    kept = person_merge(
        actor=actor,
        keep_id=keep.pk,
        remove_id=remove.pk,
        field_choices={"name": "remove"},
        keep_version=keep.version,
        remove_version=remove.version,
    )
    (case,) = DuplicateCase.objects.all()
    assert (case.person_a_id, case.person_b_id, case.reason, case.status) == (kept.pk, twin.pk, "name_birth", "open")
    # Merging again later keeps the one case and opens no second one.
    person_update(actor=actor, person_id=kept.pk, version=kept.version, occupation="医生")
    assert DuplicateCase.objects.count() == 1
