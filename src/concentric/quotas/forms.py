"""Forms of quota rules and calendar days. They only collect input; the services decide."""

from decimal import Decimal

from django import forms
from django.db.models import BLANK_CHOICE_DASH
from django.utils.translation import gettext_lazy as _

from concentric.core import registry
from concentric.core.forms import CheckboxList, UnitChoiceField
from concentric.core.kit.forms import KitForm
from concentric.core.roles import Role
from concentric.core.scoping import Action, user_scope
from concentric.org.choices import UnitKind
from concentric.org.selectors import units_where
from concentric.quotas.choices import KEEPER_KINDS, Period
from concentric.quotas.models import QuotaRule


def measure_choices() -> list[tuple[str, str]]:
    """Every registered measure: an app added later brings its own without touching this one."""
    return [(measure.key, str(measure.label)) for measure in registry.measures()]


def keeper_units(actor):
    """The districts and subdistricts where ``actor`` may keep rules."""
    return units_where(actor, Action.ADD, QuotaRule).filter(kind__in=KEEPER_KINDS)


def date_field(label, *, required: bool = True, help_text: str = ""):
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class QuotaRuleForm(KitForm):
    org_unit = UnitChoiceField(label=_("Kept by"), required=False)
    unit_kinds = forms.MultipleChoiceField(
        label=_("Units bound"),
        choices=UnitKind.choices,
        widget=CheckboxList,
        error_messages={"required": _("Choose at least one kind of unit.")},
    )
    measure = forms.ChoiceField(label=_("Measure"))
    period = forms.ChoiceField(label=_("Period"), choices=BLANK_CHOICE_DASH + Period.choices)
    minimum = forms.DecimalField(label=_("Minimum"), min_value=Decimal("0.01"), max_digits=12, decimal_places=2)
    subtree = forms.BooleanField(
        label=_("Count the units below"),
        required=False,
        help_text=_("Count the records of the unit and every unit below it; otherwise the unit's own records."),
    )
    valid_from = date_field(_("In force from"))
    valid_until = date_field(_("In force until"), required=False, help_text=_("Empty: until further notice."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].choices = BLANK_CHOICE_DASH + measure_choices()
        keeper = self.fields["org_unit"]
        current = self.instance.org_unit if self.instance is not None else None
        choices = keeper_units(self.actor)
        if current is not None:
            choices = choices | type(current)._default_manager.filter(pk=current.pk)
        keeper.queryset = choices.order_by("path")
        system_admin = Role.SYSTEM_ADMIN in user_scope(self.actor).roles
        keeper.required = not system_admin
        keeper.empty_label = _("(the whole system)") if system_admin else _("Choose a unit")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("valid_from"), cleaned.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("The end of the period is before its start."))
        return cleaned


class CalendarDayForm(KitForm):
    day = date_field(_("Day"))
    is_workday = forms.BooleanField(
        label=_("Working day"), required=False, help_text=_("Ticked: a make-up working day; not ticked: a day off.")
    )
    name = forms.CharField(
        label=_("Name"), max_length=40, help_text=_("The holiday's name, or why the day is changed.")
    )
