"""Reads of activities for every app (and this app's own panels), always through ``visible_to``."""

from django.db.models import Count

from concentric.activities.models import Activity, ActivityType, Participant
from concentric.core.scoping import Action


def activity_types(user, *, active_only: bool = True):
    types = ActivityType.objects.visible_to(user, Action.VIEW)
    return types.filter(is_active=True) if active_only else types


def activities_visible(user, action: Action = Action.VIEW):
    """The activities ``user`` may see (their own units' and those they co-organise)."""
    return Activity.objects.visible_to(user, action)


def with_participant_count(activities):
    return activities.annotate(participant_count=Count("participants", distinct=True))


def person_activities(*, user, person_id: int):
    """A member's participations in the activities ``user`` may see, latest first."""
    return (
        Participant.objects.visible_to(user, Action.VIEW)
        .filter(person_id=person_id)
        .select_related("activity__type", "activity__org_unit")
        .order_by("-activity__starts_at", "-pk")
    )
