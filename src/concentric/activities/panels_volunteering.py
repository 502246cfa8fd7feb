"""What volunteer service shows on other records' pages: the member's approved hours and
certificates (the member's page), the check-in code and hours links (the activity's page)."""

from decimal import Decimal

from django.template.loader import render_to_string

from concentric.activities.models import Activity, Certificate, VolunteerHours
from concentric.activities.selectors_volunteering import person_hours
from concentric.core.scoping import Action, can


def person_panel(user, person) -> str | None:
    if not can(user, Action.VIEW, VolunteerHours):
        return None
    lines = person_hours(user, person.pk)
    certificates = Certificate.objects.visible_to(user, Action.VIEW).filter(person=person).order_by("-issued_at")[:20]
    return render_to_string(
        "activities/volunteering/person_panel.html",
        {
            "lines": lines,
            "total": sum((line["hours"] for line in lines), Decimal("0")),
            "certificates": list(certificates),
        },
    )


def activity_panel(user, activity) -> str | None:
    if not Activity.objects.visible_to(user, Action.VIEW).filter(pk=activity.pk).exists():
        return None
    return render_to_string("activities/volunteering/activity_panel.html", {"activity": activity})
