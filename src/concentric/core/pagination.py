"""Keyset paging for pages: rows after the last row seen, ordered by fixed columns ending in pk.

No COUNT(*) over the table and no OFFSET: the cost of a page does not grow with its depth.
Counts shown to users are capped ("10000+").

Newest first within a scope (``-pk`` over the units of a subtree) has no index that yields its
rows in order: the databases read every row of the scope and sort them, 150 ms for a subdistrict
of 33 000 members on SQLite. Given how many rows match (the capped count, counted first through
the unit index), the page reads a window of the most recent ids that should hold a page twice
over, and widens it in the rare case it does not: the cost follows the page, not the scope.
"""

import base64
import json
import math
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

from django.db import connection
from django.db.models import Q

COUNT_CAP = 10000
WINDOW_MARGIN = 2  # a window expected to hold this many pages
WINDOW_GROWTH = 4
NEWEST_FIRST = (("-pk",), ("-id",))


@dataclass
class KeysetPage:
    rows: list
    next_cursor: str
    is_first: bool


def _encode(values: list) -> str:
    raw = json.dumps([v.isoformat() if isinstance(v, (date, datetime)) else v for v in values])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor: str) -> list | None:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, TypeError):
        return None
    return values if isinstance(values, list) else None


def _after(ordering: tuple[str, ...], values: list) -> Q:
    """Rows strictly after ``values`` in ``ordering`` (each '-field' descending)."""
    condition = Q()
    for i, term in enumerate(ordering):
        name = term.lstrip("-")
        op = "lt" if term.startswith("-") else "gt"
        step = Q(**{f"{name}__{op}": values[i]})
        for prior_term, prior_value in zip(ordering[:i], values[:i], strict=True):
            step &= Q(**{prior_term.lstrip("-"): prior_value})
        condition |= step
    return condition


def keyset_page(
    queryset, *, ordering: tuple[str, ...], cursor: str = "", size: int = 50, matching: int = 0
) -> KeysetPage:
    """The page after ``cursor``. ``matching``: how many rows ``queryset`` holds, or at least
    (``count_up_to``), which lets a newest-first page read a window of recent ids."""
    if not ordering or ordering[-1].lstrip("-") not in ("pk", "id"):
        raise ValueError("keyset ordering must end with pk or id to be unique")
    queryset = queryset.order_by(*ordering)
    values = _decode(cursor) if cursor else None
    if values is not None and len(values) == len(ordering) and isinstance(values[-1], int):
        queryset = queryset.filter(_after(ordering, values))
    else:
        values = None
    if matching and ordering in NEWEST_FIRST:
        rows = _newest(queryset, below=values[0] if values else None, matching=matching, count=size + 1)
    else:
        rows = list(queryset[: size + 1])
    next_cursor = ""
    if len(rows) > size:
        rows = rows[:size]
        last = rows[-1]
        next_cursor = _encode([_value(last, term.lstrip("-")) for term in ordering])
    return KeysetPage(rows=rows, next_cursor=next_cursor, is_first=values is None)


def _value(row, name: str):
    for part in name.split("__"):
        row = getattr(row, part)
    return row


def _newest(queryset, *, below, matching: int, count: int) -> list:
    """The ``count`` newest rows of ``queryset`` (ordered by -pk, with ids below ``below``), read
    from windows of ids that grow until one holds them or reaches the first id."""
    ids = _last_id(queryset.model) + 1
    top = below if below is not None else ids
    # Ids are about dense: one id in ids / matching is a matching row (fewer when the count was capped).
    window = math.ceil(WINDOW_MARGIN * count * ids / matching)
    while top - window > 1:
        rows = list(queryset.filter(pk__gte=top - window)[:count])
        if len(rows) == count:
            return rows
        window *= WINDOW_GROWTH
    return list(queryset[:count])


def _last_id(model) -> int:
    with connection.cursor() as cursor:
        cursor.execute(_last_id_sql(model))
        return cursor.fetchone()[0] or 0


@cache
def _last_id_sql(model) -> str:
    """Plain SQL, as the per-request identity queries are: the ORM takes longer to compile this
    aggregate than the database takes to read the primary key index's last entry."""
    quote = connection.ops.quote_name
    return f"SELECT MAX({quote(model._meta.pk.column)}) FROM {quote(model._meta.db_table)}"  # nosec B608  # quoted names from the model's _meta; no values at all


def count_up_to(queryset, cap: int = COUNT_CAP) -> int:
    """The number of rows, counting at most cap + 1 of them."""
    return queryset.order_by()[: cap + 1].count()


def count_label(count: int, cap: int = COUNT_CAP) -> str:
    """'123', or '10000+' for a count above the cap."""
    return f"{cap}+" if count > cap else str(count)


def capped_count(queryset, cap: int = COUNT_CAP) -> str:
    """'123' or '10000+': counts at most cap + 1 rows."""
    return count_label(count_up_to(queryset, cap), cap)
