"""The Python <select> writer produces exactly what Django's select templates produce."""

from django import forms
from django.forms.renderers import DjangoTemplates

from concentric.core.forms import FormRenderer


class Sample(forms.Form):
    plain = forms.ChoiceField(choices=[("", "全部"), ("a", "甲 & <乙>"), ("b", 'say "hi"')], required=False)
    grouped = forms.ChoiceField(choices=[("组一", [("1", "一"), ("2", "二")]), ("3", "三")])
    many = forms.MultipleChoiceField(choices=[(1, "x"), (2, "y"), (3, "z")])
    flagged = forms.ChoiceField(choices=[("on", "开")], widget=forms.Select(attrs={"class": "form-select", "disabled": True, "data-x": False}))


def _rendered(renderer, data):
    form = Sample(data, renderer=renderer)
    return {name: str(form[name]) for name in form.fields}


def test_python_select_matches_django_templates():
    data = {"plain": "a", "grouped": "2", "many": ["1", "3"], "flagged": "on"}
    ours, django = _rendered(FormRenderer(), data), _rendered(DjangoTemplates(), data)
    assert ours == django
    assert 'selected' in ours["many"] and "&lt;乙&gt;" in ours["plain"] and "<optgroup" in ours["grouped"]


def test_other_widgets_still_use_templates():
    class Other(forms.Form):
        text = forms.CharField()
        when = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))

    form = Other({"text": "<b>", "when": "2026-01-02"}, renderer=FormRenderer())
    reference = Other({"text": "<b>", "when": "2026-01-02"}, renderer=DjangoTemplates())
    assert str(form["text"]) == str(reference["text"]) and "&lt;b&gt;" in str(form["text"])
    assert str(form["when"]) == str(reference["when"])


def test_bootstrap_keeps_a_checkbox_list_wrapper_free_of_the_checkbox_class():
    from concentric.core.forms import bootstrap

    class Choices(forms.Form):
        picks = forms.MultipleChoiceField(choices=[("a", "甲"), ("b", "乙")], widget=forms.CheckboxSelectMultiple)

    html = str(bootstrap(Choices())["picks"])
    assert html.startswith('<div id="id_picks" class="app-checks">')
    assert html.count('class="form-check-input"') == 2
