"""The forms of pairing projects and donations. They only collect input; the services decide
and write. The donation form shows the member or the donor's name, the project, the activity or
the recipient's name, and the money or the goods fields as the chosen kinds need them."""

from django import forms
from django.db.models import BLANK_CHOICE_DASH, Q
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from concentric.activities.amounts import parse_quantity, parse_yuan
from concentric.activities.choices import DonationKind, DonorKind, RecipientKind
from concentric.activities.models import Activity, Donation, PairingProject
from concentric.core.forms import RowChoiceMixin, UnitChoiceField
from concentric.core.ids import row_id
from concentric.core.kit.forms import KitForm, model_field
from concentric.core.scoping import Action
from concentric.org.selectors import units_where
from concentric.people.selectors import person_list

DATE = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


def shown_when(field: forms.Field, condition: str) -> forms.Field:
    """Show ``field`` only while the condition ("kind=money") holds (app.js)."""
    field.widget.attrs["data-shown-when"] = condition
    return field


class FigureField(forms.CharField):
    """A figure typed as text ("50,000.00", "5万"), read exactly to a Decimal (activities.amounts)."""

    def __init__(self, *, parse, **kwargs):
        self.parse = parse
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return f"{value:f}" if hasattr(value, "as_tuple") else value

    def clean(self, value):
        text = super().clean(value)
        return self.parse(text) if text else None


class MemberSearchSelect(forms.Select):
    """A select of members with a search box before it: typing asks the member registry's API
    (its search: name, pinyin, initials, phone's last digits) for matches in the user's scope and
    offers them (app.js). The page itself lists only the member already chosen, never the whole
    registry."""

    search_url = "/api/v1/people/"

    def render(self, name, value, attrs=None, renderer=None):
        select = super().render(name, value, attrs, renderer)
        select_id = (attrs or {}).get("id") or self.attrs.get("id") or f"id_{name}"
        search = format_html(
            '<input type="search" class="form-control mb-1" data-search-url="{}" data-search-for="{}"'
            ' placeholder="{}" aria-label="{}" autocomplete="off">',
            self.search_url,
            select_id,
            _("Name, pinyin or phone's last four digits"),
            _("Search members"),
        )
        return search + select


class MemberChoiceField(RowChoiceMixin, forms.ModelChoiceField):
    """A member of the user's units (people.selectors), labelled with the member's unit. Any
    member in scope is accepted; the select offers the chosen one and what the search finds."""

    widget = MemberSearchSelect
    label_fields = ("name", "org_unit__name")

    def label_from_row(self, name, unit_name):
        return f"{name}（{unit_name}）"

    def offer_only(self, member_id) -> None:
        """Let the select list only ``member_id`` (the value shown), validation still reading the
        whole queryset."""
        chosen = self.queryset.filter(pk=member_id) if member_id is not None else self.queryset.none()
        self.widget.choices = [
            ("", self.empty_label),
            *((pk, self.label_from_row(name, unit)) for pk, name, unit in chosen.values_list("pk", *self.label_fields)),
        ]


class PairingForm(KitForm):
    org_unit = UnitChoiceField(label=_("Unit"))
    name = model_field(PairingProject, "name")
    partner = model_field(PairingProject, "partner")
    start_on = model_field(PairingProject, "start_on")
    end_on = model_field(PairingProject, "end_on")
    description = model_field(PairingProject, "description")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = units_where(self.actor, Action.ADD, PairingProject)


class DonationForm(KitForm):
    org_unit = UnitChoiceField(label=_("Recording unit"))
    donated_on = forms.DateField(label=_("Date"), **DATE)
    donor_kind = forms.ChoiceField(label=_("Donor kind"), choices=BLANK_CHOICE_DASH + DonorKind.choices)
    donor_person = shown_when(
        MemberChoiceField(label=_("Member"), queryset=None, required=False), f"donor_kind={DonorKind.MEMBER}"
    )
    donor_name = shown_when(
        forms.CharField(label=_("Donor's name"), max_length=100, required=False),
        f"donor_kind={DonorKind.ENTERPRISE},{DonorKind.GROUP}",
    )
    recipient_kind = forms.ChoiceField(label=_("To"), choices=BLANK_CHOICE_DASH + RecipientKind.choices)
    pairing = shown_when(
        forms.ModelChoiceField(label=_("Pairing project"), queryset=None, required=False),
        f"recipient_kind={RecipientKind.PAIRING}",
    )
    activity = shown_when(
        forms.ModelChoiceField(label=_("Activity"), queryset=None, required=False),
        f"recipient_kind={RecipientKind.ACTIVITY}",
    )
    recipient_name = shown_when(
        forms.CharField(label=_("Recipient"), max_length=100, required=False), f"recipient_kind={RecipientKind.NAMED}"
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=BLANK_CHOICE_DASH + DonationKind.choices)
    amount = shown_when(
        FigureField(
            label=_("Amount (yuan)"),
            parse=parse_yuan,
            required=False,
            help_text=_("Such as 50000, 50,000.00 or 5万; at most two decimal places."),
        ),
        f"kind={DonationKind.MONEY}",
    )
    item = shown_when(forms.CharField(label=_("Item"), max_length=60, required=False), f"kind={DonationKind.GOODS}")
    quantity = shown_when(
        FigureField(label=_("Quantity"), parse=parse_quantity, required=False), f"kind={DonationKind.GOODS}"
    )
    quantity_unit = shown_when(
        forms.CharField(
            label=_("Unit of measure"), max_length=10, required=False, help_text=_("Such as 只, 箱 or 吨.")
        ),
        f"kind={DonationKind.GOODS}",
    )
    remarks = model_field(Donation, "remarks")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.actor
        self.fields["org_unit"].queryset = units_where(user, Action.ADD, Donation)
        self.fields["donor_person"].queryset = person_list(user=user).select_related(None).order_by("name", "pk")
        self.fields["pairing"].queryset = PairingProject.objects.visible_to(user, Action.VIEW).order_by("-start_on")
        self.fields["activity"].queryset = Activity.objects.visible_to(user, Action.VIEW).order_by("-starts_at")
        for name in ("pairing", "activity", "donor_person"):
            self.fields[name].empty_label = _("Choose…")
            if self.instance is not None:
                self._keep_recorded(name)
        self.fields["donor_person"].offer_only(self._shown_member_id())

    def _keep_recorded(self, name: str) -> None:
        """On an edit, the member, project or activity recorded stays a valid choice even when the
        user does not see it (a community's donation to its subdistrict's project): the service
        accepts it unchanged."""
        recorded = getattr(self.instance, f"{name}_id")
        if recorded is None:
            return
        field = self.fields[name]
        in_scope = field.queryset.values("pk")
        field.queryset = field.queryset.model.objects.filter(Q(pk=recorded) | Q(pk__in=in_scope))

    def _shown_member_id(self) -> int | None:
        if self.is_bound:
            return row_id(self.data.get(self.add_prefix("donor_person")))
        initial = self.initial.get("donor_person")
        return row_id(getattr(initial, "pk", initial))
