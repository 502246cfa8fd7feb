"""Person services: validation, optimistic locking, scope refusals, duplicates, audit, encryption."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404

from concentric.audit.models import AuditEvent
from concentric.core.auditing import REDACTED
from concentric.core.services import StaleRecord
from concentric.people.models import DuplicateCase, DuplicateReason, DuplicateStatus, Person, PersonSearchToken
from concentric.people.services import (
    duplicate_dismiss,
    person_delete,
    person_move_unit,
    person_tag_add,
    person_tag_remove,
    person_unmask,
    person_update,
)
from concentric.people.tests.conftest import id_number

ZHANG_ID = id_number("19800315", "201")


def person_rows() -> list[dict]:
    return list(Person.objects.order_by("pk").values())


def token_rows() -> list[tuple]:
    return list(PersonSearchToken.objects.order_by("person_id", "token").values_list("person_id", "token"))


def test_create_normalises_and_fills_birth_date_and_gender_from_the_id_number(register, categories):
    person = register(
        "  张三 ",
        id_number=ZHANG_ID.lower()[:-1] + ZHANG_ID[-1].lower(),
        phone="１３８ １２３４-５６７８",
        phone2="0571-87654321",
        categories=[categories["democratic-party"]],
    )
    person = Person.objects.get(pk=person.pk)
    assert (person.name, person.id_number, person.phone, person.phone2) == (
        "张三",
        ZHANG_ID,
        "13812345678",
        "057187654321",
    )
    assert (person.birth_date, person.gender, person.version, person.stage) == (date(1980, 3, 15), "male", 1, "")
    assert set(person.categories.values_list("code", flat=True)) == {"non-party", "democratic-party"}
    assert person.name_pinyin == "zhangsan zs"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "张" * 51}, "name"),
        ({"name": "张\x00三"}, "name"),
        ({"name": "张\u200b三"}, "name"),
        ({"name": "张三", "phone": "12345"}, "phone"),
        ({"name": "张三", "phone2": "23812345678"}, "phone2"),
        ({"name": "张三", "id_number": ZHANG_ID[:-1] + ("0" if ZHANG_ID[-1] != "0" else "1")}, "id_number"),
        ({"name": "张三", "id_number": ZHANG_ID, "birth_date": date(1980, 3, 16)}, "id_number"),
        ({"name": "张三", "id_type": "passport", "id_number": "E1"}, "id_number"),
        ({"name": "张三", "political_affiliation": "whig"}, "political_affiliation"),
    ],
)
def test_invalid_values_are_refused_and_nothing_is_written(register, values, field):
    name = values.pop("name")
    with pytest.raises(ValidationError) as caught:
        register(name, **values)
    assert field in caught.value.message_dict
    assert (Person.objects.count(), PersonSearchToken.objects.count(), AuditEvent.objects.count()) == (0, 0, 0)


GENDER_CONTRADICTED = "身份证号码第 17 位对应的性别为“{}”，与所填性别不一致，请更正有误的一项。"


def test_an_empty_gender_is_taken_from_the_17th_digit(register):
    woman = register("李梅", id_number=id_number("19850101", "202"))
    assert Person.objects.get(pk=woman.pk).gender == "female"


@pytest.mark.parametrize(("sequence", "gender", "derived"), [("201", "female", "男"), ("202", "male", "女")])
def test_a_gender_the_resident_id_contradicts_is_refused_on_the_gender_field(register, sequence, gender, derived):
    with pytest.raises(ValidationError) as caught:
        register("张三", id_number=id_number("19800315", sequence), gender=gender)
    assert caught.value.message_dict == {"gender": [GENDER_CONTRADICTED.format(derived)]}
    assert (person_rows(), token_rows(), AuditEvent.objects.count()) == ([], [], 0)


def test_changing_the_gender_against_the_id_number_is_refused_and_changes_nothing(register, users):
    person = register("张三", id_number=ZHANG_ID)
    before, events = person_rows(), AuditEvent.objects.count()
    with pytest.raises(ValidationError) as caught:
        person_update(actor=users["c1_staff"], person_id=person.pk, version=1, gender="female")
    assert caught.value.message_dict == {"gender": [GENDER_CONTRADICTED.format("男")]}
    assert (person_rows(), AuditEvent.objects.count()) == (before, events)


def test_the_gender_is_not_checked_against_other_documents(register):
    person = register("John Smith", id_type="passport", id_number="E12345671", gender="female")
    assert Person.objects.get(pk=person.pk).gender == "female"


def test_passport_numbers_are_normalised_and_not_checked_as_resident_ids(register):
    person = register("John Smith", id_type="passport", id_number="e 1234 5678")
    assert Person.objects.get(pk=person.pk).id_number == "E12345678"


def test_update_with_a_stale_version_is_refused_and_changes_nothing(register, users):
    person = register("张三", phone="13812345678")
    person_update(actor=users["c1_staff"], person_id=person.pk, version=1, occupation="教师")
    before, tokens, events = person_rows(), token_rows(), AuditEvent.objects.count()
    with pytest.raises(StaleRecord):
        person_update(actor=users["c1_admin"], person_id=person.pk, version=1, name="李四", phone="13900001111")
    assert (person_rows(), token_rows(), AuditEvent.objects.count()) == (before, tokens, events)


def test_update_rewrites_tokens_and_bumps_the_version(register, users):
    person = register("张三", phone="13812345678")
    person_update(actor=users["c1_staff"], person_id=person.pk, version=1, name="李四", phone="13900001111")
    assert Person.objects.get(pk=person.pk).version == 2
    assert {t for _, t in token_rows()} == {"n:李", "n:四", "n:李四", "p:lisi", "i:ls", "t:1111"}


def test_c1_staff_cannot_see_create_update_or_delete_c2_people(register, users, tree):
    c2_person = register("王五", unit="C2", actor="c2_staff")
    before, tokens, events = person_rows(), token_rows(), AuditEvent.objects.count()
    c1_staff = users["c1_staff"]
    assert not Person.objects.visible_to(c1_staff).filter(pk=c2_person.pk).exists()
    with pytest.raises(PermissionDenied):
        register("赵六", unit="C2", actor="c1_staff")
    with pytest.raises(Http404):
        person_update(actor=c1_staff, person_id=c2_person.pk, version=1, name="改名")
    with pytest.raises(Http404):
        person_delete(actor=c1_staff, person_id=c2_person.pk, version=1)
    with pytest.raises(Http404):
        person_tag_add(actor=c1_staff, person_id=c2_person.pk, name="重点")
    assert (person_rows(), token_rows(), AuditEvent.objects.count()) == (before, tokens, events)


def test_moving_a_person_needs_both_units_and_leaders_cannot_write(register, users, tree):
    person = register("张三")
    before, events = person_rows(), AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        person_move_unit(actor=users["c1_staff"], person_id=person.pk, version=1, org_unit=tree["C2"])
    with pytest.raises(Http404):
        person_update(actor=users["c1_leader"], person_id=person.pk, version=1, name="改名")
    assert (person_rows(), AuditEvent.objects.count()) == (before, events)
    person_move_unit(actor=users["sub_staff"], person_id=person.pk, version=1, org_unit=tree["C2"])
    assert Person.objects.get(pk=person.pk).org_unit == tree["C2"]


def test_same_id_number_in_scope_names_the_existing_record(register):
    existing = register("张三", id_number=ZHANG_ID)
    with pytest.raises(ValidationError) as caught:
        register("张叁", id_number=ZHANG_ID)
    (message,) = caught.value.message_dict["id_number"]
    assert message == f"该证件号码已有登记：张三，东坡社区。查看：/people/{existing.pk}/"
    assert list(Person.objects.values_list("pk", flat=True)) == [existing.pk]


def test_same_id_number_out_of_scope_reveals_neither_name_nor_unit(register):
    register("张三", unit="C2", actor="c2_staff", id_number=ZHANG_ID)
    before = person_rows()
    with pytest.raises(ValidationError) as caught:
        register("张叁", id_number=ZHANG_ID)
    (message,) = caught.value.message_dict["id_number"]
    assert message == "该证件号码已在您管辖范围以外的单位登记。请联系该单位或上级单位办理转移。"
    assert "张三" not in message and "岳王" not in message
    assert person_rows() == before


def test_in_scope_duplicate_links_to_the_record_when_pages_exist(register, settings):
    existing = register("张三", id_number=ZHANG_ID)
    with pytest.raises(ValidationError) as caught:
        register("张叁", id_number=ZHANG_ID)
    assert caught.value.message_dict["id_number"] == [
        f"该证件号码已有登记：张三，东坡社区。查看：/people/{existing.pk}/"
    ]


def test_suspected_duplicates_are_queued_without_blocking(register):
    first = register("张三", birth_date=date(1980, 3, 15), phone="13812345678")
    same_birth = register("张三", unit="C2", actor="c2_staff", birth_date=date(1980, 3, 15))
    same_phone = register("张三", phone2="138 1234 5678")
    register("李四", birth_date=date(1980, 3, 15), phone="13812345678")  # another name: no case
    cases = sorted(DuplicateCase.objects.values_list("person_a", "person_b", "reason", "status"))
    assert cases == [
        (first.pk, same_birth.pk, DuplicateReason.NAME_BIRTH, DuplicateStatus.OPEN),
        (first.pk, same_phone.pk, DuplicateReason.NAME_PHONE, DuplicateStatus.OPEN),
    ]
    assert Person.objects.count() == 4


def test_dismissed_cases_stay_dismissed_after_later_saves(register, users):
    first = register("张三", birth_date=date(1980, 3, 15))
    second = register("张三", birth_date=date(1980, 3, 15))
    case = DuplicateCase.objects.get()
    duplicate_dismiss(actor=users["c1_staff"], case_id=case.pk, reason="两个人")
    person_update(actor=users["c1_staff"], person_id=second.pk, version=1, occupation="医生")
    assert list(DuplicateCase.objects.values_list("person_a", "person_b", "status")) == [
        (first.pk, second.pk, DuplicateStatus.DISMISSED)
    ]


def test_every_write_records_one_event_with_sensitive_values_redacted(register, users):
    start = AuditEvent.objects.count()
    person = register("张三", id_number=ZHANG_ID, phone="13812345678", religion="buddhism")
    create = AuditEvent.objects.get(action="create", object_id=str(person.pk))
    assert create.changes["id_number"] == [REDACTED, REDACTED]
    assert create.changes["phone"] == [REDACTED, REDACTED]
    assert create.changes["religion"] == [REDACTED, REDACTED]
    assert create.changes["name"] == [None, "张三"]
    person_update(actor=users["c1_staff"], person_id=person.pk, version=1, phone="13900001111", occupation="教师")
    update = AuditEvent.objects.order_by("-id").first()
    assert (update.action, update.changes) == ("update", {"occupation": ["", "教师"], "phone": [REDACTED, REDACTED]})
    person_tag_add(actor=users["c1_staff"], person_id=person.pk, name="重点")
    person_tag_remove(actor=users["c1_staff"], person_id=person.pk, tag_id=person.tags.get().pk)
    assert AuditEvent.objects.count() - start == 4
    serialised = str(list(AuditEvent.objects.values_list("changes", flat=True)))
    for clear in (ZHANG_ID, "13812345678", "13900001111", "buddhism"):
        assert clear not in serialised


def test_unmask_needs_the_permission_and_a_reason_and_is_audited(register, users):
    person = register("张三", phone="13812345678")
    with pytest.raises(Http404):
        person_unmask(actor=users["c1_staff"], person_id=person.pk, field="phone", reason="核实")
    with pytest.raises(ValidationError):
        person_unmask(actor=users["c1_admin"], person_id=person.pk, field="phone", reason=" ")
    assert not AuditEvent.objects.filter(action="unmask").exists()
    assert person_unmask(actor=users["c1_admin"], person_id=person.pk, field="phone", reason="核实") == "13812345678"
    event = AuditEvent.objects.get(action="unmask")
    assert (event.actor_id, event.reason, event.changes) == (
        users["c1_admin"].pk,
        "核实",
        {"phone": [REDACTED, REDACTED]},
    )


def test_delete_removes_the_person_tokens_and_cases(register, users):
    first = register("张三", birth_date=date(1980, 3, 15))
    second = register("张三", birth_date=date(1980, 3, 15))
    person_delete(actor=users["c1_staff"], person_id=second.pk, version=1)
    assert list(Person.objects.values_list("pk", flat=True)) == [first.pk]
    assert not DuplicateCase.objects.exists()
    assert not PersonSearchToken.objects.filter(person_id=second.pk).exists()
    assert AuditEvent.objects.filter(action="delete", object_id=str(second.pk)).count() == 1


def test_sensitive_values_are_ciphertext_in_the_table(register):
    register(
        "张三",
        id_number=ZHANG_ID,
        phone="13812345678",
        household_address="杭州市上城区湖滨路1号",
        religion="buddhism",
        political_affiliation="cdl",
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM people_person")
        # Blind indexes as hex: the repr of their random bytes may spell anything ("\xcdl" holds "cdl").
        raw = " ".join(
            value.hex() if isinstance(value, bytes | memoryview) else str(value) for value in cursor.fetchone()
        )
    for clear in (ZHANG_ID, "13812345678", "湖滨路", "buddhism", "cdl"):
        assert clear not in raw
    assert "张三" in raw  # names stay searchable in clear
