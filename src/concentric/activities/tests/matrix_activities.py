"""The route sweeps' declarations of activity types, activities and participants (merged by matrix.py)."""

from datetime import timedelta

from django.utils import timezone

from concentric.activities.models import Activity, ActivityType, Participant
from concentric.core.scoping import Action
from tests.routes import Spec


def _type():
    return ActivityType.objects.get_or_create(name="座谈交流", defaults={"path_evidence": "forum", "sort": 20})[0]


def _activity(unit, key):
    # Whole minutes: the form's date-time fields post minutes back.
    starts_at = (timezone.now() - timedelta(days=3)).replace(second=0, microsecond=0)
    activity = Activity.objects.create(
        org_unit=unit,
        title=f"矩阵{key}活动",
        type=_type(),
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        address="矩阵地址",
        description="第一行\n第二行",
    )
    return activity, activity.title


def _participant(unit, key):
    activity, _title = _activity(unit, key)
    participant = Participant.objects.create(
        activity=activity, guest_name=f"矩阵{key}来宾", guest_phone="13800000000", role="speaker"
    )
    return participant, participant.guest_name


def _activity_type(unit, key):
    kind = ActivityType.objects.create(name=f"矩阵{key}类型", path_evidence="training", sort=5)
    return kind, kind.name


FACTORIES = {Activity: _activity, Participant: _participant, ActivityType: _activity_type}

ROUTE_SPECS = {
    # The member picker offers the members to add: only to those who may change the activity.
    "activities:member_search": Spec(Activity, Action.CHANGE),
}

# A participant's row posts its role or attendance with the version read.
VERSIONED = {"activities:participant_change": lambda participant: {"version": participant}}
