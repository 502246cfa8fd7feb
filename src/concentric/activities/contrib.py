"""What activities bring to the shell: menu entries, pages, API routes, the member page's panel
and demo data."""

from django.utils.translation import gettext_lazy as _

from concentric.core import registry

registry.add_menu_group("activities", _("Activities and venues"), order=20)

# --- volunteer service: check-in, hours, totals, certificates -----------------------------------
from concentric.activities.api.volunteering import CertificateViewSet, HoursViewSet  # noqa: E402
from concentric.activities.demo_volunteering import load_demo_volunteering  # noqa: E402
from concentric.activities.models import Certificate, VolunteerHours  # noqa: E402
from concentric.activities.panels_volunteering import activity_panel, person_panel  # noqa: E402

for item in (
    registry.MenuItem(
        "activities",
        _("Volunteer service"),
        "volunteering:totals",
        "heart",
        model=VolunteerHours,
        also=("volunteering:hours", "volunteering:activity_hours", "volunteering:check_in_code"),
        order=30,
    ),
    registry.MenuItem(
        "activities",
        _("Certificates"),
        "volunteering:certificates",
        "award",
        model=Certificate,
        also=("volunteering:certificate", "volunteering:certificate_issue"),
        order=35,
    ),
):
    registry.add_menu_item(item)
registry.add_pages("volunteering/", "concentric.activities.urls_volunteering")
registry.add_api_resource("volunteer-hours", HoursViewSet, "volunteer-hours")
registry.add_api_resource("volunteer-certificates", CertificateViewSet, "volunteer-certificate")
registry.add_api_urls("concentric.activities.api.volunteering_urls")
registry.add_detail_panel(registry.DetailPanel("people.Person", "volunteering", person_panel, order=40))
registry.add_detail_panel(registry.DetailPanel("activities.Activity", "volunteering", activity_panel, order=40))
registry.add_demo(registry.DemoLoader(_("volunteer hours"), load_demo_volunteering, order=50))
