"""What the dashboard app brings to the shell (core.registry): its page and export, its JSON API,
and its menu entry (the home page links to it too, from the shell's template)."""

from django.utils.translation import gettext_lazy as _

from concentric.core import registry
from concentric.core.roles import BUSINESS_ROLES


def _home_card(user) -> dict | None:
    """The dashboard on the home page: this year's new members in the user's scope, from the rollups."""
    from django.urls import reverse
    from django.utils import timezone

    from concentric.rollups import selectors

    units = list(selectors.scope_units(user).values_list("pk", flat=True))
    if not units:
        return None
    today = timezone.localdate()
    figure = selectors.figure("members_registered", units=units, start=today.replace(month=1, day=1), end=today)
    return {"url": reverse("dashboard:index"), "figure": int(figure), "unit": _("new members this year")}


registry.add_menu_group("workbench", _("Workbench"), order=0)
registry.add_menu_item(
    registry.MenuItem("workbench", _("Dashboard"), "dashboard:index", "speedometer2", order=110, roles=BUSINESS_ROLES)
)
registry.add_home_card(registry.HomeCard(_("Dashboard"), "speedometer2", _home_card, order=5))
registry.add_pages("dashboard/", "concentric.dashboard.urls")
registry.add_api_urls("concentric.dashboard.api")
