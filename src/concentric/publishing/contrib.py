"""What information publishing brings to the shell: the menu group 信息发布, pages, API routes,
the home card, the member page's panel, the item attachments and demo data."""

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from concentric.core import registry
from concentric.core.pagination import capped_count
from concentric.core.scoping import Action, can
from concentric.publishing.api.views import ColumnViewSet, ItemViewSet
from concentric.publishing.demo import load_demo_publishing
from concentric.publishing.files import ItemFiles
from concentric.publishing.measures import ALL as MEASURES
from concentric.publishing.models import Column, Item
from concentric.publishing.panels import person_items_panel
from concentric.publishing.selectors import items_published_this_month


def _published_card(user) -> dict | None:
    """The items published this month in the user's units."""
    if not can(user, Action.VIEW, Item):
        return None
    today = timezone.localdate()
    period = {"status": "published", "published_from": today.replace(day=1), "published_until": today}
    return {
        "url": f"{reverse('publishing:list')}?{urlencode(period)}",  # the same items as the figure
        "figure": capped_count(items_published_this_month(user)),
    }


registry.add_menu_group("publishing", _("Information publishing"), order=30)
registry.add_menu_item(
    registry.MenuItem("publishing", _("Information items"), "publishing:list", "newspaper", model=Item, order=10)
)
registry.add_menu_item(
    registry.MenuItem(
        "publishing",
        pgettext_lazy("information item", "Columns"),
        "publishing:columns",
        "collection",
        model=Column,
        also=("publishing:column_create", "publishing:column_edit", "publishing:column_detail"),
        order=20,
    )
)
registry.add_home_card(registry.HomeCard(_("Items published this month"), "newspaper", _published_card, order=30))
registry.add_pages("publishing/", "concentric.publishing.files_urls")
registry.add_pages("publishing/", "concentric.publishing.urls")
registry.add_api_urls("concentric.publishing.files_api")
registry.add_api_resource("publishing/columns", ColumnViewSet, "publishing-column")
registry.add_api_resource("publishing/items", ItemViewSet, "publishing-item")
registry.add_detail_panel(ItemFiles.panel())
registry.add_detail_panel(registry.DetailPanel("people.Person", "publicity", person_items_panel, order=30))
registry.add_demo(registry.DemoLoader(_("information items"), load_demo_publishing, order=60))
for measure in MEASURES:
    registry.add_measure(measure)
