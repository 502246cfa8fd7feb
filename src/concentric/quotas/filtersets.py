"""One FilterSet per list: its page, its export and its API."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from concentric.core.kit.filters import BooleanFilter
from concentric.quotas.choices import Period
from concentric.quotas.forms import measure_choices
from concentric.quotas.models import CalendarDay, QuotaRule


class QuotaRuleFilterSet(django_filters.FilterSet):
    measure = django_filters.ChoiceFilter(label=_("Measure"), choices=measure_choices, empty_label=_("All"))
    period = django_filters.ChoiceFilter(label=_("Period"), choices=Period.choices, empty_label=_("All"))

    class Meta:
        model = QuotaRule
        fields = ["measure", "period"]


class YearFilter(django_filters.Filter):
    field_class = forms.IntegerField


class CalendarDayFilterSet(django_filters.FilterSet):
    year = YearFilter(label=_("Year"), field_name="day", lookup_expr="year", min_value=1900, max_value=2999)
    is_workday = BooleanFilter(label=_("Working day"))

    class Meta:
        model = CalendarDay
        fields = ["year", "is_workday"]
