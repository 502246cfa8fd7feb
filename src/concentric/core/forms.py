from django import forms
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


class FormRenderer(DjangoTemplates):
    """Django's form renderer, except that a <select> is written in Python: Django's template
    includes two templates per option, and a filter form's hundreds of options then cost a list
    page most of its time. The markup is the same (tests/test_forms compares the two)."""

    python_templates = {"django/forms/widgets/select.html": render_select}

    def render(self, template_name, context, request=None):
        writer = self.python_templates.get(template_name)
        if writer is not None:
            return writer(context["widget"])
        return super().render(template_name, context, request=request)
