"""What venues bring to the shell: menu entries, a home card, pages, API routes and demo data."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from concentric.core import registry
from concentric.core.scoping import Action, can
from concentric.venues.api.views import BookingViewSet, RoomFunctionViewSet, RoomViewSet, VenueViewSet
from concentric.venues.demo import load_demo_venues
from concentric.venues.files import VenuePhotos, load_demo_photos
from concentric.venues.models import Booking, RoomFunction, Venue
from concentric.venues.selectors import venues_of_unit, venues_visible


def _venues_card(user) -> dict | None:
    """The venues in use the user sees (their units' and those above them)."""
    if not can(user, Action.VIEW, Venue):
        return None
    return {"url": reverse("venues:list"), "figure": venues_visible(user).filter(is_active=True).count()}


registry.add_menu_group("activities", _("Activities and venues"), order=20)
for item in (
    registry.MenuItem(
        "activities", _("Venues"), "venues:list", "building", model=Venue, also=("venues:calendar",), order=50
    ),
    registry.MenuItem(
        "activities", _("Room bookings"), "venues:booking_list", "calendar-week", model=Booking, order=60
    ),
    registry.MenuItem("activities", _("Room use"), "venues:usage", "bar-chart", model=Booking, order=70),
    registry.MenuItem(
        "activities",
        _("Room functions"),
        "venues:functions",
        "tags",
        model=RoomFunction,
        action=Action.CHANGE,
        also=("venues:function_create", "venues:function_edit"),
        order=80,
    ),
):
    registry.add_menu_item(item)
registry.add_unit_figure(registry.UnitFigure(_("Venues"), venues_of_unit, testid="unit-venue-count"))
registry.add_home_card(registry.HomeCard(_("Venues"), "building", _venues_card, order=50))
registry.add_pages("venues/", "concentric.venues.urls")
registry.add_api_resource("venues/rooms", RoomViewSet, "room")
registry.add_api_resource("venues/room-functions", RoomFunctionViewSet, "room-function")
registry.add_api_resource("venues/bookings", BookingViewSet, "booking")
registry.add_api_resource("venues", VenueViewSet, "venue")
registry.add_demo(
    registry.DemoLoader(
        _("venues"),
        lambda context: load_demo_venues(actor=context["users"]["hubin_admin"], units=context["units"]),
        order=30,
    )
)


# A venue's photos (core.kit.files): their pages, API routes and panel on the venue's page.
registry.add_pages("venues/", "concentric.venues.files_urls")
registry.add_api_urls("concentric.venues.files_api")
registry.add_detail_panel(VenuePhotos.panel())
# After the venues' own demo data (they are what the pictures are of).
registry.add_demo(registry.DemoLoader(_("venue photos"), load_demo_photos, order=90))
