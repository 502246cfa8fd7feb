"""Writes to people: create, update, delete, move, unmask, tags."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concentric.core.auditing import audit_record, changed_fields
from concentric.core.scoping import Action
from concentric.core.services import (
    delete_unless_protected,
    ensure_still_visible,
    lock,
    lock_for_update,
    require,
    unchanged,
    unmask_field,
)
from concentric.people.models import Departure, DuplicateCase, Person, Tag
from concentric.people.search import rewrite_tokens
from concentric.people.services.common import (
    apply_values,
    category_ids,
    check_fields,
    person_changes,
    person_state,
    prepare,
    set_categories,
)
from concentric.people.services.duplicates import queue_suspected_duplicates, refuse_hard_duplicate
from concentric.people.services.photos import accepted_photo, discard_photo, photo_change
from concentric.rollups.services import tallies


def _check_main_category(person: Person) -> None:
    if person.main_category_id and not person.main_category.is_active:
        raise ValidationError({"main_category": _("This category is no longer in use.")})


@transaction.atomic
def person_create(*, actor, org_unit, name: str, main_category, categories=(), tags=(), **values) -> Person:
    """Register a person on ``org_unit``. Suspected duplicates are queued, never blocking;
    a document number already on record is refused. ``photo`` is an uploaded JPEG or PNG."""
    check_fields(values)
    require(actor, Action.ADD, Person, org_unit)
    person = Person(org_unit=org_unit, name=name, main_category=main_category)
    if "photo" in values:
        values["photo"] = accepted_photo(values["photo"])
    apply_values(person, values)
    prepare(person)
    _check_main_category(person)
    person.full_clean()
    refuse_hard_duplicate(actor, person)
    with photo_change(person), tallies() as tracked:
        person.save()
        tracked.add(person)
        set_categories(person, categories)
        if tags:
            person.tags.set(tags)
        rewrite_tokens(person)
        ensure_still_visible(actor, person, Action.VIEW)
    audit_record(actor=actor, action="create", obj=person, changes=person_changes({}, person))
    queue_suspected_duplicates(person)
    return person


@transaction.atomic
def person_update(*, actor, person_id: int, version: int, categories=None, **values) -> Person:
    """Change a person's fields (not the unit: see person_move_unit). ``categories`` replaces the
    set when given; the main category is always kept among them. ``photo`` replaces the photo
    with an uploaded JPEG or PNG, or removes it when "" (the old file goes on commit)."""
    check_fields(values)
    person = lock_for_update(actor, Person, person_id, version=version)
    before = person_state(person)
    if "photo" in values:
        values["photo"] = accepted_photo(values["photo"])
    with photo_change(person), tallies(person):
        apply_values(person, values)
        prepare(person)
        wanted = None if categories is None else category_ids(person, categories)
        if unchanged(before, person_state(person, categories=wanted)):
            return person
        if "main_category" in values:
            _check_main_category(person)
        person.full_clean()
        refuse_hard_duplicate(actor, person)
        person.version += 1
        person.save()
        set_categories(person, person.categories.all() if categories is None else categories)
        rewrite_tokens(person)
        ensure_still_visible(actor, person)
    audit_record(actor=actor, action="update", obj=person, changes=person_changes(before, person))
    queue_suspected_duplicates(person)
    return person


@transaction.atomic
def person_move_unit(*, actor, person_id: int, version: int, org_unit) -> Person:
    """Transfer a person to another unit; the actor must be able to change records of both."""
    person = lock_for_update(actor, Person, person_id, version=version)
    require(actor, Action.CHANGE, Person, org_unit)
    before = person_state(person)
    with tallies(person):
        person.org_unit = org_unit
        person.version += 1
        person.save(update_fields=["org_unit", "version", "updated_at"])
    ensure_still_visible(actor, person)
    audit_record(actor=actor, action="move", obj=person, changes=person_changes(before, person))
    return person


@transaction.atomic
def person_delete(*, actor, person_id: int, version: int) -> None:
    """Delete a person with every record kept on them, and the duplicate cases naming them; a
    departure line keeps the month's net increase true."""
    person = lock_for_update(actor, Person, person_id, version=version, action=Action.DELETE)
    changes = changed_fields(person_state(person), {}, sensitive=Person.SENSITIVE_FIELDS)
    audit_record(actor=actor, action="delete", obj=person, changes=changes)
    DuplicateCase.objects.filter(person_a=person).delete()
    DuplicateCase.objects.filter(person_b=person).delete()
    with tallies(person) as tracked:
        departure = Departure.objects.create(
            org_unit_id=person.org_unit_id,
            person_id=person.pk,
            name=person.name,
            main_category_id=person.main_category_id,
            registered_on=timezone.localdate(person.created_at),
            removed_on=timezone.localdate(),
            removed_by=actor,
        )
        tracked.add(departure)
        delete_unless_protected(
            person,
            _("This member cannot be deleted: activities, donations or certificates record them; they stay."),
        )
    discard_photo(person.photo.name)


def person_unmask(*, actor, person_id: int, field: str, reason: str) -> str:
    """The clear value of a sensitive field: needs the unmask permission and a reason; audited."""
    return unmask_field(actor=actor, model=Person, pk=person_id, field=field, reason=reason)


@transaction.atomic
def person_tag_add(*, actor, person_id: int, name: str) -> Tag:
    """Attach a tag by name, creating the tag when it is new."""
    person = lock(actor, Person, person_id, action=Action.CHANGE)
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Enter the tag.")})
    tag = Tag.objects.filter(name=name).first()
    if tag is None:
        tag = Tag(name=name)
        tag.full_clean()
        tag.save()
    before = person_state(person)
    person.tags.add(tag)
    audit_record(actor=actor, action="update", obj=person, changes=person_changes(before, person))
    return tag


@transaction.atomic
def person_tag_remove(*, actor, person_id: int, tag_id: int) -> None:
    person = lock(actor, Person, person_id, action=Action.CHANGE)
    before = person_state(person)
    person.tags.remove(tag_id)
    changes = person_changes(before, person)
    if changes:
        audit_record(actor=actor, action="update", obj=person, changes=changes)
    # A tag nobody carries any more leaves the filter's choices.
    Tag.objects.filter(pk=tag_id, people__isnull=True).delete()
