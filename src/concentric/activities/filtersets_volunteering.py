"""The filters of the volunteer hours list, the certificates list and the totals page: one
FilterSet each for the page, its export and the API."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from concentric.activities import choices
from concentric.activities.models import Certificate, VolunteerHours
from concentric.activities.selectors_volunteering import period_filter
from concentric.core.forms import UnitChoiceField
from concentric.org.selectors import visible_units


def _visible_units(request):
    return visible_units(getattr(request, "user", None))


class UnitFilterChoice(django_filters.ModelChoiceFilter):
    field_class = UnitChoiceField


def _date_filter(label, method):
    return django_filters.DateFilter(
        label=label, method=method, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class PeriodFilterSet(django_filters.FilterSet):
    """A unit (with the units below it) and a period of the activities' dates."""

    unit = UnitFilterChoice(
        label=_("Unit (with subunits)"), queryset=_visible_units, method="filter_unit", empty_label=_("All")
    )
    start = _date_filter(_("From"), "filter_start")
    end = _date_filter(_("Until"), "filter_end")
    activity_prefix = "participant__activity__"

    @extend_schema_field(OpenApiTypes.INT)  # the unit's id
    def filter_unit(self, queryset, name, value):
        return queryset.filter(**{f"{self.activity_prefix}org_unit__path__startswith": value.path})

    def filter_start(self, queryset, name, value):
        return queryset.filter(period_filter(self.activity_prefix, value, None))

    def filter_end(self, queryset, name, value):
        return queryset.filter(period_filter(self.activity_prefix, None, value))


class HoursFilterSet(PeriodFilterSet):
    q = django_filters.CharFilter(label=_("Activity or name"), method="filter_text")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=choices.HoursStatus.choices, empty_label=_("All"))

    class Meta:
        model = VolunteerHours
        fields = ["q", "unit", "status", "start", "end"]

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(participant__activity__title__icontains=value)
            | Q(participant__person__name=value)
            | Q(participant__guest_name=value)
        )


class CertificateFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Number or name"), method="filter_text")
    unit = UnitFilterChoice(
        label=_("Issuing unit (with subunits)"), queryset=_visible_units, method="filter_unit", empty_label=_("All")
    )

    class Meta:
        model = Certificate
        fields = ["q", "unit"]

    @extend_schema_field(OpenApiTypes.INT)
    def filter_unit(self, queryset, name, value):
        return queryset.filter(org_unit__path__startswith=value.path)

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(number__iexact=value) | Q(person__name=value))


class TotalsFilterSet(PeriodFilterSet):
    """The totals page's filters (read by the page itself: the totals are computed, not listed)."""

    by = django_filters.ChoiceFilter(
        label=_("Totals per"),
        choices=[("unit", _("Unit")), ("person", _("Member"))],
        method="filter_nothing",
        empty_label=None,
    )

    class Meta:
        model = VolunteerHours
        fields = ["unit", "start", "end", "by"]

    def filter_nothing(self, queryset, name, value):
        return queryset
