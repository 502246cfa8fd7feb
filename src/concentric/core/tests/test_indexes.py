"""Indexes: every blind index is indexed, and no index is written on every insert for nothing."""

import pytest
from django.apps import apps
from django.db import connection
from django.db.models import Q

from concentric.core.fields import BlindIndexField
from concentric.people.models import Person

BLIND_INDEXES = [
    (model, field)
    for model in apps.get_models()
    for field in model._meta.concrete_fields
    if isinstance(field, BlindIndexField)
]


def _leading_columns(model) -> set[str]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
    return {found["columns"][0] for found in constraints.values() if found["index"] and found["columns"]}


def test_the_registry_has_blind_indexes_to_check():
    assert {(model.__name__, field.name) for model, field in BLIND_INDEXES} >= {
        ("Person", "id_number_index"),
        ("Person", "phone_index"),
        ("User", "phone_index"),
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "field"), BLIND_INDEXES, ids=lambda item: getattr(item, "__name__", getattr(item, "name", ""))
)
def test_every_blind_index_leads_an_index_of_its_table(model, field):
    assert field.column in _leading_columns(model)


@pytest.mark.parametrize(
    ("model", "field"), BLIND_INDEXES, ids=lambda item: getattr(item, "__name__", getattr(item, "name", ""))
)
def test_every_blind_index_is_indexed_without_its_nulls(model, field):
    """Empty values are NULL and never looked up: a partial index leaves them out."""
    declared = [*model._meta.indexes, *model._meta.constraints]
    assert any(
        list(getattr(item, "fields", ()))[:1] == [field.name]
        and item.condition == Q(**{f"{field.name}__isnull": False})
        for item in declared
    )


@pytest.mark.django_db
def test_no_pattern_index_on_a_digest_or_a_choice_code():
    """Django's db_index gives PostgreSQL's varchar columns a second varchar_pattern_ops index
    for LIKE; the registry never searches digests or codes with LIKE."""
    if connection.vendor != "postgresql":
        pytest.skip("LIKE indexes are PostgreSQL's")
    tables = sorted({model._meta.db_table for model, _ in BLIND_INDEXES})
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = ANY(%s) AND indexdef LIKE %s",
            [tables, "%pattern_ops%"],
        )
        found = [name for (name,) in cursor.fetchall()]
    # accounts_user's username keeps Django's LIKE index (its unique constraint brings one).
    assert [name for name in found if "username" not in name] == []


@pytest.mark.django_db
def test_the_persons_foreign_keys_are_served_by_the_composite_indexes():
    unit, category = (Person._meta.get_field(name).column for name in ("org_unit", "main_category"))
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Person._meta.db_table)
    indexes = [found["columns"] for found in constraints.values() if found["index"] and not found["primary_key"]]
    assert [unit, "id"] in indexes and [category, "id"] in indexes
    assert [unit] not in indexes and [category] not in indexes
