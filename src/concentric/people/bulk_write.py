"""Writing many new people at once: the import's commit and the bench's seeding share this.

A person comes in as a dict of field attname -> Python value, what ``Person(**values)`` would
take; missing fields get their defaults. The writer turns the values into database values as
the model fields do (ciphertext for encrypted fields, 16-byte HMAC-SM3 digests or NULL for blind
indexes from the plaintext, adapted dates and times), column by column, and inserts them with
one ``executemany`` (SQLite) or one ``COPY`` (PostgreSQL, whose text format gets bytes escaped
by psycopg), then the search tokens and the category links. No model instance is built and no
``save`` or signal runs: callers check and audit. Building instances and Django's per-field
insert compiler were most of ``bulk_create``'s cost for a 40-column row.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from time import perf_counter
from types import SimpleNamespace

from django.db import connection, models, transaction
from django.utils import timezone

from concentric.core import crypto
from concentric.core.fields import BlindIndexField, EncryptedTextField
from concentric.people.models import Person, PersonSearchToken
from concentric.people.search import TOKEN_LENGTH, tokens_for
from concentric.rollups.services import tally_added

_NAME_CACHE_LIMIT = 200_000
_DIGEST_CACHE_LIMIT = 10_000


@dataclass
class NewPerson:
    values: dict
    category_ids: Sequence[int] = ()


@dataclass
class Written:
    pks: list[int]
    digests: dict[str, list[bytes | None]] = field(default_factory=dict)  # blind-index attname -> value per person


class _Column:
    def __init__(self, model_field: models.Field):
        self.field = model_field
        self.attname = model_field.attname
        self.default = model_field.get_db_prep_save(model_field.get_default(), connection)
        if isinstance(model_field, EncryptedTextField):
            self.kind = "encrypted"
        elif isinstance(model_field, BlindIndexField):
            self.kind = "index"
            # A dictionary value (political affiliation, religion) has a handful of digests.
            self.remember = bool(Person._meta.get_field(model_field.source).choices)
        elif getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False):
            self.kind = "now"
        elif isinstance(model_field, (models.DateField, models.DateTimeField)):
            self.kind = "date"
        else:
            self.kind = "plain"


class PersonWriter:
    """``PersonWriter().write(people)`` inserts a batch; call it inside the caller's transaction."""

    def __init__(self):
        self.columns = [_Column(f) for f in Person._meta.concrete_fields if not f.primary_key]
        self.categories_table = Person.categories.through._meta.db_table
        self._name_tokens: dict[tuple[str, str], set[str]] = {}
        self._digests: dict[tuple[str, str], bytes | None] = {}
        self.seconds = Counter()  # time per stage (values, tokens, insert), for the bench's report

    # --- values -------------------------------------------------------------------------------

    def _plain(self, column: _Column, rows: list[dict]) -> list:
        attname, default, prep = column.attname, column.default, column.field.get_db_prep_save
        values = []
        for row in rows:
            value = row.get(attname, default)
            # Text and ids go to the driver as they are, as get_db_prep_save leaves them.
            values.append(value if value is None or type(value) in (str, int) else prep(value, connection))
        return values

    def _dates(self, column: _Column, rows: list[dict]) -> list:
        attname, prep, adapt = column.attname, column.field.get_db_prep_save, connection.ops.adapt_datefield_value
        values = []
        for row in rows:
            value = row.get(attname)
            # A date is adapted as DateField does it; anything else takes the field's whole path.
            values.append(None if value is None else adapt(value) if type(value) is date else prep(value, connection))
        return values

    def _encrypted(self, column: _Column, rows: list[dict]) -> list:
        values = [row.get(column.attname) or "" for row in rows]
        filled = [index for index, value in enumerate(values) if value]
        for index, ciphertext in zip(filled, crypto.encrypt_many([values[i] for i in filled]), strict=True):
            values[index] = ciphertext
        return values

    def _digests_of(self, column: _Column, rows: list[dict]) -> list[bytes | None]:
        digest, source = column.field.digest, column.field.source
        if not column.remember:
            return [digest(row.get(source) or "") for row in rows]
        known = self._digests
        values = []
        for row in rows:
            key = (column.field.purpose, row.get(source) or "")
            if key in known:
                value = known[key]
            else:
                value = digest(key[1])
                if len(known) < _DIGEST_CACHE_LIMIT:
                    known[key] = value
            values.append(value)
        return values

    def database_rows(self, rows: list[dict], now=None) -> tuple[list[tuple], dict[str, list[bytes | None]]]:
        """The rows as the model fields would write them (column order of ``self.columns``)."""
        now = self._now(now)
        columns = []
        digests = {}
        for column in self.columns:
            if column.kind == "encrypted":
                columns.append(self._encrypted(column, rows))
            elif column.kind == "index":
                values = self._digests_of(column, rows)
                digests[column.attname] = values
                columns.append(values)
            elif column.kind == "now":
                columns.append([now] * len(rows))
            elif column.kind == "date":
                columns.append(self._dates(column, rows))
            else:
                columns.append(self._plain(column, rows))
        return list(zip(*columns, strict=True)), digests

    @staticmethod
    def _now(now):
        field = Person._meta.get_field("created_at")
        return field.get_db_prep_save(now or timezone.now(), connection)

    # --- search tokens --------------------------------------------------------------------------

    def tokens(self, values: dict) -> list[str]:
        """``people.search.tokens_for`` of the person, its name part remembered per name."""
        name, former = values.get("name", ""), values.get("former_names", "")
        key = (name, former)
        name_tokens = self._name_tokens.get(key)
        if name_tokens is None:
            name_tokens = tokens_for(SimpleNamespace(name=name, former_names=former, phone="", phone2=""))
            if len(self._name_tokens) < _NAME_CACHE_LIMIT:
                self._name_tokens[key] = name_tokens
        phones = {_phone_token(values.get("phone")), _phone_token(values.get("phone2"))} - {""}
        return sorted(name_tokens | phones)

    # --- writing --------------------------------------------------------------------------------

    def write(self, people: list[NewPerson], *, now=None) -> Written:
        """Insert the people, their search tokens and category links, and count them in the
        rollups, all or none (a savepoint inside the caller's transaction); their pks in order."""
        if not people:
            return Written([])
        started = perf_counter()
        rows, digests = self.database_rows([person.values for person in people], now)
        prepared = perf_counter()
        with transaction.atomic():
            pks = _insert_people([column.field.column for column in self.columns], rows)
            inserted = perf_counter()
            tokens = [
                (pk, token) for pk, person in zip(pks, people, strict=True) for token in self.tokens(person.values)
            ]
            tokens.sort(key=itemgetter(1))  # neighbours in the token index: fewer pages touched
            links = [
                (pk, c) for pk, person in zip(pks, people, strict=True) for c in dict.fromkeys(person.category_ids)
            ]
            tokenised = perf_counter()
            insert_rows(PersonSearchToken._meta.db_table, ("person_id", "token"), tokens)
            insert_rows(self.categories_table, ("person_id", "category_id"), links)
            tally_added(Person._meta.label, pks)
        self.seconds.update(
            {
                "values": prepared - started,
                "tokens": tokenised - inserted,
                "insert": inserted - prepared + perf_counter() - tokenised,
            }
        )
        return Written(pks, digests)


def _phone_token(phone: str | None) -> str:
    """tokens_for's token of one phone: its last four digits (none for a shorter value)."""
    digits = crypto.normalise(phone or "")
    return f"t:{digits[-4:]}"[:TOKEN_LENGTH] if len(digits) >= 4 else ""


def _quoted(table: str, columns: Sequence[str]) -> tuple[str, str]:
    quote = connection.ops.quote_name
    return quote(table), ", ".join(quote(column) for column in columns)


def insert_rows(table: str, columns: Sequence[str], rows: list[tuple]) -> None:
    """Plain rows (database values already) into ``table``: COPY on PostgreSQL, else executemany."""
    if not rows:
        return
    name, column_list = _quoted(table, columns)
    if connection.vendor == "postgresql":
        _copy(f"COPY {name} ({column_list}) FROM STDIN", rows)
        return
    sql = f"INSERT INTO {name} ({column_list}) VALUES ({', '.join(['%s'] * len(columns))})"  # nosec B608  # table and columns named by our code, quoted by _quoted; every value a %s parameter
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 10_000):
            cursor.executemany(sql, rows[start : start + 10_000])


def _copy(statement: str, rows: list[tuple]) -> None:
    with connection.cursor() as cursor, connection.wrap_database_errors, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def _insert_people(columns: list[str], rows: list[tuple]) -> list[int]:
    table = Person._meta.db_table
    if connection.vendor == "postgresql":
        # Ids drawn from the table's own sequence first: safe beside other writers, and COPY can
        # then write them with the rows.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, len(rows)]
            )
            pks = [pk for (pk,) in cursor.fetchall()]
        name, column_list = _quoted(table, ["id", *columns])
        _copy(f"COPY {name} ({column_list}) FROM STDIN", [(pk, *row) for pk, row in zip(pks, rows, strict=True)])
        return pks
    name, column_list = _quoted(table, columns)
    sql = f"INSERT INTO {name} ({column_list}) VALUES ({', '.join(['%s'] * len(columns))})"  # nosec B608  # Person's table and columns, quoted by _quoted; every value a %s parameter
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
        # SQLite has one writer at a time, and write()'s transaction is it: the new ids are the
        # consecutive run ending at the last one. The count proves it.
        cursor.execute("SELECT last_insert_rowid()")
        last = cursor.fetchone()[0]
        first = last - len(rows) + 1
        cursor.execute(f"SELECT COUNT(*) FROM {name} WHERE id BETWEEN %s AND %s", [first, last])  # nosec B608  # Person's table, quoted by _quoted; the ids are %s parameters
        if cursor.fetchone()[0] != len(rows):
            raise RuntimeError("the inserted people did not get consecutive ids")
    return list(range(first, last + 1))
