"""The member export's columns: the import template's columns (so an export can be edited and
imported again), plus unit and stage; sensitive values masked unless an audited unmask asks."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from concentric.core.export import ExportColumn
from concentric.core.masking import mask
from concentric.people.importing.columns import COLUMNS

EXPORT_BASENAME = "members"


def _label_of(field):
    """What get_FOO_display returns, from a dict built once per language: get_FOO_display
    rebuilds its choices dict, translating every label, on each call (most of an export's time)."""
    from concentric.people.models import Person

    choices = Person._meta.get_field(field).flatchoices
    by_language = {}

    def label(value):
        language = translation.get_language()
        labels = by_language.get(language)
        if labels is None:
            labels = by_language[language] = {key: str(text) for key, text in choices}
        return labels.get(value, value)
    return label


def _display(field):
    label = _label_of(field)

    def value(person):
        code = getattr(person, field)
        return label(code) if code else ""
    return value


def _sensitive(field, kind, unmasked):
    label = _label_of(field) if field in ("political_affiliation", "second_party", "religion") else None

    def value(person):
        text = getattr(person, field) or ""
        if label is not None:
            text = label(text) if text else ""
        return text if unmasked else mask(text, kind)
    return value


def _categories(person):
    return "、".join(c.name for c in person.categories.all() if c.pk != person.main_category_id)


def export_columns(*, unmasked: bool = False) -> list[ExportColumn]:
    from concentric.people.models import Person

    columns = []
    for column in COLUMNS:
        field = column.field
        if field in Person.SENSITIVE_FIELDS:
            kind = getattr(Person._meta.get_field(field), "mask", "generic")
            value = _sensitive(field, kind, unmasked)
        elif field == "main_category":
            value = lambda person: person.main_category.name  # noqa: E731
        elif field == "categories":
            value = _categories
        elif column.kind == "choice":
            value = _display(field)
        else:
            value = lambda person, field=field: getattr(person, field)  # noqa: E731
        columns.append(ExportColumn(column.header, value, column.width))
    columns.append(ExportColumn(str(_("Unit")), lambda person: person.org_unit.name, 20))
    columns.append(ExportColumn(str(_("Stage")), _display("stage"), 10))
    return columns
