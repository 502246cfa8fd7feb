"""What the quotas app brings to the shell (core.registry): the board and the rules in the menu,
a home card, pages, API routes and the demo's calendar entry."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concentric.core import registry
from concentric.core.scoping import Action, can
from concentric.quotas.api.views import CalendarDayViewSet, QuotaRuleViewSet
from concentric.quotas.models import CalendarDay, QuotaRule
from concentric.quotas.selectors import board_units, this_month_missed


def _board_card(user) -> dict | None:
    """This month's missed periods of the user's first unit (its board)."""
    if not can(user, Action.VIEW, QuotaRule):
        return None
    unit = board_units(user).first()
    if unit is None:
        return None
    month = timezone.localdate().replace(day=1)
    return {"url": f"{reverse('quotas:board')}?unit={unit.pk}", "figure": this_month_missed(unit, month)}


registry.add_menu_group("workbench", _("Workbench"), order=0)
for item in (
    registry.MenuItem(
        "workbench", _("Quota compliance"), "quotas:board", "clipboard-check", model=QuotaRule, order=120
    ),
    registry.MenuItem(
        "workbench",
        _("Quota rules"),
        "quotas:rule_list",
        "list-check",
        model=QuotaRule,
        also=("quotas:rule_detail", "quotas:rule_create", "quotas:rule_edit"),
        order=121,
    ),
    registry.MenuItem(
        "workbench",
        _("Working-day calendar"),
        "quotas:calendar_list",
        "calendar3",
        model=CalendarDay,
        also=("quotas:calendar_detail", "quotas:calendar_create", "quotas:calendar_edit"),
        order=122,
    ),
):
    registry.add_menu_item(item)
registry.add_home_card(registry.HomeCard(_("Quota periods missed this month"), "clipboard-check", _board_card, order=5))
registry.add_pages("quotas/", "concentric.quotas.urls")
registry.add_api_urls("concentric.quotas.api.urls")
registry.add_api_resource("quotas/rules", QuotaRuleViewSet, "quota-rule")
registry.add_api_resource("quotas/calendar-days", CalendarDayViewSet, "calendar-day")
