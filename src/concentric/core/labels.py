"""Choice labels for tables that show hundreds of cells: Django's get_FOO_display rebuilds a
dictionary of the field's choices on every call."""

from functools import lru_cache

from django.db import models
from django.utils.translation import get_language


@lru_cache(maxsize=256)
def _labels(source, language: str | None) -> dict:
    pairs = source.flatchoices if isinstance(source, models.Field) else source.choices
    return {value: str(label) for value, label in pairs}


def label_of(source: "type[models.Choices] | models.Field", value) -> str:
    """The label of ``value`` among ``source``'s choices (a Choices class or a model field) in
    the active language; the value itself when it is not a choice."""
    return _labels(source, get_language()).get(value, value)
