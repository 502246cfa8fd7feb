"""What the organisation tree brings to the shell: its pages, its API and its menu entry."""

from django.utils.translation import gettext_lazy as _

from concentric.core import registry
from concentric.org.api.views import OrgUnitViewSet
from concentric.org.models import OrgUnit

registry.add_menu_group("system", _("System"), order=90)
registry.add_menu_item(registry.MenuItem("system", _("Organisation"), "org:list", "diagram-3", model=OrgUnit, order=10))
registry.add_pages("org/", "concentric.org.urls")
registry.add_api_resource("org-units", OrgUnitViewSet, "org-unit")
