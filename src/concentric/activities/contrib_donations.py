"""What the donations area brings to the shell (imported by contrib.py): the menu entries, the
pages under /donations/, the API, the member page's panel and the demo data."""

from django.utils.translation import gettext_lazy as _

from concentric.activities.api.views_donations import DonationViewSet, PairingViewSet
from concentric.activities.demo_donations import load_demo_donations
from concentric.activities.models import Donation, PairingProject
from concentric.activities.panel_donations import person_donations_panel
from concentric.core import registry

registry.add_menu_item(
    registry.MenuItem(
        "activities", _("Pairing projects"), "donations:pairing_list", "people", model=PairingProject, order=60
    )
)
registry.add_menu_item(
    registry.MenuItem("activities", _("Donations"), "donations:list", "gift", model=Donation, order=70)
)
registry.add_menu_item(
    registry.MenuItem("activities", _("Donation totals"), "donations:totals", "bar-chart", model=Donation, order=75)
)
registry.add_pages("donations/", "concentric.activities.urls_donations")
registry.add_api_urls("concentric.activities.api.urls_donations")
registry.add_api_resource("pairing-projects", PairingViewSet, "pairing-project")
registry.add_api_resource("donations", DonationViewSet, "donation")
registry.add_detail_panel(registry.DetailPanel("people.Person", "donations", person_donations_panel, order=40))
registry.add_demo(registry.DemoLoader(_("donations"), load_demo_donations, order=45))
