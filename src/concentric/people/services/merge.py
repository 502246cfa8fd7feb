"""Merging two records of the same person into one, after review."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from concentric.core.auditing import audit_record
from concentric.core.scoping import Action
from concentric.core.services import ensure_still_visible, lock_for_update, require
from concentric.people.models import (
    Arrangement,
    ContactRecord,
    DuplicateCase,
    DuplicateStatus,
    FamilyMember,
    Honour,
    PathEvent,
    Person,
    Training,
)
from concentric.people.search import rewrite_tokens, split_names
from concentric.people.services.common import PERSON_FIELDS, person_changes, person_state, prepare
from concentric.people.services.duplicates import queue_suspected_duplicates
from concentric.people.services.path import recompute_stage
from concentric.people.services.photos import discard_photo
from concentric.rollups.services import tallies

MERGEABLE_FIELDS = (*PERSON_FIELDS, "org_unit")


@transaction.atomic
def person_merge(
    *,
    actor,
    keep_id: int,
    remove_id: int,
    keep_version: int,
    remove_version: int,
    field_choices: dict | None = None,
) -> Person:
    """Fold ``remove`` into ``keep``: ``field_choices`` maps a field to "keep" or "remove" (whose
    value survives; default keep). Every record, path event, tag and category of ``remove`` moves
    to ``keep``; duplicate cases between them close as merged, others follow to ``keep``. A name
    that does not survive, and the removed record's former names, join the former names (so the
    search still finds the person by them); suspected duplicates of the result are queued. Both
    records must be as the reviewer saw them (``keep_version``, ``remove_version``)."""
    field_choices = field_choices or {}
    unknown = set(field_choices) - set(MERGEABLE_FIELDS)
    if unknown:
        raise TypeError(f"not mergeable: {sorted(unknown)}")
    if set(field_choices.values()) - {"keep", "remove"}:
        raise ValueError("field choices are 'keep' or 'remove'")
    if keep_id == remove_id:
        raise ValidationError(_("Choose two different records to merge."))
    # Lock in id order so two merges of the same pair cannot deadlock.
    locked = {}
    for pk in sorted((keep_id, remove_id)):
        if pk == keep_id:
            locked[pk] = lock_for_update(actor, Person, pk, version=keep_version)
        else:
            locked[pk] = lock_for_update(actor, Person, pk, version=remove_version, action=Action.DELETE)
    keep, remove = locked[keep_id], locked[remove_id]
    before = person_state(keep)

    taken = {name: getattr(remove, name) for name, choice in field_choices.items() if choice == "remove"}
    if "org_unit" in taken:
        require(actor, Action.CHANGE, Person, taken["org_unit"])

    with tallies(keep, remove):
        moved = {}
        for model in (Arrangement, Honour, Training, FamilyMember, ContactRecord, PathEvent):
            moved[model._meta.model_name] = model.objects.filter(person=remove).update(person=keep)
        keep.tags.add(*remove.tags.all())
        keep.categories.add(*remove.categories.all())
        cases = _close_cases(actor, keep, remove)

        removed_repr = f"{remove.pk} {remove.name}"
        photos = {keep.photo.name or "", remove.photo.name or ""}
        names = [keep.name, remove.name, *split_names(remove.former_names)]
        remove.delete()  # frees its document number before keep may take it
        for name, value in taken.items():
            setattr(keep, name, value)
        prepare(keep)
        keep.former_names = _former_names(keep, names)
        keep.full_clean()
        keep.version += 1
        keep.save()
        keep.categories.add(keep.main_category_id)
        rewrite_tokens(keep)
        recompute_stage(keep.pk)
        ensure_still_visible(actor, keep)
        queue_suspected_duplicates(keep)
        for photo in photos - {keep.photo.name or "", ""}:
            discard_photo(photo)

    changes = person_changes(before, keep)
    changes["merged_record"] = [removed_repr, None]
    changes["moved_records"] = [None, ", ".join(f"{name}={count}" for name, count in sorted(moved.items()) if count)]
    changes["duplicate_cases"] = [None, ",".join(str(pk) for pk in cases)]
    audit_record(actor=actor, action="merge", obj=keep, changes=changes)
    return keep


def _former_names(keep: Person, names: list[str]) -> str:
    """``keep``'s former names with each of ``names`` that is neither its name nor listed yet."""
    listed = split_names(keep.former_names)
    added = []
    for name in names:
        name = "".join(name.split())
        if name and name != keep.name and name not in listed and name not in added:
            added.append(name)
    if not added:
        return keep.former_names
    joined = "、".join(([keep.former_names] if keep.former_names else []) + added)
    limit = Person._meta.get_field("former_names").max_length
    if len(joined) > limit:
        raise ValidationError(
            {
                "former_names": _(
                    "The merged record's former names would exceed %(limit)d characters; shorten the former names "
                    "of one record first."
                )
                % {"limit": limit}
            }
        )
    return joined


def _close_cases(actor, keep: Person, remove: Person) -> list[int]:
    """Cases between the two close as merged (kept on ``keep``); cases between ``remove`` and a
    third record are carried over to ``keep`` unless ``keep`` already has one with that record."""
    touched = []
    now = timezone.now()
    pair = Q(person_a=keep, person_b=remove) | Q(person_a=remove, person_b=keep)
    for case in DuplicateCase.objects.select_for_update().filter(pair):
        case.person_a, case.person_b = keep, None
        if case.status == DuplicateStatus.OPEN:
            case.status, case.resolved_by, case.resolved_at = DuplicateStatus.MERGED, actor, now
        case.save()
        touched.append(case.pk)
    for case in DuplicateCase.objects.select_for_update().filter(Q(person_a=remove) | Q(person_b=remove)):
        other_id = case.person_b_id if case.person_a_id == remove.pk else case.person_a_id
        a, b = sorted((keep.pk, other_id))
        if DuplicateCase.objects.filter(person_a_id=a, person_b_id=b).exists():
            case.delete()
        else:
            case.person_a_id, case.person_b_id = a, b
            case.save()
        touched.append(case.pk)
    return touched
