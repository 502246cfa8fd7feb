"""What venues bring to the shell: menu entries, pages, API routes and demo data."""

from django.utils.translation import gettext_lazy as _

from concentric.core import registry
from concentric.venues.files import VenuePhotos, load_demo_photos

registry.add_menu_group("activities", _("Activities and venues"), order=20)


# A venue's photos (core.kit.files): their pages, API routes and panel on the venue's page.
registry.add_pages("venues/", "concentric.venues.files_urls")
registry.add_api_urls("concentric.venues.files_api")
registry.add_detail_panel(VenuePhotos.panel())
# After the venues' own demo data (they are what the pictures are of).
registry.add_demo(registry.DemoLoader(_("venue photos"), load_demo_photos, order=90))
