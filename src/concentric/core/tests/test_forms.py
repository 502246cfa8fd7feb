"""The Python writers of selects and inputs produce exactly what Django's widget templates
produce; model choices read as rows are the choices Django's own iterator gives."""

import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.urls import reverse

from concentric.core.forms import FAST_WIDGETS, RowChoiceMixin, Select, SelectMultiple, bootstrap


class Sample(forms.Form):
    plain = forms.ChoiceField(choices=[("", "全部"), ("a", "甲 & <乙>"), ("b", 'say "hi"')], required=False)
    grouped = forms.ChoiceField(choices=[("组一", [("1", "一"), ("2", "二")]), ("3", "三")])
    many = forms.MultipleChoiceField(choices=[(1, "x"), (2, "y"), (3, "z")])
    flagged = forms.ChoiceField(
        choices=[("on", "开")], widget=forms.Select(attrs={"class": "form-select", "disabled": True, "data-x": False})
    )
    text = forms.CharField(max_length=10, widget=forms.TextInput(attrs={"placeholder": '<"名">', "autofocus": True}))
    number = forms.IntegerField(min_value=0, required=False)
    when = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    secret = forms.CharField(widget=forms.PasswordInput)
    hidden = forms.IntegerField(widget=forms.HiddenInput)
    agree = forms.BooleanField(required=False)
    note = forms.CharField(widget=forms.Textarea, required=False)


DJANGO_WIDGETS = {ours: django for django, ours in FAST_WIDGETS.items()}


def _rendered(data, *, ours: bool):
    """Each field of a bootstrapped Sample: with our widgets and renderer, or with Django's."""
    form = bootstrap(Sample(data, renderer=DjangoTemplates()), fast=ours)
    if not ours:
        for field in form.fields.values():
            field.widget.__class__ = DJANGO_WIDGETS.get(type(field.widget), type(field.widget))
    return {name: str(form[name]) for name in form.fields}


def test_python_writers_match_django_templates():
    data = {
        "plain": "a",
        "grouped": "2",
        "many": ["1", "3"],
        "flagged": "on",
        "text": "<b>x</b>",
        "number": "7",
        "when": "2026-01-02",
        "secret": "pw",
        "hidden": "3",
        "agree": "on",
        "note": "n",
    }
    ours, django = _rendered(data, ours=True), _rendered(data, ours=False)
    assert ours == django
    assert "selected" in ours["many"] and "&lt;乙&gt;" in ours["plain"] and "<optgroup" in ours["grouped"]
    assert "&lt;b&gt;" in ours["text"] and " autofocus" in ours["text"] and " checked" in ours["agree"]


def test_unbound_and_invalid_forms_match_too():
    assert _rendered(None, ours=True) == _rendered(None, ours=False)
    bad = {"plain": "zz", "grouped": "9", "many": ["7"], "text": "x" * 20}  # errors: aria-invalid on each
    assert _rendered(bad, ours=True) == _rendered(bad, ours=False)


def test_the_python_writers_are_opt_in():
    form = bootstrap(Sample(), fast=True)
    assert type(form.fields["plain"].widget) is Select and type(form.fields["many"].widget) is SelectMultiple
    plain = bootstrap(Sample())
    assert (
        type(plain.fields["plain"].widget) is forms.Select and type(plain.fields["many"].widget) is forms.SelectMultiple
    )


def test_bootstrap_keeps_a_checkbox_list_wrapper_free_of_the_checkbox_class():
    class Choices(forms.Form):
        picks = forms.MultipleChoiceField(choices=[("a", "甲"), ("b", "乙")], widget=forms.CheckboxSelectMultiple)

    html = str(bootstrap(Choices())["picks"])
    assert html.startswith('<div id="id_picks" class="app-checks">')
    assert html.count('class="form-check-input"') == 2


def test_row_choices_are_the_instance_choices(tree):
    from concentric.org.models import OrgUnit

    class ByInstance(forms.ModelChoiceField):
        def label_from_instance(self, unit):
            return f"{unit.depth}:{unit.name}"

    class ByRow(RowChoiceMixin, forms.ModelChoiceField):
        label_fields = ("depth", "name")

        def label_from_row(self, depth, name):
            return f"{depth}:{name}"

    queryset = OrgUnit.objects.order_by("path")
    by_instance = [(str(value), label) for value, label in ByInstance(queryset=queryset).choices]
    by_row = [(str(value), label) for value, label in ByRow(queryset=queryset).choices]
    assert by_row == by_instance and len(by_row) == 6  # the empty choice and the five units
    assert by_row[2] == (str(tree["S"].pk), "1:湖滨街道")
    assert ByRow(queryset=queryset).clean(str(tree["C1"].pk)) == tree["C1"]


# --- the empty choice of selects: 请选择 on forms, 全部 in filters ----------------------------


def _empty_options(html: str) -> dict[str, str]:
    """Each select's name -> the label of its empty option ("" when it has none)."""
    found = {}
    for select in re.finditer(r'<select name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        empty = re.search(r'<option value=""[^>]*>([^<]*)</option>', select.group(2))
        found[select.group(1)] = empty.group(1) if empty else ""
    return found


@pytest.mark.django_db
def test_form_selects_offer_choose_and_filters_all_never_dashes(client_for, users, tree):
    from concentric.people.crud import RECORDS
    from concentric.people.models import Category
    from concentric.people.services import person_create

    person = person_create(
        actor=users["c1_staff"], org_unit=tree["C1"], name="张三", main_category=Category.objects.get(code="non-party")
    )
    forms_pages = {
        "c1_staff": [reverse("people:create"), reverse("people:edit", args=[person.pk])]
        + [records.url("create", person.pk) for records in RECORDS],
        "c1_admin": [reverse("people:category_create")],
        "sysadmin": [reverse("org:create"), reverse("users:create")],
    }
    filter_pages = {
        "c1_staff": [reverse("people:list")],
        "sysadmin": [reverse("org:list"), reverse("users:list")],
        "auditadmin": [reverse("audit:list")],
    }
    seen_choose, seen_all = set(), set()
    for user, urls in forms_pages.items():
        client = client_for(user)
        for url in urls:
            html = client.get(url).content.decode()
            assert "---------" not in html, url
            seen_choose |= {(url, name) for name, label in _empty_options(html).items() if label == "请选择"}
    assert {
        (reverse("people:create"), "gender"),
        (reverse("people:create"), "main_category"),
        (reverse("people:create"), "religion"),
        (reverse("people:arrangement_create", args=[person.pk]), "level"),
        (reverse("people:category_create"), "parent"),
    } <= seen_choose
    for user, urls in filter_pages.items():
        client = client_for(user)
        for url in urls:
            html = client.get(url).content.decode()
            assert "---------" not in html, url
            filters = html[html.index('data-testid="filter-form"') :]
            labels = _empty_options(filters[: filters.index("</form>")])
            assert labels and set(labels.values()) <= {"全部", ""}, (url, labels)
            seen_all |= {(url, name) for name, label in labels.items() if label == "全部"}
    assert {
        (reverse("people:list"), "stage"),
        (reverse("people:list"), "political_affiliation"),
        (reverse("org:list"), "kind"),
        (reverse("org:list"), "is_active"),
        (reverse("users:list"), "role"),
        (reverse("audit:list"), "result"),
    } <= seen_all


@pytest.mark.django_db
def test_filters_and_forms_relabel_django_dashes_in_both_languages():
    import django_filters
    from django.utils import translation
    from django_filters import FilterSet

    from concentric.core.forms import ALL
    from concentric.org.choices import UnitKind
    from concentric.org.models import OrgUnit
    from concentric.people.models import Person

    class Filters(FilterSet):
        kind = django_filters.ChoiceFilter(choices=UnitKind.choices)
        parent = django_filters.ModelChoiceFilter(queryset=OrgUnit.objects.all())

        class Meta:
            model = OrgUnit
            fields = []

    class PersonFields(forms.Form):
        gender = Person._meta.get_field("gender").formfield()  # blank=True: Django's dash first
        org_unit = Person._meta.get_field("org_unit").formfield(required=False)

    for language, choose, everything in (("zh-hans", "请选择", "全部"), ("en", "Choose…", "All")):
        with translation.override(language):
            form = bootstrap(Filters().form, empty_label=ALL)  # as a list page binds its filters
            assert _empty_options(str(form["kind"]) + str(form["parent"])) == {"kind": everything, "parent": everything}
            person_form = bootstrap(PersonFields())
            html = str(person_form["gender"]) + str(person_form["org_unit"])
            assert _empty_options(html) == {"gender": choose, "org_unit": choose}
            assert "---------" not in html
