"""The django-import-export resource a Django developer would write for the import template:
one Field per column by its Chinese header, drop-down labels mapped to stored values, the main
category by name, the owning unit set on every row. Rows are saved one by one (the library's
default); the model fields encrypt and blind-index as they do for the registry's own import."""

from import_export import fields, resources, widgets

from concentric.people.importing.columns import COLUMNS, choice_lookup
from concentric.people.models import Category, Person


class ChoiceLabelWidget(widgets.Widget):
    def __init__(self, field: str):
        super().__init__()
        self.lookup = choice_lookup(field)

    def clean(self, value, row=None, **kwargs):
        text = "".join(str(value or "").split()).lower()
        return self.lookup.get(text, "") if text else ""


class TextWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        return "" if value is None else str(value).strip()


def _field(column) -> fields.Field:
    if column.parser == "choice":
        widget = ChoiceLabelWidget(column.field)
    elif column.parser == "date":
        widget = widgets.DateWidget()
    elif column.parser == "main_category":
        widget = widgets.ForeignKeyWidget(Category, field="name")
    else:
        widget = TextWidget()
    return fields.Field(attribute=column.field, column_name=column.header, widget=widget)


class PersonResource(resources.ModelResource):
    def __init__(self, org_unit):
        super().__init__()
        self.org_unit = org_unit
        for column in COLUMNS:
            if column.field != "categories":  # a many-to-many of names: not part of the comparison
                self.fields[column.field] = _field(column)

    class Meta:
        model = Person
        fields = ()
        force_init_instance = True  # the file has no id column: every row is new

    def before_save_instance(self, instance, row, **kwargs):
        instance.org_unit = self.org_unit
