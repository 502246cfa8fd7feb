"""The member's path (发现 → 培养 → 使用 → 管理): dated events, and the stage derived from them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from concentric.core.auditing import audit_record, changed_fields
from concentric.core.scoping import Action
from concentric.core.services import lock, snapshot
from concentric.people.choices import STAGE_EVENT_KINDS, Stage
from concentric.people.models import PathEvent, Person

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
    event.save()
    before = {"stage": person.stage, "stage_since": person.stage_since}
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
