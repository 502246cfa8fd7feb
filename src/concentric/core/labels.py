"""Choice labels for tables that show hundreds of cells: Django's get_FOO_display rebuilds a
dictionary of the field's choices on every call."""

from functools import lru_cache

from django.db import models
from django.utils.translation import get_language


@lru_cache(maxsize=256)
def _labels(choices: type[models.Choices], language: str | None) -> dict:
    return {value: str(label) for value, label in choices.choices}


def label_of(choices: type[models.Choices], value) -> str:
    """The label of ``value`` in the active language; the value itself when it is not a choice."""
    return _labels(choices, get_language()).get(value, value)
