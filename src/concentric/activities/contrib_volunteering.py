"""What volunteer service (check-in, hours, totals, certificates) brings to the shell; imported by
activities/contrib.py."""

from django.utils.translation import gettext_lazy as _

from concentric.activities.api.volunteering import CertificateViewSet, HoursViewSet
from concentric.activities.demo_volunteering import load_demo_volunteering
from concentric.activities.models import Certificate, VolunteerHours
from concentric.activities.panels_volunteering import activity_panel, person_panel
from concentric.core import registry

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
