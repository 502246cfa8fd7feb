"""The member export's columns: the import template's columns (so an export can be edited and
imported again), plus unit and stage; sensitive values masked unless an audited unmask asks."""

from django.utils.translation import gettext_lazy as _

from concentric.core.export import ExportColumn
from concentric.core.labels import label_of
from concentric.core.masking import mask
from concentric.people.importing.columns import COLUMNS

EXPORT_BASENAME = "members"


def _field(name):
    from concentric.people.models import Person

    return Person._meta.get_field(name)


def _display(field):
    def value(person):
        code = getattr(person, field)
        return label_of(_field(field), code) if code else ""
    return value


def _sensitive(field, kind, unmasked):
    labelled = field in ("political_affiliation", "second_party", "religion")

    def value(person):
        text = getattr(person, field) or ""
        if labelled:
            text = label_of(_field(field), text) if text else ""
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
