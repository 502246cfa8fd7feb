"""What activities bring to the shell: menu entries, pages, API routes, the member page's panel,
the import of activities with their participants, and demo data."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from concentric.activities import (
    contrib_donations,  # noqa: F401  (pairing projects and donations)
    contrib_volunteering,  # noqa: F401  (check-in, hours, certificates)
)
from concentric.activities.api.views import ActivityTypeViewSet, ActivityViewSet, ParticipantViewSet
from concentric.activities.demo import load_demo_activities
from concentric.activities.files import ActivityFiles, DonationReceipts, load_demo_photos
from concentric.activities.importing.kind import ACTIVITY_IMPORT
from concentric.activities.measures import ALL as MEASURES
from concentric.activities.models import Activity, ActivityType
from concentric.activities.panels import person_activities_panel
from concentric.activities.selectors import activities_visible
from concentric.core import registry
from concentric.core.pagination import capped_count
from concentric.core.scoping import Action, can


def _activities_card(user) -> dict | None:
    """The activities the user's units organise or co-organise."""
    if not can(user, Action.VIEW, Activity):
        return None
    return {"url": reverse("activities:list"), "figure": capped_count(activities_visible(user))}


registry.add_menu_group("activities", _("Activities and venues"), order=20)

# Files kept on activities and donations (core.kit.files): pages, API routes and panels.
registry.add_pages("activities/", "concentric.activities.files_urls")
registry.add_pages("donations/", "concentric.activities.receipts_urls")
registry.add_api_urls("concentric.activities.files_api")
registry.add_detail_panel(ActivityFiles.panel())
registry.add_detail_panel(DonationReceipts.panel())
# After the activities' own demo data (they are what the photos are of).
registry.add_demo(registry.DemoLoader(_("activity photos"), load_demo_photos, order=90))
registry.add_menu_item(
    registry.MenuItem("activities", _("Activities"), "activities:list", "calendar-event", model=Activity, order=10)
)
registry.add_menu_item(
    registry.MenuItem(
        "activities",
        _("Activity types"),
        "activities:types",
        "tags",
        model=ActivityType,
        action=Action.CHANGE,
        also=("activities:type_create", "activities:type_edit"),
        order=90,
    )
)
registry.add_home_card(registry.HomeCard(_("Activities"), "calendar-event", _activities_card, order=20))
registry.add_pages("activities/", "concentric.activities.urls")
registry.add_api_resource("activities/types", ActivityTypeViewSet, "activity-type")
registry.add_api_resource("activities/participants", ParticipantViewSet, "activity-participant")
registry.add_api_resource("activities", ActivityViewSet, "activity")
registry.add_detail_panel(registry.DetailPanel("people.Person", "activities", person_activities_panel, order=10))
registry.add_demo(
    registry.DemoLoader(
        _("activities"),
        lambda context: load_demo_activities(actor=context["users"]["hubin_admin"], units=context["units"]),
        order=40,
    )
)
registry.add_import_kind(ACTIVITY_IMPORT.name, ACTIVITY_IMPORT)
for measure in MEASURES:
    registry.add_measure(measure)
