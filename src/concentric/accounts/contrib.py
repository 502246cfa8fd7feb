"""What accounts bring to the shell: sign-in pages, user management, their API, and the number
of accounts on a unit's page."""

from django.utils.translation import gettext_lazy as _

from concentric.accounts.api.views import RoleAssignmentViewSet, UserViewSet
from concentric.accounts.models import User
from concentric.accounts.selectors import accounts_on_unit
from concentric.core import registry

registry.add_menu_group("system", _("System"), order=90)
registry.add_menu_item(registry.MenuItem("system", _("Users"), "users:list", "people", model=User, order=20))
registry.add_pages("accounts/", "concentric.accounts.urls")
registry.add_pages("users/", "concentric.accounts.urls_users")
registry.add_api_resource("users", UserViewSet, "user")
registry.add_api_resource("role-assignments", RoleAssignmentViewSet, "role-assignment")
registry.add_api_urls("concentric.accounts.api.urls")
registry.add_unit_figure(registry.UnitFigure(_("User accounts"), accounts_on_unit, testid="unit-user-count"))
