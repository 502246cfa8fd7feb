"""The shell's own menu entry: the home page."""

from django.utils.translation import gettext_lazy as _

from concentric.core import registry

registry.add_menu_group("workbench", _("Workbench"), order=0)
registry.add_menu_item(registry.MenuItem("workbench", _("Home"), "home", "house"))
