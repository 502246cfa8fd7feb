"""The member page's panel of the member's activities, in the viewer's scope."""

from django.template.loader import render_to_string

from concentric.activities.models import Activity
from concentric.activities.selectors import person_activities
from concentric.core.scoping import Action, can

PANEL_SIZE = 50


def person_activities_panel(user, person) -> str | None:
    if not can(user, Action.VIEW, Activity):
        return None
    participations = list(person_activities(user=user, person_id=person.pk)[: PANEL_SIZE + 1])
    return render_to_string(
        "activities/person_panel.html",
        {"participations": participations[:PANEL_SIZE], "more": len(participations) > PANEL_SIZE},
    )
