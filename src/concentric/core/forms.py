from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from concentric.core.html import esc


def bootstrap(form: forms.BaseForm) -> forms.BaseForm:
    """Give every widget of ``form`` its Bootstrap class (also used on FilterSet forms)."""
    for field in form.fields.values():
        widget = field.widget
        if type(widget) is forms.CheckboxSelectMultiple:
            # Django puts the widget's class on the list's wrapper too: see CheckboxList.
            widget.__class__ = CheckboxList
        if isinstance(widget, (forms.CheckboxInput, forms.CheckboxSelectMultiple, forms.RadioSelect)):
            css = "form-check-input"
        elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
    return form


class CheckboxList(forms.CheckboxSelectMultiple):
    """Checkboxes that wrap across the line; ``bootstrap`` makes every checkbox list one. Django
    puts the widget's class on the list's wrapper too, and Bootstrap's form-check-input there
    would shrink the whole list to one box."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["class"] = "app-checks"
        return context


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
        parts.append(f" {name}" if value is True else f' {name}="{esc(value)}"')
    return "".join(parts)


def render_select(widget: dict) -> str:
    """What django/forms/widgets/select.html produces, written in Python."""
    out = [f'<select name="{esc(widget["name"])}"{_html_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            out.append(f'\n  <optgroup label="{esc(group_name)}">')
        for option in options:
            out.append(
                f'\n  <option value="{esc(option["value"])}"{_html_attrs(option["attrs"])}>'
                f'{esc(option["label"])}</option>\n'
            )
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>")
    return mark_safe("".join(out))


def render_input(widget: dict) -> str:
    """What django/forms/widgets/input.html produces (text, number, date, hidden … inputs)."""
    value = widget["value"]
    shown = "" if value is None else f' value="{esc(value)}"'
    return mark_safe(f'<input type="{esc(widget["type"])}" name="{esc(widget["name"])}"{shown}{_html_attrs(widget["attrs"])}>')


_INPUT_TEMPLATES = (
    "input", "text", "number", "email", "url", "password", "hidden", "search", "tel", "color", "date", "datetime",
    "time", "checkbox",
)


class FormRenderer(DjangoTemplates):
    """Django's form renderer, except that selects and plain inputs are written in Python:
    Django's templates include two templates per option and two per input, and a filter form's
    hundreds of options then cost a list page more than its queries. The markup is the same
    (core/tests/test_forms.py compares the two)."""

    python_templates = {"django/forms/widgets/select.html": render_select} | {
        f"django/forms/widgets/{name}.html": render_input for name in _INPUT_TEMPLATES
    }

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
