"""Activity, activity-type and participant forms. They only collect input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from concentric.activities.choices import ActivityStatus, ParticipantRole, PathEvidence
from concentric.activities.models import Activity, ActivityType
from concentric.core.forms import BootstrapForm, ModelIdsChoiceField, UnitChoiceField
from concentric.core.kit.forms import KitForm, taken
from concentric.core.scoping import Action
from concentric.org.selectors import units_around, units_where, visible_units
from concentric.venues.selectors import rooms_in_use, rooms_visible, venues_visible

DATETIME_WIDGET = {"type": "datetime-local"}
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class UnitsField(ModelIdsChoiceField):
    def label_from_instance(self, unit):
        return unit.name


class RoomField(forms.ModelChoiceField):
    def label_from_instance(self, room):
        return f"{room.venue.name} · {room.name}"


class ActivityForm(KitForm):
    org_unit = UnitChoiceField(label=_("Organising unit"))
    title = forms.CharField(label=_("Title"), max_length=120)
    type = forms.ModelChoiceField(label=_("Type"), queryset=ActivityType.objects.none())
    starts_at = forms.DateTimeField(
        label=_("Starts at"), widget=forms.DateTimeInput(attrs=DATETIME_WIDGET, format=DATETIME_FORMAT)
    )
    ends_at = forms.DateTimeField(
        label=_("Ends at"), widget=forms.DateTimeInput(attrs=DATETIME_WIDGET, format=DATETIME_FORMAT)
    )
    venue = forms.ModelChoiceField(label=_("Venue"), queryset=None, required=False)
    room = RoomField(label=_("Room"), queryset=None, required=False)
    address = forms.CharField(
        label=pgettext_lazy("activity", "Address"),
        max_length=120,
        required=False,
        help_text=_("Where it takes place when not at a venue."),
    )
    co_units = UnitsField(
        label=_("Co-organising units"),
        queryset=None,
        required=False,
        # app.js hides the option of the organising unit chosen above (data-excludes)
        widget=forms.SelectMultiple(attrs={"size": 4, "data-excludes": "org_unit"}),
        help_text=_("They see and count the activity but do not change it."),
    )
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        activity = self.instance
        units = units_where(self.actor, Action.ADD, Activity)
        types = ActivityType.objects.visible_to(self.actor, Action.VIEW).filter(is_active=True)
        venues, rooms = venues_visible(self.actor).filter(is_active=True), rooms_in_use(self.actor)
        if activity is not None:  # what the activity has stays choosable
            units = units | visible_units(self.actor).filter(pk=activity.org_unit_id)
            types = types | ActivityType.objects.filter(pk=activity.type_id)
            venues = venues | venues_visible(self.actor).filter(pk=activity.venue_id)
            rooms = rooms | rooms_visible(self.actor).filter(pk=activity.room_id)
        self.fields["org_unit"].queryset = units.order_by("path")
        only = self.fields["org_unit"].queryset[0].pk if len(self.fields["org_unit"].queryset) == 1 else None
        if activity is None and only is not None:
            self.fields["org_unit"].initial = only
        self.fields["type"].queryset = types.order_by("sort", "pk")
        self.fields["venue"].queryset = venues
        self.fields["room"].queryset = rooms
        # The organising unit is never its own co-organiser: left out when it is settled (an edit,
        # or a single unit to choose from); when several may organise, clean() and the service refuse it.
        organiser = activity.org_unit_id if activity is not None else only
        self.fields["co_units"].queryset = units_around(units).exclude(pk=organiser)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("starts_at"), cleaned.get("ends_at")
        if start and end and end < start:
            self.add_error("ends_at", _("The activity cannot end before it starts."))
        organiser = cleaned.get("org_unit")
        if organiser is not None and any(unit.pk == organiser.pk for unit in cleaned.get("co_units") or ()):
            self.add_error("co_units", _("The organising unit cannot also be a co-organiser."))
        room, venue = cleaned.get("room"), cleaned.get("venue")
        if room is not None and venue is not None and room.venue_id != venue.pk:
            self.add_error("room", _("Choose a room of the chosen venue."))
        if room is None and venue is None and not cleaned.get("address", "").strip():
            self.add_error("address", _("Choose a venue or give the address."))
        return cleaned


class ActivityTypeForm(KitForm):
    name = forms.CharField(label=_("Name"), max_length=30)
    path_evidence = forms.ChoiceField(label=_("On the member's path"), choices=PathEvidence.choices, required=False)
    is_volunteering = forms.BooleanField(label=_("Volunteer service"), required=False)
    sort = forms.IntegerField(label=_("Order"), min_value=0, max_value=32767, initial=100)
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if taken(ActivityType, "name", name, self.instance):
            raise forms.ValidationError(_("Another activity type already has this name."))
        return name


class StatusForm(BootstrapForm):
    status = forms.ChoiceField(choices=ActivityStatus.choices)
    reason = forms.CharField(max_length=500, required=False)


class MemberParticipantForm(BootstrapForm):
    person = forms.IntegerField(min_value=1, error_messages={"required": _("Choose a member.")})
    role = forms.ChoiceField(label=_("Role"), choices=ParticipantRole.choices, initial=ParticipantRole.PARTICIPANT)


class GuestParticipantForm(BootstrapForm):
    guest_name = forms.CharField(
        label=_("Guest's name"), max_length=50, error_messages={"required": _("Give the guest's name.")}
    )
    guest_phone = forms.CharField(label=_("Guest's phone"), max_length=20, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=ParticipantRole.choices, initial=ParticipantRole.PARTICIPANT)


class ParticipantChangeForm(BootstrapForm):
    role = forms.ChoiceField(label=_("Role"), choices=ParticipantRole.choices, required=False)
    attended = forms.TypedChoiceField(
        label=_("Attended"),
        choices=[("1", _("Yes")), ("0", _("No"))],
        coerce=lambda value: value == "1",
        required=False,
    )
    version = forms.IntegerField(required=False)
