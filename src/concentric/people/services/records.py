"""Records kept on a person (arrangements, honours, trainings, relations, contacts), scoped
through the person: whoever may change the person may write them."""

from django.db import transaction

from concentric.core.auditing import audit_record, changed_fields
from concentric.core.scoping import Action
from concentric.core.services import lock_for_update, snapshot
from concentric.people.models import Arrangement, ContactRecord, FamilyMember, Honour, Person, Training
from concentric.people.services.validation import clean_phone

RECORD_MODELS = (Arrangement, Honour, Training, FamilyMember, ContactRecord)


def _editable(model) -> tuple[str, ...]:
    skip = {"id", "person", "created_at", "updated_at", "version"}
    return tuple(f.name for f in model._meta.concrete_fields if f.name not in skip)


def _check(model, values: dict) -> None:
    if model not in RECORD_MODELS:
        raise TypeError(f"not a person record: {model.__name__}")
    unknown = set(values) - set(_editable(model))
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")


def _prepare(record) -> None:
    if isinstance(record, FamilyMember):
        record.phone = clean_phone(record.phone, field="phone")
    record.full_clean()


def _sensitive(model) -> frozenset[str]:
    return getattr(model, "SENSITIVE_FIELDS", frozenset())


def _apply(record, values: dict) -> None:
    for name, value in values.items():
        setattr(record, name, value.strip() if isinstance(value, str) else value)


@transaction.atomic
def record_create(*, actor, model, person_id: int, **values):
    _check(model, values)
    person = lock_for_update(actor, Person, person_id, version=None)
    record = model(person=person)
    _apply(record, values)
    _prepare(record)
    record.save()
    fields = _editable(model)
    changes = changed_fields({}, snapshot(record, fields), sensitive=_sensitive(model))
    audit_record(actor=actor, action="create", obj=record, org_unit_id=person.org_unit_id, changes=changes)
    return record


@transaction.atomic
def record_update(*, actor, model, record_id: int, version: int, **values):
    _check(model, values)
    record = lock_for_update(actor, model, record_id, version=version)
    fields = _editable(model)
    before = snapshot(record, fields)
    _apply(record, values)
    _prepare(record)
    record.version += 1
    record.save()
    changes = changed_fields(before, snapshot(record, fields), sensitive=_sensitive(model))
    audit_record(actor=actor, action="update", obj=record, org_unit_id=record.person.org_unit_id, changes=changes)
    return record


@transaction.atomic
def record_delete(*, actor, model, record_id: int, version: int) -> None:
    _check(model, {})
    record = lock_for_update(actor, model, record_id, version=version, action=Action.DELETE)
    fields = _editable(model)
    changes = changed_fields(snapshot(record, fields), {}, sensitive=_sensitive(model))
    audit_record(actor=actor, action="delete", obj=record, org_unit_id=record.person.org_unit_id, changes=changes)
    record.delete()
