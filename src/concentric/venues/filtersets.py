"""One FilterSet per list: the page, its export and the API read the same one."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from concentric.core.forms import UnitChoiceField
from concentric.core.kit.filters import BooleanFilter
from concentric.org.selectors import visible_units
from concentric.venues.choices import BookingStatus, VenueKind
from concentric.venues.models import Booking, Room, RoomFunction, Venue
from concentric.venues.selectors import rooms_visible, venues_visible


def _visible_units(request):
    return visible_units(getattr(request, "user", None))


def _venues(request):
    return venues_visible(getattr(request, "user", None)).order_by("name", "id")


def _rooms(request):
    return rooms_visible(getattr(request, "user", None))


class UnitFilterChoice(django_filters.ModelChoiceFilter):
    field_class = UnitChoiceField


class RoomChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, room):
        return f"{room.venue.name} · {room.name}"


class RoomFilterChoice(django_filters.ModelChoiceFilter):
    field_class = RoomChoiceField


def _under(queryset, field: str, unit):
    """Records whose ``field`` unit lies under ``unit`` (the unit itself included)."""
    return queryset.filter(**{f"{field}__path__startswith": unit.path}) if unit else queryset


class VenueFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name or address"), method="filter_text")
    unit = UnitFilterChoice(
        label=_("Unit (with subunits)"), queryset=_visible_units, method="filter_unit", empty_label=_("All")
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=VenueKind.choices, empty_label=_("All"))
    is_active = BooleanFilter(label=_("In use"))

    class Meta:
        model = Venue
        fields = ["q", "unit", "kind", "is_active"]

    def filter_text(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(name__icontains=value) | Q(address__icontains=value)) if value else queryset

    @extend_schema_field(OpenApiTypes.INT)  # the unit's id
    def filter_unit(self, queryset, name, unit):
        return _under(queryset, "org_unit", unit)


class BookingFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end of the period is before its start."))
        return cleaned


class BookingFilterSet(django_filters.FilterSet):
    venue = django_filters.ModelChoiceFilter(
        label=_("Venue"), queryset=_venues, field_name="room__venue", empty_label=_("All")
    )
    room = RoomFilterChoice(label=_("Room"), queryset=_rooms, empty_label=_("All"))
    unit = UnitFilterChoice(
        label=_("Booking unit (with subunits)"), queryset=_visible_units, method="filter_unit", empty_label=_("All")
    )
    date_from = django_filters.DateFilter(
        label=_("From date"), method="filter_from", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = django_filters.DateFilter(
        label=_("To date"), method="filter_to", widget=forms.DateInput(attrs={"type": "date"})
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=BookingStatus.choices, empty_label=_("All"))

    class Meta:
        model = Booking
        fields = ["venue", "room", "unit", "date_from", "date_to", "status"]
        form = BookingFilterForm

    @extend_schema_field(OpenApiTypes.INT)  # the unit's id
    def filter_unit(self, queryset, name, unit):
        return _under(queryset, "org_unit", unit)

    def filter_from(self, queryset, name, day):
        """Bookings still running on or after ``day``."""
        return queryset.filter(ends_at__date__gte=day)

    def filter_to(self, queryset, name, day):
        """Bookings starting on or before ``day``."""
        return queryset.filter(starts_at__date__lte=day)


class RoomFilterSet(django_filters.FilterSet):
    venue = django_filters.ModelChoiceFilter(label=_("Venue"), queryset=_venues, empty_label=_("All"))
    function = django_filters.ModelChoiceFilter(
        label=_("Function"),
        queryset=RoomFunction.objects.order_by("sort", "id"),
        field_name="functions",
        empty_label=_("All"),
    )
    is_active = BooleanFilter(label=_("In use"))

    class Meta:
        model = Room
        fields = ["venue", "function", "is_active"]
