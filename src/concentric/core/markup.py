"""Markup the list pages write in Python: the table body and the cells of their forms.

A list page shows 50 rows by 8 columns and a dozen filter and bulk-action fields; through
template tags that markup cost a page several times its queries (``concentric bench`` measures
pages against their SQL). The templates keep the layout; these functions write the repeated parts.

Every value put into this markup goes through ``esc`` (core.html: what Django's conditional_escape
gives), or is a rendered field (Django escapes it) or a record's integer primary key; class names
are this module's and its callers' literals. format_html would escape the same, several times slower.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from concentric.core.html import esc


def _cell_text(value) -> str:
    return "" if value is None else esc(value)


def _cell_html(value, *, label: str, url: str = "", first: bool = False, nowrap: bool = False) -> str:
    """One cell; ``label`` (the column's header, escaped) heads it when a phone stacks the row."""
    text = _cell_text(value)
    if url:
        text = f'<a href="{esc(url)}">{text}</a>'
    css = " ".join(name for name, wanted in (("fw-medium app-cell-main", first), ("text-nowrap", nowrap)) if wanted)
    return f'<td class="{css}" data-label="{label}">{text}</td>' if css else f'<td data-label="{label}">{text}</td>'


def rows_html(rows, columns, *, url_for: Callable[[Any], str], selectable: bool = False) -> SafeString:
    """The table body for ``rows`` of (record, cell values). ``selectable`` adds a checkbox per
    row for bulk actions, labelled by the first cell, which links to ``url_for(record)``."""
    label = esc(_("Select"))
    headers = [esc(column.label) for column in columns]
    out = []
    for record, values in rows:
        check = (
            f'<td class="app-check-cell"><input class="form-check-input" type="checkbox" name="ids" value="{record.pk}" form="bulk-form" '
            f'aria-label="{label} {_cell_text(values[0])}"></td>'
            if selectable
            else ""
        )
        cells = "".join(
            _cell_html(value, label=header, url=url_for(record) if i == 0 else "", first=i == 0, nowrap=column.nowrap)
            for i, (column, header, value) in enumerate(zip(columns, headers, values, strict=True))
        )
        out.append(f"<tr>{check}{cells}</tr>")
    html = "\n".join(out)
    return mark_safe(html)  # nosec B308 B703  # cells escaped by _cell_text and _cell_html, the label by esc; pk an int


def field_cell_html(field, css: str) -> SafeString:
    """One form field in a grid cell: its label, its widget and its errors, in a ``css`` div."""
    if field.errors:
        css = f"{css} app-field-error"
    errors = "".join(f'<div class="invalid-feedback d-block">{esc(error)}</div>' for error in field.errors)
    html = (
        f'<div class="{css}">\n      <label class="form-label small mb-1" for="{esc(field.id_for_label)}">'
        f"{esc(field.label)}</label>\n      {field}\n      {errors}\n    </div>"
    )
    return mark_safe(html)  # nosec B308 B703  # id, label and errors escaped by esc, the field rendered by Django


FILTER_CELL = "col-12 col-sm-6 col-lg-3"
WIDE_FILTER_CELL = "col-12 col-lg-6"


def filter_fields_html(fields: Iterable, *, wide_first: bool, expanded: bool) -> SafeString:
    """The fields of a list page's filter form. On a phone only the first shows until the
    更多筛选条件 button opens the others (open already when one of them is in use)."""
    fields = list(fields)
    out = []
    for index, field in enumerate(fields):
        if index == 0:
            out.append(field_cell_html(field, WIDE_FILTER_CELL if wide_first else FILTER_CELL))
            if len(fields) > 1:
                out.append(
                    '\n    <div class="col-12 d-md-none">\n      <button class="btn btn-outline-secondary btn-sm w-100" '
                    'type="button" data-bs-toggle="collapse" data-bs-target=".app-more-filter" '
                    f'aria-expanded="{"true" if expanded else "false"}" data-testid="more-filters">'
                    f'<i class="bi bi-funnel"></i> {esc(_("More filters"))}</button>\n    </div>'
                )
            continue
        more = " show" if expanded else ""
        out.append(field_cell_html(field, f"{FILTER_CELL} collapse d-md-block app-more-filter{more}"))
    html = "\n    ".join(out)
    return mark_safe(html)  # nosec B308 B703  # field_cell_html's safe cells, and a button whose label went through esc
