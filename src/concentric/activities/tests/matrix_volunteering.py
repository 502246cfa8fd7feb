"""Volunteer service's declarations for the route sweeps (tests/routes.py): an entry of hours at a
volunteer activity and a certificate, each owned by a given unit (merged by matrix.py)."""

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from concentric.activities.choices import ActivityStatus, HoursStatus, ParticipantRole
from concentric.activities.models import Activity, ActivityType, Certificate, Participant, VolunteerHours
from concentric.core.scoping import Action
from concentric.people.models import Category, Person
from tests.routes import Spec


def _activity(unit, key):
    start = timezone.make_aware(datetime(2026, 3, 5, 9, 0))
    activity = Activity.objects.create(
        org_unit=unit,
        title=f"矩阵{key}志愿活动",
        type=ActivityType.objects.get(name="志愿服务"),
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        status=ActivityStatus.HELD,
    )
    return activity, activity.title


def _hours(unit, key):
    activity, marker = _activity(unit, key)
    participant = Participant.objects.create(
        activity=activity, guest_name=f"矩阵{key}志愿者", role=ParticipantRole.VOLUNTEER, attended=True
    )
    entry = VolunteerHours.objects.create(participant=participant, hours=Decimal("2.5"), status=HoursStatus.PENDING)
    return entry, marker


def _certificate(unit, key):
    person = Person.objects.create(
        org_unit=unit, name=f"矩阵{key}证明人", main_category=Category.objects.get(code="non-party")
    )
    certificate = Certificate.objects.create(
        number=f"ZYFW-MX-{key}",
        org_unit=unit,
        person=person,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 3, 31),
        total_hours=Decimal("2.5"),
        lines=[
            {"date": "2026-03-05", "activity": "矩阵活动", "content": "志愿服务", "unit": unit.name, "hours": "2.5"}
        ],
    )
    return certificate, certificate.number


FACTORIES = {VolunteerHours: _hours, Certificate: _certificate}

ROUTE_SPECS = {
    # Answers the certificate as a PDF, not a page naming it.
    "volunteering:certificate_pdf": Spec(Certificate, Action.VIEW, binary=True),
}
