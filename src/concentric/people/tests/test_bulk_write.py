"""The bulk writer (import commit, bench seeding) writes what the model fields would write."""

from datetime import date

import pytest
from django.db import connection

from concentric.core import crypto
from concentric.core.fields import EncryptedTextField
from concentric.people.bulk_write import NewPerson, PersonWriter
from concentric.people.models import Person, PersonSearchToken
from concentric.people.search import tokens_for
from concentric.people.tests.conftest import id_number

ENCRYPTED = {field.column for field in Person._meta.concrete_fields if isinstance(field, EncryptedTextField)}
STAMPS = {"id", "created_at", "updated_at"}


def values(tree, categories, **extra) -> dict:
    return {
        "org_unit_id": tree["C1"].pk,
        "main_category_id": categories["non-party"].pk,
        "name": "单晓明",
        "name_pinyin": "danxiaoming shanxiaoming",
        "former_names": "单小明、单明",
        "gender": "male",
        "ethnicity": "汉族",
        "birth_date": date(1980, 1, 2),
        "id_type": "resident_id",
        "id_number": id_number("19800102", "123"),
        "phone": "13812345678",
        "phone2": "0571-87654321",
        "household_address": "杭州市上城区东坡路1号",
        "residence_address": "",
        "work_address": "杭州市湖滨路2号",
        "education": "bachelor",
        "occupation": "教师",
        "work_unit": "某中学",
        "post": "",
        "title": "高级教师",
        "political_affiliation": "cdl",
        "party_joined_on": date(2005, 7, 1),
        "second_party": "",
        "religion": "buddhism",
        "overseas_status": "relative",
        "overseas_country": "美国",
        "remarks": "第一行\n第二行",
        "tier": "reserve",
    } | extra


def stored(pk: int) -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM people_person WHERE id = %s", [pk])
        names = [column[0] for column in cursor.description]
        return dict(zip(names, cursor.fetchone(), strict=True))


def comparable(row: dict) -> dict:
    """The stored row with ciphertext replaced by its plaintext (each encryption has its own nonce)."""
    result = {}
    for name, value in row.items():
        if name in STAMPS:
            continue
        if name in ENCRYPTED and value:
            assert value.startswith(crypto.CIPHERTEXT_PREFIX)
            value = ("encrypted", crypto.decrypt(value))
        result[name] = value
    return result


def test_written_rows_equal_what_bulk_create_writes(tree, categories):
    person_values = values(tree, categories)
    written = PersonWriter().write([NewPerson(person_values, [categories["non-party"].pk])])
    fast = stored(written.pks[0])
    Person.objects.filter(pk=written.pks[0]).delete()
    [orm] = Person.objects.bulk_create([Person(**person_values)])
    assert comparable(fast) == comparable(stored(orm.pk))
    assert fast["id_number_index"] == Person._meta.get_field("id_number_index").digest(person_values["id_number"])
    assert len(fast["phone2_index"]) == len(fast["religion_index"]) == 16 and fast["second_party_index"] is None
    assert fast["second_party"] == "" and fast["residence_address"] == ""


def test_defaults_fill_missing_fields_as_the_model_would(tree, categories):
    few = {"org_unit_id": tree["C1"].pk, "main_category_id": categories["non-party"].pk, "name": "李四"}
    written = PersonWriter().write([NewPerson(few)])
    fast = comparable(stored(written.pks[0]))
    [orm] = Person.objects.bulk_create([Person(**few)])
    assert fast == comparable(stored(orm.pk))
    assert fast["id_type"] == "resident_id" and fast["version"] == 1 and fast["birth_date"] is None


def test_pks_follow_the_order_and_tokens_and_categories_are_written(tree, categories):
    links = [categories["non-party"].pk, categories["ethnic-minority"].pk, categories["non-party"].pk]
    people = [
        NewPerson(
            values(tree, categories, name=name, id_number=id_number("19800102", f"{n:03d}"), phone=f"1391234{n:04d}"),
            links,
        )
        for n, name in enumerate(["张三", "李四", "王五", "曾六"])
    ]
    written = PersonWriter().write(people)
    assert [Person.objects.get(pk=pk).name for pk in written.pks] == ["张三", "李四", "王五", "曾六"]
    for pk in written.pks:
        person = Person.objects.get(pk=pk)
        written_tokens = set(PersonSearchToken.objects.filter(person=person).values_list("token", flat=True))
        assert written_tokens == tokens_for(person)
        assert set(person.categories.values_list("code", flat=True)) == {"non-party", "ethnic-minority"}
    assert written.digests["phone_index"][1] == Person._meta.get_field("phone_index").digest("13912340001")
    zeng = Person.objects.get(pk=written.pks[3])
    assert {"p:zengliu", "p:cengliu", "i:zl", "i:cl", "t:0003"} <= tokens_for(zeng)


def test_a_second_batch_continues_after_the_first(tree, categories):
    writer = PersonWriter()
    first = writer.write([NewPerson(values(tree, categories, id_number="", phone=""))])
    second = writer.write(
        [NewPerson(values(tree, categories, id_number="", phone="", name=name)) for name in ("甲乙", "丙丁")]
    )
    assert second.pks[0] > first.pks[0] and len(set(first.pks + second.pks)) == 3
    assert writer.write([]).pks == []


@pytest.mark.parametrize(
    "text", ["330102198001021234", " 3301 0219-8001021234 ", "３３０１０２", "masses", "x", "a b-c"]
)
def test_normalise_keeps_its_meaning(text):
    import unicodedata

    slow = "".join(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace() and ch != "-").upper()
    assert crypto.normalise(text) == slow
