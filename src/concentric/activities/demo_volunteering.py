"""Demo volunteer service for `make run` (after the activities' demo, order 40): hours for the
volunteers of the held volunteer service activities, most approved, and one certificate. With
no such activity yet, one held volunteer activity of 东坡社区 with three volunteers is made."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from concentric.activities.choices import ActivityStatus, HoursStatus, ParticipantRole
from concentric.activities.models import Activity, ActivityType, Certificate, Participant, VolunteerHours
from concentric.activities.services.certificates import certificate_issue
from concentric.activities.services.evidence import sync_evidence
from concentric.activities.services.hours import hours_approve, hours_record
from concentric.core.scoping import Action, can
from concentric.people.selectors import person_list
from concentric.rollups.services import tallies

DEMO_UNIT = "hubin-dongpo"
DEMO_HOURS = (Decimal("3.0"), Decimal("2.5"), Decimal("4.0"), Decimal("3.5"))


@transaction.atomic
def _own_activity(actor, unit) -> Activity:
    """A held 志愿服务 activity two weeks ago with three of the unit's members as volunteers
    (written directly, so counted in the rollups here)."""
    start = timezone.make_aware(datetime.combine(timezone.localdate() - timedelta(days=14), time(9)))
    with tallies() as tracked:
        activity = _held_activity(unit, start)
        for person in person_list(user=actor, filters={"unit": unit.pk}).order_by("id")[:3]:
            participant = Participant.objects.create(
                activity=activity, person=person, role=ParticipantRole.VOLUNTEER, attended=True
            )
            sync_evidence(actor, participant)  # volunteering is a step of 使用 on the member's path
        tracked.add(activity)  # and its volunteers with it
    return activity


def _held_activity(unit, start) -> Activity:
    return Activity.objects.create(
        org_unit=unit,
        title="湖滨街区文明劝导志愿服务",
        type=ActivityType.objects.get_or_create(name="志愿服务", defaults={"is_volunteering": True, "sort": 70})[0],
        starts_at=start,
        ends_at=start + timedelta(hours=4),
        address="东坡路与平海路口",
        description="文明劝导、游客指引、垃圾分类宣传",
        status=ActivityStatus.HELD,
    )


def load_demo_volunteering(context: dict) -> int:
    if VolunteerHours.objects.exists():
        return 0
    admin = context["users"]["hubin_admin"]
    staff = context["users"].get("dongpo_staff", admin)
    held = Activity.objects.filter(status=ActivityStatus.HELD, type__is_volunteering=True, ends_at__lt=timezone.now())
    activities = list(held.order_by("starts_at")) or [_own_activity(admin, context["units"][DEMO_UNIT])]
    made = 0
    for activity in activities:
        volunteers = Participant.objects.filter(activity=activity, attended=True).order_by("id")
        for index, participant in enumerate(volunteers):
            recorder = staff if can(staff, Action.ADD, VolunteerHours, activity.org_unit) else admin
            entry = hours_record(
                actor=recorder, participant_id=participant.pk, hours=DEMO_HOURS[index % len(DEMO_HOURS)]
            )
            made += 1
            if index % 4 != 3:  # one in four awaits approval
                hours_approve(actor=admin, hours_id=entry.pk)
    first = (
        VolunteerHours.objects.filter(status=HoursStatus.APPROVED, participant__person__isnull=False)
        .select_related("participant__activity__org_unit")
        .order_by("id")
        .first()
    )
    if first is not None and not Certificate.objects.exists():
        day = timezone.localdate(first.participant.activity.starts_at)
        certificate_issue(
            actor=admin,
            person_id=first.participant.person_id,
            org_unit=context["units"]["hubin"],
            period_start=day.replace(month=1, day=1),
            period_end=timezone.localdate(),
        )
        made += 1
    return made
