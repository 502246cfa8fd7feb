"""What venues bring to the shell: menu entries, pages, API routes and demo data."""

from django.utils.translation import gettext_lazy as _

from concentric.core import registry

registry.add_menu_group("activities", _("Activities and venues"), order=20)
