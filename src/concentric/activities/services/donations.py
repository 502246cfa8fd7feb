"""Writes to donations: from a member, an enterprise or a group; to a pairing project, an
activity or a named recipient; money in yuan or goods as item, quantity and unit of measure.

What the kinds do not use is cleared (an enterprise's donation keeps no member, a money donation
no goods), so a record holds one donor, one recipient and either money or goods. The member,
the activity and the pairing project must be ones the actor sees; a member is looked up through
the member registry's selectors, in the actor's scope.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from concentric.activities.amounts import parse_quantity, parse_yuan
from concentric.activities.choices import DonationKind, DonorKind, RecipientKind
from concentric.activities.models import Activity, Donation, PairingProject
from concentric.core.auditing import audit_record, changed_fields
from concentric.core.scoping import Action
from concentric.core.services import assign, ensure_still_visible, lock_for_update, require, snapshot, unchanged
from concentric.people.selectors import person_list
from concentric.rollups.services import tallies

DONATION_FIELDS = (
    "org_unit",
    "donated_on",
    "donor_kind",
    "donor_person",
    "donor_name",
    "recipient_kind",
    "pairing",
    "activity",
    "recipient_name",
    "kind",
    "amount",
    "item",
    "quantity",
    "quantity_unit",
    "remarks",
)
DEFAULTS = {
    "donor_person": None,
    "donor_name": "",
    "pairing": None,
    "activity": None,
    "recipient_name": "",
    "amount": None,
    "item": "",
    "quantity": None,
    "quantity_unit": "",
    "remarks": "",
}
# What each kind keeps; the other fields of its group are cleared.
DONOR_FIELDS = {
    DonorKind.MEMBER: ("donor_person",),
    DonorKind.ENTERPRISE: ("donor_name",),
    DonorKind.GROUP: ("donor_name",),
}
RECIPIENT_FIELDS = {
    RecipientKind.PAIRING: ("pairing",),
    RecipientKind.ACTIVITY: ("activity",),
    RecipientKind.NAMED: ("recipient_name",),
}
KIND_FIELDS = {DonationKind.MONEY: ("amount",), DonationKind.GOODS: ("item", "quantity", "quantity_unit")}


@transaction.atomic
def donation_create(*, actor, **values) -> Donation:
    _check_names(values)
    org_unit = values.get("org_unit")
    if org_unit is None:
        raise ValidationError({"org_unit": _("Choose the recording unit.")})
    require(actor, Action.ADD, Donation, org_unit)
    donation = Donation()
    assign(donation, {**DEFAULTS, **values})
    _prepare(actor, donation, before={})
    with tallies() as tracked:
        donation.save()
        tracked.add(donation)
    audit_record(
        actor=actor, action="create", obj=donation, changes=changed_fields({}, snapshot(donation, DONATION_FIELDS))
    )
    return donation


@transaction.atomic
def donation_update(*, actor, donation_id: int, version: int, **values) -> Donation:
    _check_names(values)
    donation = lock_for_update(actor, Donation, donation_id, version=version)
    before = snapshot(donation, DONATION_FIELDS)
    assign(donation, values)
    _prepare(actor, donation, before=before)
    after = snapshot(donation, DONATION_FIELDS)
    if unchanged(before, after):
        return donation
    if after["org_unit"] != before["org_unit"]:
        require(actor, Action.ADD, Donation, donation.org_unit)
    donation.version += 1
    with tallies(donation):
        donation.save()
    ensure_still_visible(actor, donation)
    audit_record(actor=actor, action="update", obj=donation, changes=changed_fields(before, after))
    return donation


@transaction.atomic
def donation_delete(*, actor, donation_id: int, version: int) -> None:
    donation = lock_for_update(actor, Donation, donation_id, version=version, action=Action.DELETE)
    audit_record(
        actor=actor, action="delete", obj=donation, changes=changed_fields(snapshot(donation, DONATION_FIELDS), {})
    )
    with tallies(donation):
        donation.delete()


def _check_names(values: dict) -> None:
    unknown = set(values) - set(DONATION_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")


def _prepare(actor, donation: Donation, *, before: dict) -> None:
    """Clear what the kinds do not use, read the figures exactly, check every choice is one the
    actor may make, then the model's own checks. All problems are reported together."""
    errors: dict[str, list[str]] = {}
    _keep_only(donation, DONOR_FIELDS, donation.donor_kind)
    _keep_only(donation, RECIPIENT_FIELDS, donation.recipient_kind)
    _keep_only(donation, KIND_FIELDS, donation.kind)
    _read_figures(donation, errors)
    _check_donor(actor, donation, before, errors)
    _check_recipient(actor, donation, before, errors)
    if donation.kind == DonationKind.MONEY and donation.amount is None and "amount" not in errors:
        errors["amount"] = [_("Enter the amount in yuan.")]
    if donation.kind == DonationKind.GOODS:
        for name, message in (
            ("item", _("Enter what was donated (such as 口罩).")),
            ("quantity", _("Enter the quantity.")),
            ("quantity_unit", _("Enter the unit of measure (such as 只 or 箱).")),
        ):
            if getattr(donation, name) in (None, "") and name not in errors:
                errors[name] = [message]
    if errors:
        raise ValidationError(errors)
    donation.full_clean()


def _keep_only(donation: Donation, fields_by_kind: dict, kind: str) -> None:
    kept = fields_by_kind.get(kind, ())
    for fields in fields_by_kind.values():
        for name in fields:
            if name not in kept:
                setattr(donation, name, DEFAULTS[name])


def _read_figures(donation: Donation, errors: dict) -> None:
    for name, parse in (("amount", parse_yuan), ("quantity", parse_quantity)):
        value = getattr(donation, name)
        if value in (None, ""):
            setattr(donation, name, None)
            continue
        try:
            setattr(donation, name, parse(value))
        except ValidationError as error:
            errors[name] = error.messages


def _check_donor(actor, donation: Donation, before: dict, errors: dict) -> None:
    if donation.donor_kind == DonorKind.MEMBER:
        if donation.donor_person_id is None:
            errors["donor_person"] = [_("Choose the member who donated.")]
        elif donation.donor_person_id != before.get("donor_person") and not (
            person_list(user=actor).filter(pk=donation.donor_person_id).exists()
        ):
            errors["donor_person"] = [_("Choose a member of the units you work for.")]
    elif donation.donor_kind in (DonorKind.ENTERPRISE, DonorKind.GROUP) and not donation.donor_name.strip():
        errors["donor_name"] = [_("Enter the donor's name.")]


def _check_recipient(actor, donation: Donation, before: dict, errors: dict) -> None:
    kind = donation.recipient_kind
    if kind == RecipientKind.PAIRING:
        _check_visible(actor, PairingProject, donation.pairing_id, before.get("pairing"), "pairing", errors)
    elif kind == RecipientKind.ACTIVITY:
        _check_visible(actor, Activity, donation.activity_id, before.get("activity"), "activity", errors)
    elif kind == RecipientKind.NAMED and not donation.recipient_name.strip():
        errors["recipient_name"] = [_("Enter the recipient's name.")]


def _check_visible(actor, model, pk, kept, field: str, errors: dict) -> None:
    if pk is None:
        errors[field] = [_("Choose the %(thing)s.") % {"thing": model._meta.verbose_name}]
    elif pk != kept and not model.objects.visible_to(actor, Action.VIEW).filter(pk=pk).exists():
        errors[field] = [_("Choose a %(thing)s of the units you work for.") % {"thing": model._meta.verbose_name}]
