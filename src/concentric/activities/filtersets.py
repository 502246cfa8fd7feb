"""One FilterSet for the activity list page, its export and the API; one for participants (API)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from concentric.activities.choices import ActivityStatus, ParticipantRole
from concentric.activities.models import Activity, ActivityType, Participant
from concentric.core.forms import UnitChoiceField
from concentric.core.kit.filters import BooleanFilter
from concentric.core.scoping import Action
from concentric.org.selectors import visible_units


def _visible_units(request):
    return visible_units(getattr(request, "user", None))


def _types(request):
    return ActivityType.objects.visible_to(getattr(request, "user", None), Action.VIEW)


def _activities(request):
    return Activity.objects.visible_to(getattr(request, "user", None), Action.VIEW)


class UnitFilterChoice(django_filters.ModelChoiceFilter):
    field_class = UnitChoiceField


class ActivityFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("starts_from"), cleaned.get("starts_until")
        if start and end and start > end:
            self.add_error("starts_until", _("The end of the period is before its start."))
        return cleaned


class ActivityFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Title"), method="filter_title")
    unit = UnitFilterChoice(
        label=_("Unit (with subunits)"), queryset=_visible_units, method="filter_unit", empty_label=_("All")
    )
    type = django_filters.ModelChoiceFilter(label=_("Type"), queryset=_types, empty_label=_("All"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ActivityStatus.choices, empty_label=_("All"))
    starts_from = django_filters.DateFilter(
        label=_("From"), method="filter_from", widget=forms.DateInput(attrs={"type": "date"})
    )
    starts_until = django_filters.DateFilter(
        label=_("Until"), method="filter_until", widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = Activity
        fields = []
        form = ActivityFilterForm

    def filter_title(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(title__icontains=value) if value else queryset

    @extend_schema_field(OpenApiTypes.INT)  # the unit's id
    def filter_unit(self, queryset, name, value):
        """Organised by the unit or a unit below it, or co-organised by one of them."""
        below = Activity.objects.filter(co_units__path__startswith=value.path).values("pk")
        return queryset.filter(Q(org_unit__path__startswith=value.path) | Q(pk__in=below))

    def filter_from(self, queryset, name, value):
        return queryset.filter(starts_at__date__gte=value)

    def filter_until(self, queryset, name, value):
        return queryset.filter(starts_at__date__lte=value)


class ParticipantFilterSet(django_filters.FilterSet):
    activity = django_filters.ModelChoiceFilter(label=_("Activity"), queryset=_activities, empty_label=_("All"))
    role = django_filters.ChoiceFilter(label=_("Role"), choices=ParticipantRole.choices, empty_label=_("All"))
    attended = BooleanFilter(label=_("Attended"))

    class Meta:
        model = Participant
        fields = ["activity", "role", "attended"]
