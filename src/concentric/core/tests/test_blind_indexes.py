"""Blind indexes are 16 bytes, NULL for an empty source, and the migration converts hex digests."""

import pytest
from django.db import IntegrityError, connection, models, transaction

from concentric.core import crypto
from concentric.core.identity import check_digit
from concentric.core.migrating import blind_indexes_to_binary, blind_indexes_to_hex
from concentric.people.models import Category, Person

ID_NUMBER = "33010219500101123X"


@pytest.fixture
def make(tree):
    category = Category.objects.get(code="non-party")

    def create(name: str, **values) -> Person:
        return Person.objects.create(org_unit=tree["C1"], main_category=category, name=name, **values)

    return create


def _raw(pk: int, *columns: str) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)} FROM people_person WHERE id = %s", [pk])
        return tuple(bytes(value) if isinstance(value, memoryview) else value for value in cursor.fetchone())


@pytest.mark.django_db
def test_a_person_stores_16_bytes_per_filled_value_and_null_for_an_empty_one(make):
    person = make("张三", id_number=ID_NUMBER, phone="13812345678")
    id_index, phone_index, phone2_index, religion_index = _raw(
        person.pk, "id_number_index", "phone_index", "phone2_index", "religion_index"
    )
    assert id_index == Person._meta.get_field("id_number_index").digest(ID_NUMBER) and len(id_index) == 16
    assert len(phone_index) == 16
    assert phone2_index is None and religion_index is None
    assert person.phone2_index is None


@pytest.mark.django_db
def test_equal_values_typed_differently_find_the_same_person(make):
    person = make("张三", id_number=ID_NUMBER, phone="13812345678")
    digest = Person._meta.get_field("id_number_index").digest
    for typed in ("３３０１０２１９５００１０１１２３ｘ", "330102 19500101 123x", "330102-19500101-123X"):
        assert list(Person.objects.filter(id_number_index=digest(typed))) == [person]
    assert list(Person.objects.filter(phone_index=Person._meta.get_field("phone_index").digest("138 1234 5678"))) == [
        person
    ]


@pytest.mark.django_db
def test_empty_values_are_not_duplicates_of_each_other_but_a_document_number_is(make):
    make("甲")
    make("乙")
    make("丙", id_number=ID_NUMBER)
    with pytest.raises(IntegrityError), transaction.atomic():
        make("丁", id_number=ID_NUMBER.lower())


@pytest.fixture
def hex_table(db):
    """A table as the blind indexes were: hex text, plus the binary column being filled and the
    encrypted source the reverse reads."""
    binary = models.BinaryField().db_type(connection)
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE blind_conversion (id integer PRIMARY KEY, source text NOT NULL, "
            f"digest varchar(64) NOT NULL, digest_binary {binary} NULL)"
        )
    return "blind_conversion"


def _rows(table: str, *columns: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY id")
        return [tuple(bytes(v) if isinstance(v, memoryview) else v for v in row) for row in cursor.fetchall()]


def test_the_migration_step_turns_hex_digests_into_their_first_16_bytes_and_empty_into_null(hex_table):
    values = {1: "３３０１０２１９５００１０１１２３x", 2: "", 3: "13812345678"}
    with connection.cursor() as cursor:
        for pk, value in values.items():
            hex_digest = crypto.keyed_digest(crypto.normalise(value), purpose="id_number") if value else ""
            cursor.execute(
                f"INSERT INTO {hex_table} (id, source, digest) VALUES (%s, %s, %s)",
                [pk, crypto.encrypt(value) if value else "", hex_digest],
            )
    blind_indexes_to_binary(connection, hex_table, {"digest": "digest_binary"})
    assert _rows(hex_table, "digest_binary") == [
        (crypto.blind_index(values[1], purpose="id_number"),),
        (None,),
        (crypto.blind_index(values[3], purpose="id_number"),),
    ]
    before = _rows(hex_table, "digest")
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {hex_table} SET digest = 'x'")
    blind_indexes_to_hex(connection, hex_table, {"digest": ("source", "id_number")})
    assert _rows(hex_table, "digest") == before


def test_the_migration_step_on_an_empty_table_does_nothing(hex_table):
    blind_indexes_to_binary(connection, hex_table, {"digest": "digest_binary"})
    blind_indexes_to_hex(connection, hex_table, {"digest": ("source", "id_number")})
    assert _rows(hex_table, "digest") == []


@pytest.mark.django_db
def test_the_audit_log_and_the_api_carry_no_blind_index(users, tree, client_for):
    from concentric.audit.models import AuditEvent
    from concentric.people.services import person_create, person_update

    category = Category.objects.get(code="non-party")
    person = person_create(
        actor=users["c1_staff"],
        org_unit=tree["C1"],
        name="张三",
        main_category=category,
        id_number="33010219800102123" + check_digit("33010219800102123"),
        phone="13812345678",
    )
    person_update(actor=users["c1_staff"], person_id=person.pk, version=person.version, phone="13912345678")
    events = AuditEvent.objects.filter(object_id=str(person.pk), action__in=["create", "update"])
    assert events.count() == 2
    for event in events:
        assert not [name for name in event.changes if name.endswith("_index")]
    body = client_for("c1_staff").get(f"/api/v1/people/{person.pk}/").json()
    assert body["id"] == person.pk and not [name for name in body if name.endswith("_index")]
