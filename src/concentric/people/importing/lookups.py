"""Finding people_person rows by exact values in bulk, by index lookups: the import's duplicate
checks (document numbers, phones, name with birth date) for a batch of a few thousand rows.

Each value is looked up through its index whatever the planner's statistics suggest: both
engines see phone2_index as one value (it is mostly NULL) and, not seeing the values looked
for, would scan the table. Equality implies IS NOT NULL, so the blind indexes' partial indexes
serve these lookups on both engines. SQLite: the values as a VALUES list walked first (a CROSS JOIN keeps
that order), each match marked ``unlikely()``. PostgreSQL: arrays, ``= ANY(array)`` for one key
(the planner weighs the values against its statistics) and ``unnest`` with a lateral subquery
per value for two (OFFSET 0 keeps it a subquery). Plain SQL also spares the ORM's per-value
preparation of thousands of digests.
"""

from django.db import connection

from concentric.people.models import Person

CHUNK = 2000


def _table() -> str:
    return connection.ops.quote_name(Person._meta.db_table)


def _run(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _sqlite_matches(columns: tuple[str, ...], keys: tuple[str, ...], part: list[tuple]) -> list[tuple]:
    row = "(" + ", ".join(["%s"] * len(keys)) + ")"
    matched = " AND ".join(f"unlikely(p.{key} = v.column{index})" for index, key in enumerate(keys, start=1))
    sql = (
        f"SELECT {', '.join(f'p.{c}' for c in columns)} FROM (VALUES {', '.join([row] * len(part))}) AS v "  # nosec B608  # columns and keys are our callers' literals, the table quoted from _meta; every value a %s parameter
        f"CROSS JOIN {_table()} p WHERE {matched}"
    )
    return _run(sql, [value for key in part for value in key])


def _postgres_matches(columns: tuple[str, ...], keys: tuple[str, ...], part: list[tuple]) -> list[tuple]:
    arrays = ", ".join(f"%s::{Person._meta.get_field(key).db_type(connection)}[]" for key in keys)
    matched = " AND ".join(f"p.{key} = v.k{index}" for index, key in enumerate(keys))
    sql = (
        f"SELECT {', '.join(f'p.{c}' for c in columns)} "  # nosec B608  # columns and keys are our callers' literals, types and table from _meta; the values are %s arrays
        f"FROM unnest({arrays}) AS v({', '.join(f'k{index}' for index in range(len(keys)))}) "
        f"CROSS JOIN LATERAL (SELECT {', '.join(columns)} FROM {_table()} p WHERE {matched} OFFSET 0) AS p"
    )
    return _run(sql, [list(column) for column in zip(*part, strict=True)])


def lookup(columns: tuple[str, ...], keys: tuple[str, ...], values: list[tuple]) -> list[tuple]:
    """``columns`` of the rows whose ``keys`` columns equal one of the ``values`` tuples."""
    found = []
    for start in range(0, len(values), CHUNK):
        part = values[start : start + CHUNK]
        if connection.vendor == "postgresql" and len(keys) == 1:
            sql = f"SELECT {', '.join(columns)} FROM {_table()} WHERE {keys[0]} = ANY(%s)"  # nosec B608  # columns and key are our callers' literals, the table quoted from _meta; the values a %s array
            found += _run(sql, [[value for (value,) in part]])
        elif connection.vendor == "postgresql":
            found += _postgres_matches(columns, keys, part)
        else:
            found += _sqlite_matches(columns, keys, part)
    return found


def lookup_any(columns: tuple[str, ...], keys: tuple[str, ...], values: list[str]) -> list[tuple]:
    """``columns`` (the first a unique id) of the rows where any of ``keys`` holds one of ``values``."""
    if connection.vendor == "postgresql":
        found = []
        where = " OR ".join(f"{key} = ANY(%s)" for key in keys)
        for start in range(0, len(values), CHUNK):
            part = values[start : start + CHUNK]
            found += _run(f"SELECT {', '.join(columns)} FROM {_table()} WHERE {where}", [part] * len(keys))  # nosec B608  # columns and keys are our callers' literals, the table quoted from _meta; the values %s arrays
        return found
    rows = {}
    for key in keys:
        rows.update((row[0], row) for row in lookup(columns, (key,), [(value,) for value in values]))
    return list(rows.values())


def people_with_name_and_birth(pairs: set) -> dict:
    """(name, birth date) -> pks of the people with both (through the person_name_birth index)."""
    date_field = Person._meta.get_field("birth_date")
    adapted = {born: date_field.get_db_prep_value(born, connection) for _name, born in pairs}
    back = {value: born for born, value in adapted.items()}  # SQLite answers dates as text
    found = {}
    for pk, name, born in lookup(
        ("id", "name", "birth_date"), ("name", "birth_date"), sorted((name, adapted[born]) for name, born in pairs)
    ):
        found.setdefault((name, back.get(born, born)), []).append(pk)
    return found
