"""The member's path (发现 → 培养 → 使用 → 管理): dated events, and the stage derived from them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from concentric.core.auditing import audit_record, changed_fields
from concentric.core.scoping import Action
from concentric.core.services import lock, snapshot
from concentric.people.choices import STAGE_EVENT_KINDS, Stage
from concentric.people.models import PathEvent, Person
from concentric.rollups.services import tallies

EVENT_FIELDS = ("person", "stage", "kind", "occurred_on", "source", "evidence")


def recompute_stage(person_id: int) -> tuple[str, object]:
    """Set the person's stage to that of the latest event by (date, id), and stage_since to the
    date the uninterrupted run of events in that stage began."""
    rows = (
        PathEvent.objects.filter(person_id=person_id)
        .order_by("-occurred_on", "-id")
        .values_list("stage", "occurred_on")
    )
    stage, since = Stage.NONE, None
    for event_stage, occurred_on in rows.iterator():
        if stage and event_stage != stage:
            break
        stage, since = event_stage, occurred_on
    Person.objects.filter(pk=person_id).update(stage=stage, stage_since=since)
    return stage, since


@transaction.atomic
def person_path_record(
    *, actor, person_id: int, stage: str, kind: str, occurred_on, source: str = "", evidence: str = ""
) -> PathEvent:
    """Append a dated step to the person's path; the kind must belong to the stage."""
    person = lock(actor, Person, person_id, action=Action.CHANGE)
    if stage not in STAGE_EVENT_KINDS:
        raise ValidationError({"stage": _("Choose the stage.")})
    if kind not in STAGE_EVENT_KINDS[stage]:
        raise ValidationError({"kind": _("This kind of record does not belong to the chosen stage.")})
    event = PathEvent(
        person=person,
        stage=stage,
        kind=kind,
        occurred_on=occurred_on,
        source=source.strip(),
        evidence=evidence.strip(),
        recorded_by=actor,
    )
    event.full_clean()
    before = {"stage": person.stage, "stage_since": person.stage_since}
    with tallies(person):
        event.save()
        new_stage, since = recompute_stage(person.pk)
    changes = changed_fields({}, snapshot(event, EVENT_FIELDS))
    changes.update(changed_fields(before, {"stage": new_stage, "stage_since": since}))
    audit_record(actor=actor, action="create", obj=event, org_unit_id=person.org_unit_id, changes=changes)
    return event


@transaction.atomic
def person_path_delete(*, actor, event_id: int) -> None:
    """Remove a step recorded in error; the stage is derived again from what remains."""
    event = lock(actor, PathEvent, event_id, action=Action.DELETE)
    person = lock(actor, Person, event.person_id, action=Action.CHANGE)
    before_event = snapshot(event, EVENT_FIELDS)
    before = {"stage": person.stage, "stage_since": person.stage_since}
    with tallies(person):
        event.delete()
        new_stage, since = recompute_stage(person.pk)
    changes = changed_fields(before_event, {})
    changes.update(changed_fields(before, {"stage": new_stage, "stage_since": since}))
    audit_record(
        actor=actor,
        action="delete",
        object_type="people.pathevent",
        object_id=str(event_id),
        object_repr=str(event),
        org_unit_id=person.org_unit_id,
        changes=changes,
    )


@transaction.atomic
def person_path_evidence(
    *, actor, person_id: int, origin: str, stage: str, kind: str, occurred_on, source: str = "", evidence: str = ""
) -> PathEvent:
    """The step another line of work's record stands for (an activity attended, a talk given),
    kept under ``origin``: written once, brought up to date when that record changes, so the
    worker never enters it twice. The actor needs only to see the member: the evidence follows
    from a record the actor may write. ``actor`` None: a record written without an account (a
    phone check-in through its activity's signed link), which vouches for the member itself."""
    person = _member(actor, person_id)
    existing = PathEvent.objects.filter(origin=origin).select_for_update().first()
    if existing is not None and existing.person_id != person.pk:  # the record now names another member
        person_path_evidence_remove(actor=actor, origin=origin)
        existing = None
    event = existing or PathEvent(person=person, origin=origin, recorded_by=actor)
    before_event = snapshot(event, EVENT_FIELDS) if existing else {}
    event.person, event.stage, event.kind, event.occurred_on = person, stage, kind, occurred_on
    event.source, event.evidence = source.strip()[:100], evidence.strip()
    after_event = snapshot(event, EVENT_FIELDS)
    if existing and before_event == after_event:
        return event
    event.full_clean(exclude=["recorded_by"] if actor is None else None)  # no account wrote it
    with tallies(person):
        event.save()
        _restage_and_audit(actor, person, event, before_event, after_event, "change" if existing else "create")
    return event


@transaction.atomic
def person_path_evidence_remove(*, actor, origin: str) -> None:
    """Withdraw the step kept under ``origin`` (the attendance was undone); nothing if none."""
    event = PathEvent.objects.filter(origin=origin).select_for_update().first()
    if event is None:
        return
    person = _member(actor, event.person_id)
    before_event = snapshot(event, EVENT_FIELDS)
    event_id = event.pk
    with tallies(person):
        event.delete()
        event.pk = event_id
        _restage_and_audit(actor, person, event, before_event, {}, "delete")


def _member(actor, person_id: int) -> Person:
    if actor is None:
        return Person.objects.select_for_update().get(pk=person_id)
    return lock(actor, Person, person_id, action=Action.VIEW)


def _restage_and_audit(actor, person, event, before_event: dict, after_event: dict, action: str) -> None:
    before = {"stage": person.stage, "stage_since": person.stage_since}
    new_stage, since = recompute_stage(person.pk)
    changes = changed_fields(before_event, after_event)
    changes.update(changed_fields(before, {"stage": new_stage, "stage_since": since}))
    audit_record(
        actor=actor,
        action=action,
        object_type="people.pathevent",
        object_id=str(event.pk),
        object_repr=str(event),
        org_unit_id=person.org_unit_id,
        changes=changes,
    )
