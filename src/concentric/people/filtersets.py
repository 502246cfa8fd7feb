"""The one member filter, shared by the list page, the API and the export."""

from datetime import date

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from concentric.core.filtering import FastFilterSet
from concentric.core.forms import ChoicesReadOnce, UnitChoiceField
from concentric.core.scoping import Action
from concentric.org.selectors import visible_units
from concentric.people import choices
from concentric.people.forms import CategoryChoiceField, TagMultipleChoiceField
from concentric.people.models import Category, Person, Tag
from concentric.people.search import person_search_filter

# "" means "not set" on the model, and "all" in a filter: the filter spells "not set" as "none".
NONE = "none"


def _with_none(choice_class, none_label):
    return [(NONE, none_label)] + [(value, label) for value, label in choice_class.choices if value]


def _visible_units(request):
    return visible_units(getattr(request, "user", None))


def _categories(request):
    return Category.objects.visible_to(getattr(request, "user", None), Action.VIEW)


def _tags(request):
    return Tag.objects.visible_to(getattr(request, "user", None), Action.VIEW)


def years_before(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February in a year without one
        return today.replace(year=today.year - years, day=28)


class UnitFilterChoice(django_filters.ModelChoiceFilter):
    field_class = UnitChoiceField


class CategoryFilterChoice(django_filters.ModelChoiceFilter):
    field_class = CategoryChoiceField


class TagsFilterChoice(django_filters.ModelMultipleChoiceFilter):
    field_class = TagMultipleChoiceField


class PersonFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("age_min"), cleaned.get("age_max")
        if low is not None and high is not None and low > high:
            self.add_error("age_max", _("The upper age is below the lower one."))
        return cleaned


class PersonFilterSet(FastFilterSet):
    q = django_filters.CharFilter(label=_("Name, pinyin, ID number or phone"), method="filter_text")
    unit = UnitFilterChoice(
        label=_("Unit (with subunits)"), queryset=_visible_units, method="filter_unit", empty_label=_("All")
    )
    main_category = CategoryFilterChoice(
        label=_("Main category"), queryset=_categories, method="filter_main_category", empty_label=_("All")
    )
    category = CategoryFilterChoice(
        label=_("Category"), queryset=_categories, method="filter_category", empty_label=_("All")
    )
    tier = django_filters.ChoiceFilter(
        label=_("Tier"), choices=_with_none(choices.Tier, _("None")), method="filter_blankable", empty_label=_("All")
    )
    stage = django_filters.ChoiceFilter(
        label=_("Stage"),
        choices=_with_none(choices.Stage, _("Not started")),
        method="filter_blankable",
        empty_label=_("All"),
    )
    political_affiliation = django_filters.ChoiceFilter(
        label=_("Political affiliation"),
        choices=choices.PoliticalAffiliation.choices,
        method="filter_political_affiliation",
        empty_label=_("All"),
    )
    overseas_status = django_filters.ChoiceFilter(
        label=_("Overseas status"),
        choices=_with_none(choices.OverseasStatus, _("None")),
        method="filter_blankable",
        empty_label=_("All"),
    )
    age_min = django_filters.NumberFilter(label=_("Age from"), method="filter_age_min", min_value=0, max_value=150)
    age_max = django_filters.NumberFilter(label=_("Age to"), method="filter_age_max", min_value=0, max_value=150)
    # Last: its list is taller than one row of the filter grid.
    tags = TagsFilterChoice(label=_("Tags"), queryset=_tags, method="filter_tags", widget=forms.SelectMultiple)

    class Meta:
        model = Person
        fields = []
        form = PersonFilterForm

    def get_form_class(self):
        form_class = super().get_form_class()
        fields = form_class.base_fields
        fields["main_category"].widget.choices = fields["category"].widget.choices = ChoicesReadOnce(fields["category"])
        return form_class

    def filter_text(self, queryset, name, value):
        return person_search_filter(queryset, value)

    @extend_schema_field(OpenApiTypes.INT)  # the unit's id
    def filter_unit(self, queryset, name, value):
        return queryset.filter(org_unit__path__startswith=value.path)

    @extend_schema_field(OpenApiTypes.INT)  # the category's id
    def filter_main_category(self, queryset, name, value):
        # 新的社会阶层人士 covers its four sub-groups: a member's main category may be either.
        return queryset.filter(Q(main_category=value) | Q(main_category__parent=value))

    @extend_schema_field(OpenApiTypes.INT)
    def filter_category(self, queryset, name, value):
        links = Person.categories.through.objects.filter(category=value).values("person_id")
        return queryset.filter(pk__in=links)

    def filter_tags(self, queryset, name, value):
        if not value:
            return queryset
        links = Person.tags.through.objects.filter(tag__in=value).values("person_id")
        return queryset.filter(pk__in=links)

    def filter_blankable(self, queryset, name, value):
        return queryset.filter(**{name: "" if value == NONE else value})

    def filter_political_affiliation(self, queryset, name, value):
        digest = Person._meta.get_field("political_affiliation_index").digest(value)
        return queryset.filter(political_affiliation_index=digest)

    def filter_age_min(self, queryset, name, value):
        # At least N years old: born on or before today N years ago.
        return queryset.filter(birth_date__lte=years_before(timezone.localdate(), int(value)))

    def filter_age_max(self, queryset, name, value):
        # At most N years old: born after today N + 1 years ago.
        return queryset.filter(birth_date__gt=years_before(timezone.localdate(), int(value) + 1))
