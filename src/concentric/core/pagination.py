"""Keyset paging for pages: rows after the last row seen, ordered by fixed columns ending in pk.

No COUNT(*) over the table and no OFFSET: the cost of a page does not grow with its depth.
Counts shown to users are capped ("10000+").
"""

import base64
import json
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Q

COUNT_CAP = 10000


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
        for prior_term, prior_value in zip(ordering[:i], values[:i]):
            step &= Q(**{prior_term.lstrip("-"): prior_value})
        condition |= step
    return condition


def keyset_page(queryset, *, ordering: tuple[str, ...], cursor: str = "", size: int = 50) -> KeysetPage:
    if not ordering or ordering[-1].lstrip("-") not in ("pk", "id"):
        raise ValueError("keyset ordering must end with pk or id to be unique")
    queryset = queryset.order_by(*ordering)
    values = _decode(cursor) if cursor else None
    if values is not None and len(values) == len(ordering):
        queryset = queryset.filter(_after(ordering, values))
    else:
        values = None
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


def capped_count(queryset, cap: int = COUNT_CAP) -> str:
    """'123' or '10000+': counts at most cap + 1 rows."""
    count = queryset.order_by()[: cap + 1].count()
    return f"{cap}+" if count > cap else str(count)
