"""What the donations area brings to the shell (imported by contrib.py): the menu entries, the
pages under /donations/, the API, the member page's panel and the demo data."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concentric.activities.api.views_donations import DonationViewSet, PairingViewSet
from concentric.activities.demo_donations import load_demo_donations
from concentric.activities.donation_totals import overall
from concentric.activities.models import Donation, PairingProject
from concentric.activities.panel_donations import person_donations_panel
from concentric.core import registry
from concentric.core.scoping import Action, can


def _money_this_year_card(user) -> dict | None:
    """This year's donated yuan in the user's scope (goods are on the totals page, never added)."""
    if not can(user, Action.VIEW, Donation):
        return None
    year = timezone.localdate().year
    period = {"since": f"{year}-01-01", "until": f"{year}-12-31"}
    donations = Donation.objects.visible_to(user, Action.VIEW).filter(donated_on__year=year)
    return {
        "url": f"{reverse('donations:totals')}?{urlencode(period)}",
        "figure": f"{overall(donations).money:,.2f}",
        "unit": _("yuan"),
    }


registry.add_menu_item(
    registry.MenuItem(
        "activities", _("Pairing projects"), "donations:pairing_list", "people", model=PairingProject, order=40
    )
)
registry.add_menu_item(
    registry.MenuItem("activities", _("Donations"), "donations:list", "gift", model=Donation, order=42)
)
registry.add_menu_item(
    registry.MenuItem("activities", _("Donation totals"), "donations:totals", "bar-chart", model=Donation, order=44)
)
registry.add_home_card(registry.HomeCard(_("Donated money this year"), "gift", _money_this_year_card, order=60))
registry.add_pages("donations/", "concentric.activities.urls_donations")
registry.add_api_urls("concentric.activities.api.urls_donations")
registry.add_api_resource("pairing-projects", PairingViewSet, "pairing-project")
registry.add_api_resource("donations", DonationViewSet, "donation")
registry.add_detail_panel(registry.DetailPanel("people.Person", "donations", person_donations_panel, order=40))
registry.add_demo(registry.DemoLoader(_("donations"), load_demo_donations, order=45))
