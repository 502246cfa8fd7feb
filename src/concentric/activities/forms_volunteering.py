"""The certificate's issuing form; hours are entered on the activity's hours page (its small
forms go straight to the services, which check every value)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concentric.activities.models import Certificate
from concentric.activities.selectors_volunteering import totals_by_person
from concentric.core.forms import UnitChoiceField
from concentric.core.kit.forms import KitForm
from concentric.core.scoping import Action
from concentric.org.selectors import units_where


def _date_field(label):
    return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


class CertificateIssueForm(KitForm):
    """A member with approved hours in the user's scope, the issuing unit and the period."""

    person = forms.TypedChoiceField(label=_("Member"), coerce=int)
    org_unit = UnitChoiceField(label=_("Issuing unit"))
    period_start = _date_field(_("From"))
    period_end = _date_field(_("Until"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        people = totals_by_person(self.actor, action=Action.ADD)  # the hours this user's units may certify
        self.fields["person"].choices = [("", _("Choose a member"))] + [
            (row.person_id, f"{row.name}（{row.unit_name}，{row.hours}{_('h')}）") for row in people
        ]
        self.fields["org_unit"].queryset = units_where(self.actor, Action.ADD, Certificate)
        today = timezone.localdate()
        self.fields["period_start"].initial = today.replace(month=1, day=1)
        self.fields["period_end"].initial = today

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period must end on or after the day it starts."))
        return cleaned

    def service_values(self) -> dict:
        values = super().service_values()
        values["person_id"] = values.pop("person")
        return values
