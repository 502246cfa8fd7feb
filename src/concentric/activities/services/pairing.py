"""Writes to pairing projects (结对帮扶): a partner, a period, a description, an owning unit."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from concentric.activities.models import PairingProject
from concentric.core.auditing import audit_record, changed_fields
from concentric.core.scoping import Action
from concentric.core.services import (
    assign,
    delete_unless_protected,
    ensure_still_visible,
    lock_for_update,
    require,
    snapshot,
    unchanged,
)

PAIRING_FIELDS = ("org_unit", "name", "partner", "start_on", "end_on", "description")


@transaction.atomic
def pairing_create(
    *, actor, org_unit, name: str, partner: str, start_on, end_on=None, description: str = ""
) -> PairingProject:
    require(actor, Action.ADD, PairingProject, org_unit)
    project = PairingProject(org_unit=org_unit)
    assign(
        project, {"name": name, "partner": partner, "start_on": start_on, "end_on": end_on, "description": description}
    )
    _check(project)
    project.save()
    audit_record(
        actor=actor, action="create", obj=project, changes=changed_fields({}, snapshot(project, PAIRING_FIELDS))
    )
    return project


@transaction.atomic
def pairing_update(*, actor, pairing_id: int, version: int, **values) -> PairingProject:
    """Change a project; moving it to another unit needs the right to add there too."""
    unknown = set(values) - set(PAIRING_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    project = lock_for_update(actor, PairingProject, pairing_id, version=version)
    before = snapshot(project, PAIRING_FIELDS)
    assign(project, values)
    after = snapshot(project, PAIRING_FIELDS)
    if unchanged(before, after):
        return project
    if after["org_unit"] != before["org_unit"]:
        require(actor, Action.ADD, PairingProject, project.org_unit)
    _check(project)
    project.version += 1
    project.save()
    ensure_still_visible(actor, project)
    audit_record(actor=actor, action="update", obj=project, changes=changed_fields(before, after))
    return project


@transaction.atomic
def pairing_delete(*, actor, pairing_id: int, version: int) -> None:
    """Delete a project nothing refers to (its activities and donations keep it otherwise)."""
    project = lock_for_update(actor, PairingProject, pairing_id, version=version, action=Action.DELETE)
    if project.activities.exists() or project.donations.exists():
        raise ValidationError(_("This pairing project cannot be deleted: activities or donations belong to it."))
    audit_record(
        actor=actor, action="delete", obj=project, changes=changed_fields(snapshot(project, PAIRING_FIELDS), {})
    )
    delete_unless_protected(project, _("This pairing project cannot be deleted: activities or donations belong to it."))


def _check(project: PairingProject) -> None:
    if project.end_on and project.start_on and project.end_on < project.start_on:
        raise ValidationError({"end_on": _("The end date is before the start date.")})
    project.full_clean()
