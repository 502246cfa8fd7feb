"""Attending an activity is evidence on the member's path, kept by the people app's service under
the participant's origin, so nobody enters it twice: training, forums and study count for 培养
(as the activity's type says), speaking and volunteering for 使用. A participant who did not
attend, a guest, or an activity not held leaves no step."""

from django.utils import timezone

from concentric.activities.choices import ActivityStatus, ParticipantRole
from concentric.people.choices import PathEventKind, Stage
from concentric.people.services.path import person_path_evidence, person_path_evidence_remove

ROLE_EVIDENCE = {
    ParticipantRole.SPEAKER: (Stage.USE, PathEventKind.SPEAKING),
    ParticipantRole.VOLUNTEER: (Stage.USE, PathEventKind.VOLUNTEERING),
}


def origin_of(participant) -> str:
    return f"activity-participant:{participant.pk}"


def evidence_of(participant) -> tuple[str, str] | None:
    """The (stage, kind) the participant's attendance stands for, or None."""
    activity = participant.activity
    if not participant.person_id or not participant.attended or activity.status != ActivityStatus.HELD:
        return None
    if participant.role in ROLE_EVIDENCE:
        return ROLE_EVIDENCE[participant.role]
    if activity.type.path_evidence:
        return Stage.CULTIVATE, activity.type.path_evidence
    return None


def sync_evidence(actor, participant) -> None:
    """Bring the participant's step on the member's path in line with the records (in the caller's
    transaction): written, changed or withdrawn."""
    found = evidence_of(participant)
    if found is None:
        person_path_evidence_remove(actor=actor, origin=origin_of(participant))
        return
    stage, kind = found
    activity = participant.activity
    person_path_evidence(
        actor=actor,
        person_id=participant.person_id,
        origin=origin_of(participant),
        stage=stage,
        kind=kind,
        occurred_on=timezone.localdate(activity.starts_at),
        source=activity.title,
        evidence=f"{activity.type.name} · {participant.get_role_display()}",
    )
