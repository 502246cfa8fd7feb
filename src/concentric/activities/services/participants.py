"""Writes of an activity's participants: registered members picked in the actor's scope, guests
by name (and an encrypted phone), their role and attendance. Only the organising unit writes;
every change of role or attendance brings the member's path in line (services.evidence)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from concentric.activities.choices import CheckInMethod, ParticipantRole
from concentric.activities.models import Activity, Participant
from concentric.activities.services.evidence import origin_of, sync_evidence
from concentric.core.auditing import audit_record, changed_fields
from concentric.core.scoping import Action
from concentric.core.services import delete_unless_protected, lock, lock_for_update, snapshot
from concentric.core.validation import clean_phone
from concentric.people.selectors import person_list
from concentric.people.services.path import person_path_evidence_remove
from concentric.rollups.services import tallies

PARTICIPANT_FIELDS = ("person", "guest_name", "guest_phone", "role", "attended", "check_in_method")
CHANGEABLE = ("role", "attended")


def _activity_to_change(actor, activity_id: int) -> Activity:
    """The activity, locked, if the actor organises it; a co-organiser is told why not."""
    try:
        return lock(actor, Activity, activity_id, action=Action.CHANGE)
    except Http404:
        if Activity.objects.visible_to(actor, Action.VIEW).filter(pk=activity_id).exists():
            raise PermissionDenied(_("Only the organising unit changes this activity's participants.")) from None
        raise


def _check_role(role: str) -> None:
    if role not in ParticipantRole.values:
        raise ValidationError({"role": _("Choose a valid role.")})


def _audit(actor, action: str, participant, before: dict, after: dict) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=participant,
        org_unit_id=participant.activity.org_unit_id,
        changes=changed_fields(before, after, sensitive=Participant.SENSITIVE_FIELDS),
    )


def _mark(participant, attended: bool) -> None:
    """Attendance entered by staff; a phone check-in keeps its own time and method."""
    participant.attended = attended
    if attended and not participant.check_in_method:
        participant.check_in_method = CheckInMethod.MANUAL
        participant.checked_in_at = timezone.now()
    elif not attended:
        participant.check_in_method = ""
        participant.checked_in_at = None


def _save_new(actor, participant) -> Participant:
    participant.full_clean()
    with tallies() as tracked:
        participant.save()
        tracked.add(participant)
    sync_evidence(actor, participant)
    _audit(actor, "create", participant, {}, snapshot(participant, PARTICIPANT_FIELDS))
    return participant


@transaction.atomic
def participant_add_member(
    *, actor, activity_id: int, person_id: int, role: str = ParticipantRole.PARTICIPANT, attended: bool = False
) -> Participant:
    """Add a registered member the actor may see."""
    activity = _activity_to_change(actor, activity_id)
    _check_role(role)
    person = person_list(user=actor).filter(pk=person_id).first()
    if person is None:
        raise ValidationError({"person": _("Choose a member among those you can see.")})
    if activity.participants.filter(person=person).exists():
        raise ValidationError({"person": _("%(name)s is already a participant.") % {"name": person.name}})
    participant = Participant(activity=activity, person=person, role=role)
    _mark(participant, attended)
    return _save_new(actor, participant)


@transaction.atomic
def participant_add_guest(
    *,
    actor,
    activity_id: int,
    guest_name: str,
    guest_phone: str = "",
    role: str = ParticipantRole.PARTICIPANT,
    attended: bool = False,
) -> Participant:
    """Add a guest by name (and phone, kept encrypted and shown masked)."""
    activity = _activity_to_change(actor, activity_id)
    _check_role(role)
    name = (guest_name or "").strip()
    if not name:
        raise ValidationError({"guest_name": _("Give the guest's name.")})
    participant = Participant(
        activity=activity, guest_name=name, guest_phone=clean_phone(guest_phone or "", field="guest_phone"), role=role
    )
    _mark(participant, attended)
    return _save_new(actor, participant)


@transaction.atomic
def participant_update(*, actor, participant_id: int, version: int, **values) -> Participant:
    """Change a participant's role or attendance."""
    unknown = set(values) - set(CHANGEABLE)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    participant = lock_for_update(actor, Participant, participant_id, version=version)
    if "role" in values:
        _check_role(values["role"])
    before = snapshot(participant, PARTICIPANT_FIELDS)
    if "role" in values:
        participant.role = values["role"]
    if "attended" in values and bool(values["attended"]) != participant.attended:
        _mark(participant, bool(values["attended"]))
    after = snapshot(participant, PARTICIPANT_FIELDS)
    if before == after:
        return participant
    participant.full_clean()
    participant.version += 1
    with tallies(participant):
        participant.save()
    sync_evidence(actor, participant)
    _audit(actor, "update", participant, before, after)
    return participant


@transaction.atomic
def participants_mark_all_present(*, actor, activity_id: int) -> int:
    """Mark every participant not yet present as present; answers how many changed."""
    activity = _activity_to_change(actor, activity_id)
    changed = 0
    absent = list(activity.participants.filter(attended=False).select_for_update())
    with tallies(*absent):
        for participant in absent:
            participant.activity = activity
            before = snapshot(participant, PARTICIPANT_FIELDS)
            _mark(participant, True)
            participant.version += 1
            participant.save()
            sync_evidence(actor, participant)
            _audit(actor, "update", participant, before, snapshot(participant, PARTICIPANT_FIELDS))
            changed += 1
    return changed


@transaction.atomic
def participant_remove(*, actor, participant_id: int, version: int) -> None:
    """Take a participant off the activity (their step leaves the member's path); one with
    volunteer hours recorded is kept."""
    participant = lock_for_update(actor, Participant, participant_id, version=version, action=Action.DELETE)
    if participant.hours.exists():
        raise ValidationError(_("Volunteer hours are recorded for this participant: they cannot be removed."))
    if participant.person_id:
        person_path_evidence_remove(actor=actor, origin=origin_of(participant))
    _audit(actor, "delete", participant, snapshot(participant, PARTICIPANT_FIELDS), {})
    with tallies(participant):
        delete_unless_protected(
            participant, _("Volunteer hours are recorded for this participant: they cannot be removed.")
        )
