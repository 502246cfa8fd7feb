"""The floors the import and the csv export are held against, measured on the same data.

Import floor: what the database alone costs for the rows the import wrote, plus reading the
file. The rows our import committed (people, search tokens, category links) are read back as
the database holds them, deleted, and written again with nothing but ``executemany`` (SQLite)
or ``COPY`` (PostgreSQL) in the import's batches, then committed: the bare inserts of the same
prepared rows into the same tables, with the same indexes and constraints.

Csv export floor: reading the same stored values with a plain cursor (the member columns, the
unit's and main category's names joined in, the other categories of each chunk in one query),
decrypting the values the masked export shows in part (ID number, phones, addresses: the ones
it masks whole, party and religion, it never decrypts), and ``csv.writer``.
"""

import csv
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter

from django.db import connection, transaction

from concentric.core import crypto
from concentric.core.fields import EncryptedTextField
from concentric.core.kit.importing.runner import BATCH
from concentric.org.models import OrgUnit
from concentric.people.bulk_write import insert_rows
from concentric.people.importing.columns import COLUMNS
from concentric.people.models import Category, Person, PersonSearchToken

EXPORT_CHUNK = 2000


# --- import ----------------------------------------------------------------------------------


@dataclass
class StoredRows:
    """The rows of a unit's people as stored: table -> (columns, rows)."""

    tables: dict[str, tuple[list[str], list[tuple]]]

    @property
    def people(self) -> int:
        return len(self.tables[Person._meta.db_table][1])


def _links_table() -> str:
    return Person.categories.through._meta.db_table


def _select(columns: str, source: str, rest: str) -> str:
    """A SELECT built from our own column and table names (quoted from ``_meta``); every value
    goes as a parameter."""
    return f"SELECT {columns} FROM {source} {rest}"  # nosec B608  # names of our own, values as parameters


def stored_rows(unit: OrgUnit) -> StoredRows:
    """Read back every row the unit's people put into the import's three tables."""
    quote = connection.ops.quote_name
    people, tokens, links = Person._meta.db_table, PersonSearchToken._meta.db_table, _links_table()
    person_columns = [field.column for field in Person._meta.concrete_fields]
    of_unit = f"JOIN {quote(people)} p ON p.id = x.person_id WHERE p.org_unit_id = %s"
    selects = {
        people: (person_columns, _select(", ".join(map(quote, person_columns)), quote(people), "WHERE org_unit_id = %s ORDER BY id")),
        tokens: (["person_id", "token"], _select("x.person_id, x.token", f"{quote(tokens)} x", f"{of_unit} ORDER BY 1, 2")),
        links: (["person_id", "category_id"], _select("x.person_id, x.category_id", f"{quote(links)} x", f"{of_unit} ORDER BY 1, 2")),
    }  # fmt: skip
    tables = {}
    with connection.cursor() as cursor:
        for table, (columns, sql) in selects.items():
            cursor.execute(sql, [unit.pk])
            tables[table] = (columns, cursor.fetchall())
    return StoredRows(tables)


def _batches(stored: StoredRows) -> list[dict[str, list[tuple]]]:
    """The rows in the import's batches of people, each with its people's tokens and links."""
    _columns, people = stored.tables[Person._meta.db_table]
    batch_of = {}
    batches = []
    for start in range(0, len(people), BATCH):
        rows = people[start : start + BATCH]
        batches.append({Person._meta.db_table: rows})
        for row in rows:
            batch_of[row[0]] = len(batches) - 1
    tokens = PersonSearchToken._meta.db_table
    for table in (tokens, _links_table()):
        for batch in batches:
            batch[table] = []
        for row in stored.tables[table][1]:
            batches[batch_of[row[0]]][table].append(row)
    for batch in batches:
        batch[tokens].sort(key=lambda row: row[1])  # as the writer sends them: neighbours in the index
    return batches


def bare_insert_seconds(stored: StoredRows) -> float:
    """Seconds to insert the stored rows again with executemany or COPY alone, and commit."""
    batches = _batches(stored)
    columns = {table: names for table, (names, _rows) in stored.tables.items()}
    started = perf_counter()
    with transaction.atomic():
        for batch in batches:
            for table, rows in batch.items():
                insert_rows(table, columns[table], rows)
    return perf_counter() - started


# --- csv export ------------------------------------------------------------------------------


def _export_select() -> tuple[str, list[bool]]:
    """The stored columns the export reads, in its order, and which of them to decrypt."""
    quote = connection.ops.quote_name
    selected, decrypt = [], []
    for column in COLUMNS:
        if column.field == "categories":
            continue
        if column.field == "main_category":
            selected.append("c.name")
            decrypt.append(False)
            continue
        field = Person._meta.get_field(column.field)
        selected.append(f"p.{quote(field.column)}")
        # Masked whole (a dictionary value: party, religion), the export never decrypts it.
        decrypt.append(isinstance(field, EncryptedTextField) and not field.choices)
    selected += ["u.name", "p.stage"]
    decrypt += [False, False]
    sql = _select(
        f"p.id, p.main_category_id, {', '.join(selected)}",
        f"{quote(Person._meta.db_table)} p",
        f"LEFT JOIN {quote(Category._meta.db_table)} c ON c.id = p.main_category_id "
        f"JOIN {quote(OrgUnit._meta.db_table)} u ON u.id = p.org_unit_id WHERE p.org_unit_id = %s ORDER BY p.id",
    )
    return sql, decrypt


def _categories(cursor, person_ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    quote = connection.ops.quote_name
    marks = ", ".join(["%s"] * len(person_ids))
    sql = _select(
        "l.person_id, l.category_id, c.name",
        f"{quote(_links_table())} l",
        f"JOIN {quote(Category._meta.db_table)} c ON c.id = l.category_id "
        f"WHERE l.person_id IN ({marks}) ORDER BY c.sort, c.code",
    )
    cursor.execute(sql, person_ids)
    found: dict[int, list[tuple[int, str]]] = {}
    for person_id, category_id, name in cursor.fetchall():
        found.setdefault(person_id, []).append((category_id, name))
    return found


def csv_floor_seconds(unit: OrgUnit, target: Path) -> float:
    """Seconds to read, decrypt and write the unit's people as the masked csv export does, bare."""
    sql, decrypt = _export_select()
    plain = [not flag for flag in decrypt]
    categories_at = [column.field for column in COLUMNS].index("categories")
    started = perf_counter()
    with target.open("w", encoding="utf-8", newline="") as handle, connection.cursor() as cursor:
        writer = csv.writer(handle)
        cursor.execute(sql, [unit.pk])
        while chunk := cursor.fetchmany(EXPORT_CHUNK):
            with connection.cursor() as links:
                categories = _categories(links, [row[0] for row in chunk])
            rows = []
            for pk, main_category_id, *values in chunk:
                row = [
                    value if keep or not value else crypto.decrypt(value)
                    for keep, value in zip(plain, values, strict=True)
                ]
                others = [name for category_id, name in categories.get(pk, ()) if category_id != main_category_id]
                row.insert(categories_at, "、".join(others))
                rows.append(row)
            writer.writerows(rows)
    return perf_counter() - started
