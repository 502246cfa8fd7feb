"""Venue, booking and room-function forms. They collect input; the services decide and write."""

from django import forms
from django.db.models import BLANK_CHOICE_DASH
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from concentric.core.forms import UnitChoiceField
from concentric.core.kit.forms import KitForm, taken
from concentric.core.scoping import Action
from concentric.org.selectors import units_where
from concentric.venues.choices import VenueKind
from concentric.venues.filtersets import RoomChoiceField
from concentric.venues.models import Booking, Room, RoomFunction, Venue
from concentric.venues.selectors import rooms_in_use

MINUTE_INPUT = {"type": "datetime-local", "step": "60"}
MINUTE_FORMAT = "%Y-%m-%dT%H:%M"


def _offer_units(field, actor, units, current) -> None:
    """The units a form offers; a new record starts on the actor's own unit when it is among them."""
    field.queryset = _with_current(units, current)
    own = getattr(actor, "org_unit_id", None)
    if current is None and own is not None and units.filter(pk=own).exists():
        field.initial = own


def _with_current(units, current):
    """The units a form offers, and on an edit the record's own (so keeping it stays possible)."""
    return (units | type(current).objects.filter(pk=current.pk)).order_by("path") if current is not None else units


class VenueForm(KitForm):
    org_unit = UnitChoiceField(label=_("Unit"))
    name = forms.CharField(label=_("Name"), max_length=60)
    kind = forms.ChoiceField(label=_("Kind"), choices=BLANK_CHOICE_DASH + VenueKind.choices)
    address = forms.CharField(label=_("Address"), max_length=120)
    opening_hours = forms.CharField(
        label=_("Opening hours"), max_length=120, required=False, help_text=_("For example: 周一至周五 9:00–17:00")
    )
    keeper = forms.CharField(label=_("Keeper"), max_length=50, required=False)
    keeper_phone = forms.CharField(
        label=_("Keeper's phone"), max_length=20, required=False, help_text=_("Left empty on an edit: kept as it is.")
    )
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.org_unit if self.instance is not None else None
        _offer_units(self.fields["org_unit"], self.actor, units_where(self.actor, Action.ADD, Venue), current)

    def clean(self):
        cleaned = super().clean()
        unit, name = cleaned.get("org_unit"), (cleaned.get("name") or "").strip()
        if unit is not None and name:
            others = Venue.objects.filter(org_unit=unit, name=name)
            if self.instance is not None:
                others = others.exclude(pk=self.instance.pk)
            if others.exists():
                self.add_error("name", _("This unit already has a venue of this name."))
        return cleaned


class VenueEditForm(VenueForm):
    is_active = forms.BooleanField(label=_("In use"), required=False)


class BookingForm(KitForm):
    room = RoomChoiceField(label=_("Room"), queryset=None)
    org_unit = UnitChoiceField(label=_("Booking unit"))
    starts_at = forms.DateTimeField(
        label=pgettext_lazy("date and time", "From"),
        widget=forms.DateTimeInput(attrs=MINUTE_INPUT, format=MINUTE_FORMAT),
    )
    ends_at = forms.DateTimeField(
        label=pgettext_lazy("date and time", "Until"),
        widget=forms.DateTimeInput(attrs=MINUTE_INPUT, format=MINUTE_FORMAT),
    )
    purpose = forms.CharField(label=_("Purpose"), max_length=120)
    contact = forms.CharField(label=_("Contact person"), max_length=50, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        rooms = rooms_in_use(self.actor)
        if self.instance is not None:
            rooms = rooms | Room.objects.filter(pk=self.instance.room_id)
        self.fields["room"].queryset = rooms.select_related("venue").order_by("venue__name", "venue_id", "name", "id")
        current = self.instance.org_unit if self.instance is not None else None
        _offer_units(self.fields["org_unit"], self.actor, units_where(self.actor, Action.ADD, Booking), current)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("starts_at"), cleaned.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", _("The end must be after the start."))
        return cleaned


class RoomFunctionForm(KitForm):
    name = forms.CharField(label=_("Name"), max_length=30)
    code = forms.SlugField(
        label=_("Code"), max_length=30, help_text=_("Letters, digits, dash or underscore; statistics group by it.")
    )
    sort = forms.IntegerField(label=_("Order"), min_value=0, max_value=32767, initial=100)

    def clean_code(self):
        if taken(RoomFunction, "code", self.cleaned_data["code"], self.instance):
            raise forms.ValidationError(_("Another room function already has this code."))
        return self.cleaned_data["code"]

    def clean_name(self):
        if taken(RoomFunction, "name", self.cleaned_data["name"].strip(), self.instance):
            raise forms.ValidationError(_("Another room function already has this name."))
        return self.cleaned_data["name"]
