"""The activities' declarations for the route sweeps (tests/routes.py): the activity import's
routes (/activities/import/…) work on activities."""

from datetime import timedelta

from django.utils import timezone

from concentric.activities.models import Activity, ActivityType


def _activity(unit, key):
    starts_at = timezone.now().replace(second=0, microsecond=0) - timedelta(days=1)
    activity = Activity.objects.create(
        org_unit=unit,
        title=f"矩阵{key}活动",
        type=ActivityType.objects.get_or_create(name="座谈交流")[0],
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
    )
    return activity, activity.title


FACTORIES = {Activity: _activity}
