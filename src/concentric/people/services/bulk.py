"""Bulk actions on the people chosen on the list page: each one transaction over the selection,
every row scope-checked first (one row out of reach refuses the whole request) and audited per row."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from concentric.core.scoping import Action
from concentric.people.models import Person
from concentric.people.services.path import person_path_record
from concentric.people.services.persons import person_move_unit, person_tag_add

BULK_LIMIT = 500


def _checked_ids(actor, person_ids) -> list[int]:
    ids = sorted({int(pk) for pk in person_ids})
    if not ids:
        raise ValidationError(_("Choose at least one record."))
    if len(ids) > BULK_LIMIT:
        raise ValidationError(_("Choose at most %(limit)d records at a time.") % {"limit": BULK_LIMIT})
    reachable = Person.objects.visible_to(actor, Action.CHANGE).select_for_update().filter(pk__in=ids)
    if reachable.count() != len(ids):
        raise PermissionDenied(
            _("Some of the chosen records are outside your units or no longer exist; nothing was changed.")
        )
    return ids


@transaction.atomic
def person_bulk_tag(*, actor, person_ids, name: str) -> int:
    ids = _checked_ids(actor, person_ids)
    for pk in ids:
        person_tag_add(actor=actor, person_id=pk, name=name)
    return len(ids)


@transaction.atomic
def person_bulk_move(*, actor, person_ids, org_unit) -> int:
    """A move chosen from the list, whose rows carry no versions: each person as they are now
    (the move changes the unit only, so it cannot overwrite another's edit of their fields)."""
    ids = _checked_ids(actor, person_ids)
    versions = dict(Person.objects.filter(pk__in=ids).values_list("pk", "version"))
    for pk in ids:
        person_move_unit(actor=actor, person_id=pk, version=versions[pk], org_unit=org_unit)
    return len(ids)


@transaction.atomic
def person_bulk_path_record(
    *, actor, person_ids, stage: str, kind: str, occurred_on, source: str = "", evidence: str = ""
) -> int:
    ids = _checked_ids(actor, person_ids)
    for pk in ids:
        person_path_record(
            actor=actor, person_id=pk, stage=stage, kind=kind, occurred_on=occurred_on, source=source, evidence=evidence
        )
    return len(ids)
