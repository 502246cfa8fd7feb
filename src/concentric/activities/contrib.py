"""What activities bring to the shell: menu entries, pages, API routes, the member page's panel
and demo data."""

from django.utils.translation import gettext_lazy as _

from concentric.core import registry

registry.add_menu_group("activities", _("Activities and venues"), order=20)

from concentric.activities import contrib_donations  # noqa: E402, F401  (pairing projects and donations)
