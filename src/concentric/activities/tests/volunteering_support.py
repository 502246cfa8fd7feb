"""What the volunteering tests share: activities, members and participants made directly."""

from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from concentric.activities.choices import ActivityStatus, HoursStatus, ParticipantRole
from concentric.activities.models import Activity, ActivityType, Participant, VolunteerHours
from concentric.people.models import Category, Person


def volunteering_type() -> ActivityType:
    return ActivityType.objects.get_or_create(name="志愿服务", defaults={"is_volunteering": True, "sort": 70})[0]


def make_activity(unit, *, title="街区志愿服务", start=None, hours=3, status=ActivityStatus.HELD, kind=None):
    start = start or timezone.now() - timedelta(days=2)
    return Activity.objects.create(
        org_unit=unit,
        title=title,
        type=kind or volunteering_type(),
        starts_at=start,
        ends_at=start + timedelta(hours=hours),
        status=status,
    )


def make_member(unit, name="张三", phone="13812345678", **extra) -> Person:
    return Person.objects.create(
        org_unit=unit, name=name, phone=phone, main_category=Category.objects.get(code="non-party"), **extra
    )


def volunteer(activity, person=None, *, guest="", guest_phone="", attended=True) -> Participant:
    return Participant.objects.create(
        activity=activity,
        person=person,
        guest_name=guest,
        guest_phone=guest_phone,
        role=ParticipantRole.VOLUNTEER,
        attended=attended,
    )


def approved(participant, hours, approver=None) -> VolunteerHours:
    return VolunteerHours.objects.create(
        participant=participant,
        hours=Decimal(str(hours)),
        status=HoursStatus.APPROVED,
        approved_by=approver,
        approved_at=timezone.now(),
    )


def local(year, month, day, hour=9) -> datetime:
    return timezone.make_aware(datetime(year, month, day, hour))
