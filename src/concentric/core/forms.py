from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.fields import BLANK_CHOICE_DASH
from django.forms.models import ModelChoiceIterator
from django.forms.renderers import DjangoTemplates
from django.utils.choices import BaseChoiceIterator, BlankChoiceIterator
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from concentric.core.html import esc
from concentric.core.ids import as_integer, fits_id, row_id

# The empty choice of a select: Django writes "---------"; Chinese forms say 请选择, filters 全部.
CHOOSE = _("Choose…")
ALL = _("All")
DJANGO_EMPTY_LABEL = BLANK_CHOICE_DASH[0][1]


def relabel_empty_choice(field: forms.Field, label) -> None:
    """Show Django's "---------" empty choice of ``field`` as ``label``: the ``empty_label`` of
    model choice fields (django-filter's choice fields have one too), or the blank entry a model
    field with choices and blank=True puts first (BLANK_CHOICE_DASH)."""
    if getattr(field, "empty_label", None) == DJANGO_EMPTY_LABEL:
        field.empty_label = label  # read by the choice iterator each time the select is written
    elif isinstance(field, forms.ChoiceField) and isinstance(field.choices, BlankChoiceIterator):
        # A model field's choices with the dash put first unless they hold an empty value already.
        if list(field.choices.blank_choice) == BLANK_CHOICE_DASH:
            field.choices = BlankChoiceIterator(field.choices.choices, [("", label)])
    elif isinstance(field, forms.ChoiceField) and isinstance(field.choices, (list, tuple)):
        choices = field.choices
        if any(value in ("", None) and text == DJANGO_EMPTY_LABEL for value, text in choices):
            field.choices = [
                (value, label if value in ("", None) and text == DJANGO_EMPTY_LABEL else text)
                for value, text in choices
            ]


def bootstrap(form: forms.BaseForm, *, empty_label=CHOOSE, fast: bool = False) -> forms.BaseForm:
    """Give every widget of ``form`` its Bootstrap class (also used on FilterSet forms), and
    Django's checkbox lists their wrapping layout; a select's "---------" empty choice reads
    ``empty_label``. ``fast``: selects and plain inputs are written in Python instead of through
    Django's widget templates (the member list, where the bench shows the templates' cost; see
    PythonSelectMixin and FastFormRenderer)."""
    for field in form.fields.values():
        relabel_empty_choice(field, empty_label)
        widget = field.widget
        swaps = FAST_WIDGETS if fast else WIDGETS
        widget.__class__ = swaps.get(type(widget), type(widget))
        if isinstance(widget, (forms.CheckboxInput, forms.CheckboxSelectMultiple, forms.RadioSelect)):
            css = "form-check-input"
        elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
            css = "form-select"
        else:
            css = "form-control"
        classes = widget.attrs.get("class", "").split()
        if css not in classes:
            widget.attrs["class"] = " ".join([*classes, css])
    if fast:
        form.renderer = FAST_RENDERER
    return form


class CheckboxList(forms.CheckboxSelectMultiple):
    """Checkboxes that wrap across the line; ``bootstrap`` makes every checkbox list one. Django
    puts the widget's class on the list's wrapper too, and Bootstrap's form-check-input there
    would shrink the whole list to one box."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["class"] = "app-checks"
        return context


class PythonSelectMixin:
    """Writes what django/forms/widgets/select.html writes, straight from the choices: Django
    first builds a dict per option (``optgroups``), which costs a filter form's hundreds of
    options more than the writing. core/tests/test_forms.py compares the two."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        wanted = set(self.format_value(value))
        out = [f'<select name="{esc(name)}"{_html_attrs(attrs)}>']
        found = False  # a single select marks its first matching option only, as Django does

        def option(option_value, label):
            nonlocal found
            selected = (not found or self.allow_multiple_selected) and str(option_value) in wanted
            found |= selected
            mark = " selected" if selected else ""
            out.append(f'\n  <option value="{esc(option_value)}"{mark}>{esc(label)}</option>\n')

        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):
                if option_value:
                    out.append(f'\n  <optgroup label="{esc(option_value)}">')
                for sub_value, sub_label in label:
                    option(sub_value, sub_label)
                if option_value:
                    out.append("\n  </optgroup>")
            else:
                option("" if option_value is None else option_value, label)
        out.append("\n</select>")
        html = "".join(out)
        return mark_safe(html)  # nosec B308 B703  # name, values and labels escaped by esc, the attributes by _html_attrs


class Select(PythonSelectMixin, forms.Select):
    pass


class SelectMultiple(PythonSelectMixin, forms.SelectMultiple):
    pass


WIDGETS = {forms.CheckboxSelectMultiple: CheckboxList}
FAST_WIDGETS = {forms.Select: Select, forms.SelectMultiple: SelectMultiple, forms.CheckboxSelectMultiple: CheckboxList}


class BootstrapForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


def _html_attrs(attrs: dict) -> str:
    """The attributes as Django's widgets/attrs.html writes them: False omitted, True bare."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {esc(name)}" if value is True else f' {esc(name)}="{esc(value)}"')
    return "".join(parts)


def render_input(widget: dict) -> str:
    """What django/forms/widgets/input.html produces (text, number, date, hidden … inputs)."""
    value = widget["value"]
    shown = "" if value is None else f' value="{esc(value)}"'
    html = f'<input type="{esc(widget["type"])}" name="{esc(widget["name"])}"{shown}{_html_attrs(widget["attrs"])}>'
    return mark_safe(html)  # nosec B308 B703  # type, name and value escaped by esc, the attributes by _html_attrs


_INPUT_TEMPLATES = (
    "input",
    "text",
    "number",
    "email",
    "url",
    "password",
    "hidden",
    "search",
    "tel",
    "color",
    "date",
    "datetime",
    "time",
    "checkbox",
)


class FastFormRenderer(DjangoTemplates):
    """Django's form renderer, except that plain inputs are written in Python: Django's templates
    include two templates per input (selects: see PythonSelectMixin). The markup is the same
    (core/tests/test_forms.py compares the two). Opt-in per form: ``bootstrap(form, fast=True)``."""

    python_templates = {f"django/forms/widgets/{name}.html": render_input for name in _INPUT_TEMPLATES}

    def render(self, template_name, context, request=None):
        writer = self.python_templates.get(template_name)
        if writer is not None:
            return writer(context["widget"])
        return super().render(template_name, context, request=request)


class RowChoiceIterator(ModelChoiceIterator):
    """A model choice field's choices read as rows (``values_list`` of ``label_fields``) instead
    of model instances, labelled by ``label_from_row``."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for pk, *values in self.queryset.values_list("pk", *self.field.label_fields):
            yield (pk, self.field.label_from_row(*values))


class RowChoiceMixin:
    """For a ModelChoiceField whose label needs a few columns only: set ``label_fields`` and
    ``label_from_row(*values)``. Validation still looks the chosen record up in the queryset."""

    iterator = RowChoiceIterator
    label_fields: tuple[str, ...] = ("name",)

    def label_from_row(self, *values) -> str:
        return str(values[0])


class ChoicesReadOnce(BaseChoiceIterator):
    """A model choice field's choices, read once for every select that shows them (two filters
    over the same records: one query). Give it to the widgets; validation still looks the chosen
    record up in each field's queryset."""

    def __init__(self, field: forms.ModelChoiceField):
        self.field = field
        self.rows = None

    def __iter__(self):
        if self.rows is None:
            # iter() first: list() would ask the iterator's len(), a COUNT query of its own.
            self.rows = list(iter(self.field.iterator(self.field)))
        return iter(self.rows)


class ModelIdsChoiceField(forms.ModelMultipleChoiceField):
    """Django's choice of several records, with each id checked to fit the database (core.ids)
    before the ``__in`` query that looks them up: an out-of-range id is refused as a record that
    does not exist. Every multiple choice of records in the apps is one of these
    (tests/test_id_fields.py)."""

    def clean(self, value):
        if isinstance(value, (list, tuple)) and self._keyed_by_integer():
            for item in self.prepare_value(value):
                number = as_integer(item)  # what is no integer at all, Django refuses itself
                if number is not None and not fits_id(number):
                    raise ValidationError(
                        self.error_messages["invalid_choice"], code="invalid_choice", params={"value": item}
                    )
        return super().clean(value)

    def _keyed_by_integer(self) -> bool:
        meta = self.queryset.model._meta
        key = meta.get_field(self.to_field_name) if self.to_field_name else meta.pk
        return isinstance(key.target_field if key.is_relation else key, models.IntegerField)


class CheckedIds(forms.TypedMultipleChoiceField):
    """The ids of the rows checked on a list page: any positive id the database can hold is
    accepted here (core.ids); the service refuses ids outside the actor's units."""

    def __init__(self):
        super().__init__(coerce=int, required=True)

    def valid_value(self, value):
        number = row_id(value)
        return number is not None and number > 0


INDENT = "\u3000"  # an ideographic space per tree level in choice labels


class UnitChoiceField(RowChoiceMixin, forms.ModelChoiceField):
    """Org units indented by depth so the tree shows in a plain select; ``with_code`` adds each
    unit's code (where units are administered). The queryset comes from the org app's selectors."""

    label_fields = ("depth", "name", "code")

    def __init__(self, queryset=None, *, with_code: bool = False, **kwargs):
        kwargs.setdefault("empty_label", _("Choose a unit"))
        self.with_code = with_code
        super().__init__(queryset, **kwargs)

    def label_from_row(self, depth, name, code):
        return f"{INDENT * depth}{name}（{code}）" if self.with_code else f"{INDENT * depth}{name}"


FAST_RENDERER = FastFormRenderer()
