"""Volunteer hours (《志愿服务记录与证明出具办法（试行）》): the actual time served, in hours,
travel excluded, recorded by the organising unit after the activity and approved there by its
administrator. An approved entry is never edited: a correction is a new entry that replaces it
once approved."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from concentric.activities.choices import ActivityStatus, HoursStatus
from concentric.activities.models import Activity, Participant, VolunteerHours
from concentric.core.auditing import audit_record
from concentric.core.scoping import Action
from concentric.core.services import lock, require
from concentric.rollups.services import tallies

MAX_HOURS_PER_DAY = 24


def parse_hours(value) -> Decimal:
    """Hours as a decimal with one place, more than 0; else a clear refusal."""
    try:
        hours = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({"hours": _("Enter the hours as a number, such as 2 or 3.5.")}) from None
    if not hours.is_finite() or hours <= 0:
        raise ValidationError({"hours": _("The hours must be more than 0.")})
    if hours != hours.quantize(Decimal("0.1")):
        raise ValidationError({"hours": _("Give the hours to at most one decimal place.")})
    return hours


def _check_recordable(activity, hours: Decimal, now=None) -> None:
    """Hours of a volunteer service activity, after it, no more than the days it spans allow."""
    if not activity.type.is_volunteering:
        raise ValidationError(_("Volunteer hours are recorded only for volunteer service activities."))
    if activity.status == ActivityStatus.CANCELLED:
        raise ValidationError(_("The activity was cancelled: it has no volunteer hours."))
    if (now or timezone.now()) < activity.ends_at:
        raise ValidationError(_("Volunteer hours are recorded after the activity has ended."))
    days = (timezone.localdate(activity.ends_at) - timezone.localdate(activity.starts_at)).days + 1
    limit = MAX_HOURS_PER_DAY * days
    if hours > limit:
        raise ValidationError(
            {"hours": _("At most %(limit)s hours can be served at this activity.") % {"limit": limit}}
        )


def _participant(actor, participant_id: int) -> Participant:
    try:
        visible = Participant.objects.visible_to(actor, Action.VIEW)
        return visible.select_related("activity__type", "activity__org_unit").get(pk=participant_id)
    except Participant.DoesNotExist:
        raise Http404 from None


def _audit(actor, entry: VolunteerHours, action: str, changes: dict) -> None:
    activity = entry.participant.activity
    audit_record(actor=actor, action=action, obj=entry, org_unit_id=activity.org_unit_id, changes=changes)


def _create(actor, participant, hours: Decimal, note: str, replaces=None) -> VolunteerHours:
    entry = VolunteerHours(
        participant=participant, hours=hours, note=note.strip(), replaces=replaces, recorded_by=actor
    )
    entry.full_clean(exclude=["approved_by"])  # set by the approval, not the entry
    with tallies() as tracked:
        entry.save()
        tracked.add(entry)
    _audit(
        actor,
        entry,
        "create",
        {"hours": [None, str(hours)], "status": [None, entry.status]}
        | ({"replaces": [None, replaces.pk]} if replaces else {}),
    )
    return entry


@transaction.atomic
def hours_record(*, actor, participant_id: int, hours, note: str = "", now=None) -> VolunteerHours:
    """A first entry of hours for one attendee (awaiting approval)."""
    participant = _participant(actor, participant_id)
    activity = participant.activity
    require(actor, Action.ADD, VolunteerHours, activity.org_unit)
    Activity.objects.select_for_update().filter(pk=activity.pk).first()  # one writer per activity at a time
    value = parse_hours(hours)
    _check_recordable(activity, value, now)
    if not participant.attended:
        raise ValidationError(_("Only participants who attended have volunteer hours."))
    if VolunteerHours.objects.filter(participant=participant, replaces__isnull=True).exists():
        raise ValidationError(_("This participant's hours are recorded already; correct the entry instead."))
    return _create(actor, participant, value, note)


@transaction.atomic
def hours_record_attendees(*, actor, activity_id: int, hours, note: str = "", now=None) -> int:
    """The same hours for every attendee who has none yet; answers how many entries were made."""
    visible = Activity.objects.visible_to(actor, Action.VIEW).select_for_update()
    activity = visible.select_related("type", "org_unit").filter(pk=activity_id).first()
    if activity is None:
        raise Http404
    require(actor, Action.ADD, VolunteerHours, activity.org_unit)
    value = parse_hours(hours)
    _check_recordable(activity, value, now)
    waiting = (
        Participant.objects.filter(activity=activity, attended=True)
        .exclude(hours__isnull=False)
        .select_related("activity")
        .order_by("id")
    )
    made = [_create(actor, participant, value, note) for participant in waiting]
    if not made:
        raise ValidationError(_("Every attendee already has hours recorded (or nobody attended)."))
    return len(made)


@transaction.atomic
def hours_approve(*, actor, hours_id: int) -> VolunteerHours:
    """The organising unit's administrator approves a pending entry; an approved correction
    takes the place of the entry it corrects."""
    entry = lock(actor, VolunteerHours, hours_id, action=Action.CHANGE)
    if entry.status == HoursStatus.APPROVED:
        raise ValidationError(_("These hours are approved already."))
    entry.status = HoursStatus.APPROVED
    entry.approved_by = actor
    entry.approved_at = timezone.now()
    changes = {"status": [HoursStatus.PENDING, HoursStatus.APPROVED]}
    # The entry starts to count, and the entry it corrects stops.
    with tallies(entry, entry.replaces):
        entry.save(update_fields=["status", "approved_by", "approved_at"])
        if entry.replaces_id:
            VolunteerHours.objects.filter(pk=entry.replaces_id).update(is_current=False)
            changes["replaced"] = [entry.replaces_id, None]
    _audit(actor, entry, "approve", changes)
    return entry


@transaction.atomic
def hours_correct(*, actor, hours_id: int, hours, note: str = "", now=None) -> VolunteerHours:
    """A correction of an approved entry: a new entry, awaiting approval, that replaces it once
    approved. A pending entry is corrected by removing it and recording it again."""
    original = lock(actor, VolunteerHours, hours_id, action=Action.ADD)
    activity = Activity.objects.select_related("type", "org_unit").get(pk=original.participant.activity_id)
    require(actor, Action.ADD, VolunteerHours, activity.org_unit)
    if original.status != HoursStatus.APPROVED or not original.is_current:
        raise ValidationError(_("Only the approved entry in force can be corrected."))
    if VolunteerHours.objects.filter(replaces=original, status=HoursStatus.PENDING).exists():
        raise ValidationError(_("A correction of this entry is already awaiting approval."))
    value = parse_hours(hours)
    _check_recordable(activity, value, now)
    if not note.strip():
        raise ValidationError({"note": _("Say why the hours are corrected.")})
    if value == original.hours:
        raise ValidationError({"hours": _("The corrected hours are the same as the approved ones.")})
    return _create(actor, original.participant, value, note, replaces=original)


@transaction.atomic
def hours_delete(*, actor, hours_id: int) -> None:
    """Remove an entry not yet approved (an approved one stays: correct it instead)."""
    entry = lock(actor, VolunteerHours, hours_id, action=Action.DELETE)
    if entry.status == HoursStatus.APPROVED:
        raise PermissionDenied(_("Approved hours are never removed; record a correction instead."))
    _audit(actor, entry, "delete", {"hours": [str(entry.hours), None]})
    with tallies(entry):
        entry.delete()
