"""What activities bring to the shell: menu entries, pages, API routes, the member page's panel
and demo data."""

from django.utils.translation import gettext_lazy as _

from concentric.activities import contrib_donations  # noqa: F401  (pairing projects and donations)
from concentric.activities.files import ActivityFiles, DonationReceipts, load_demo_photos
from concentric.core import registry

registry.add_menu_group("activities", _("Activities and venues"), order=20)

# Files kept on activities and donations (core.kit.files): pages, API routes and panels.
registry.add_pages("activities/", "concentric.activities.files_urls")
registry.add_pages("donations/", "concentric.activities.receipts_urls")
registry.add_api_urls("concentric.activities.files_api")
registry.add_detail_panel(ActivityFiles.panel())
registry.add_detail_panel(DonationReceipts.panel())
# After the activities' own demo data (they are what the photos are of).
registry.add_demo(registry.DemoLoader(_("activity photos"), load_demo_photos, order=90))
