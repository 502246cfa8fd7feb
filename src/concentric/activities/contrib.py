"""What activities bring to the shell: menu entries, pages, API routes, the member page's panel,
the import of activities with their participants, and demo data."""

from django.utils.translation import gettext_lazy as _

from concentric.activities.importing.kind import ACTIVITY_IMPORT
from concentric.core import registry

registry.add_menu_group("activities", _("Activities and venues"), order=20)
registry.add_import_kind(ACTIVITY_IMPORT.name, ACTIVITY_IMPORT)
