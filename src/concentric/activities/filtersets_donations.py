"""One FilterSet for each list of the donations area (pairing projects, donations): the list
page, its export, the API and the totals page read the same filters."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from concentric.activities.choices import DonationKind, DonorKind
from concentric.activities.models import Donation, PairingProject
from concentric.core.forms import UnitChoiceField
from concentric.core.scoping import Action
from concentric.org.selectors import visible_units


def _visible_units(request):
    return visible_units(getattr(request, "user", None))


def _visible_pairings(request):
    return PairingProject.objects.visible_to(getattr(request, "user", None), Action.VIEW)


class UnitFilterChoice(django_filters.ModelChoiceFilter):
    field_class = UnitChoiceField


def unit_filter():
    return UnitFilterChoice(
        label=_("Unit (with subunits)"), queryset=_visible_units, method="filter_unit", empty_label=_("All")
    )


def date_filter(label, lookup: str, field_name: str):
    return django_filters.DateFilter(
        label=label,
        field_name=field_name,
        lookup_expr=lookup,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class UnitFilterMixin:
    @extend_schema_field(OpenApiTypes.INT)  # the unit's id
    def filter_unit(self, queryset, name, value):
        return queryset.filter(org_unit__path__startswith=value.path)


class PeriodForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end of the period is before its start."))
        return cleaned


class PairingFilterSet(UnitFilterMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name or partner"), method="filter_text")
    unit = unit_filter()

    class Meta:
        model = PairingProject
        fields = ["q", "unit"]

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(partner__icontains=value))


class DonationFilterSet(UnitFilterMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Donor, recipient or item"), method="filter_text")
    unit = unit_filter()
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=DonationKind.choices, empty_label=_("All"))
    donor_kind = django_filters.ChoiceFilter(label=_("Donor"), choices=DonorKind.choices, empty_label=_("All"))
    since = date_filter(_("From"), "gte", "donated_on")
    until = date_filter(_("Until"), "lte", "donated_on")
    pairing = django_filters.ModelChoiceFilter(
        label=_("Pairing project"), queryset=_visible_pairings, empty_label=_("All")
    )

    class Meta:
        model = Donation
        fields = ["q", "unit", "kind", "donor_kind", "since", "until", "pairing"]
        form = PeriodForm

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(donor_name__icontains=value)
            | Q(donor_person__name__icontains=value)
            | Q(recipient_name__icontains=value)
            | Q(pairing__name__icontains=value)
            | Q(activity__title__icontains=value)
            | Q(item__icontains=value)
        )
