"""The columns an import kind declares: the header the file carries (the file format is
Chinese, whatever the UI language), the field each fills, the parser that reads its cells, its
dictionary (the template's drop-down), and its instructions."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django.utils import translation

# The template's sheets besides the kind's data sheet; the reader skips them.
HELP_SHEET = "说明"
LISTS_SHEET = "字典"


@dataclass(frozen=True, eq=False)  # compared by identity: the lookups below are cached per column
class Column:
    field: str
    header: str
    # text, date, datetime, choice, phone (core.kit.importing.cells), or a parser the kind's handler supplies
    parser: str = "text"
    required: bool = False
    required_message: str = ""  # the reason given for an empty required cell (default: the column is required)
    max_length: int = 0
    help: str = ""
    choices: object = None  # a TextChoices class or (value, label) pairs: read by "choice", listed in the template
    # Drop-down values read from records when the template is built (e.g. categories); parsed by the kind
    dictionary: Callable[[], list[str]] | None = None
    sensitive: bool = False  # ID numbers, phones: text cells in the template; never repeated in results
    width: int = 14
    multiline: bool = False
    multiple: bool = False  # several dictionary values in one cell: listed, but no drop-down
    aliases: tuple[str, ...] = ()  # other headers accepted for the column (older names)
    # More accepted spellings of dictionary values: pairs -> {spelling: value} (民族: 汉 for 汉族)
    spellings: Callable[[tuple], dict] | None = None


def compact(text: str) -> str:
    return "".join(str(text).split())


def _pairs(column: Column):
    return column.choices.choices if hasattr(column.choices, "choices") else column.choices


@cache
def choice_labels(column: Column) -> tuple[tuple[str, str], ...]:
    """(stored value, Chinese label) of a dictionary column, as the template's drop-down lists them."""
    with translation.override("zh-hans"):
        return tuple((value, str(label)) for value, label in _pairs(column) if value)


@cache
def choice_lookup(column: Column) -> dict[str, str]:
    """Accepted spellings of a dictionary value (Chinese label, stored code, English label) -> value."""
    pairs = _pairs(column)
    lookup = {}
    with translation.override("en"):
        for value, label in pairs:
            if value:
                lookup[compact(str(label)).lower()] = value
                lookup[value.lower()] = value
    for value, label in choice_labels(column):
        lookup[compact(label).lower()] = value
    if column.spellings is not None:
        lookup.update(column.spellings(tuple(pairs)))
    return lookup


def template_values(column: Column) -> list[str]:
    """The values of the column's drop-down (or list) in the template; [] for a free column."""
    if column.dictionary is not None:
        return list(column.dictionary())
    if column.choices is not None:
        return [label for _value, label in choice_labels(column)]
    return []
