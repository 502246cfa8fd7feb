"""One column declaration per model, read by its list page and by its export.

A ``Table`` declares each column once (header, how to read the cell, export width, mask); the
page shows ``page`` columns and the export writes ``export`` columns, in those orders (both all
columns by default), so the two cannot drift. A column reads its cell through an accessor
("parent.name", "get_kind_display": attributes followed, a method called, None-safe) or a
function of the row. A list page may render a column its own way (``cell_<name>`` on the page).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from concentric.core.masking import mask


@dataclass(frozen=True)
class Column:
    label: str
    value: str | Callable[[Any], Any] | None  # an accessor, a function of the row; None: rows made elsewhere
    width: int = 16  # characters, in the xlsx export
    nowrap: bool = False
    mask: str = ""  # a sensitive value: shown and exported masked (core.masking kinds)

    def read(self, row):
        value = self.value(row) if callable(self.value) else _follow(row, self.value)
        return mask(value, self.mask) if self.mask else value


def _follow(row, accessor: str):
    value = row
    for part in accessor.split("."):
        if value is None:
            return None
        value = getattr(value, part)
        if callable(value):
            value = value()
    return value


def page_text(value) -> str:
    """How a cell reads on a page: yes/no, local dates and times, nothing for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
            if timezone.is_aware(value)
            else value.strftime("%Y-%m-%d %H:%M")
        )
    if isinstance(value, date):
        return value.isoformat()
    return value


class TableMeta(type):
    def __new__(mcs, name, bases, attrs):
        columns = {}
        for base in reversed(bases):
            columns.update(getattr(base, "columns", {}))
        columns.update({key: value for key, value in attrs.items() if isinstance(value, Column)})
        attrs["columns"] = columns
        return super().__new__(mcs, name, bases, attrs)


class Table(metaclass=TableMeta):
    """Declare columns as class attributes; ``page`` and ``export`` name them in order."""

    columns: dict[str, Column] = {}
    page: tuple[str, ...] = ()
    export: tuple[str, ...] = ()

    @classmethod
    def page_columns(cls) -> list[tuple[str, Column]]:
        return [(name, cls.columns[name]) for name in cls.page or cls.columns]

    @classmethod
    def export_columns(cls) -> list[tuple[str, Column]]:
        return [(name, cls.columns[name]) for name in cls.export or cls.columns]
