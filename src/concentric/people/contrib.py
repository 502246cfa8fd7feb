"""What the member registry brings to the shell: its menu, its home card, its pages and API,
its import kind and its demo members."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from concentric.core import registry
from concentric.core.pagination import capped_count
from concentric.core.scoping import Action, can
from concentric.people.api.views import CategoryViewSet, PersonViewSet
from concentric.people.demo import load_demo_members
from concentric.people.importing.kind import PEOPLE_IMPORT
from concentric.people.measures import ALL as MEASURES
from concentric.people.models import Category, DuplicateCase, Person


def _registry_card(user) -> dict | None:
    """The members in the user's scope ("10000+" past the cap)."""
    if not can(user, Action.VIEW, Person):
        return None
    return {"url": reverse("people:list"), "figure": capped_count(Person.objects.visible_to(user, Action.VIEW))}


registry.add_menu_group("members", _("United-front members"), order=10)
for item in (
    registry.MenuItem("members", _("Members"), "people:list", "person-vcard", model=Person, order=10),
    registry.MenuItem("members", _("Path board"), "people:board", "kanban", model=Person, order=20),
    registry.MenuItem(
        "members",
        _("Suspected duplicates"),
        "people:duplicates",
        "people",
        model=DuplicateCase,
        action=Action.CHANGE,
        also=("people:duplicate",),
        order=30,
    ),
    registry.MenuItem(
        "members",
        _("Member categories"),
        "people:categories",
        "tags",
        model=Category,
        also=("people:category_create", "people:category_edit"),
        order=40,
    ),
):
    registry.add_menu_item(item)
registry.add_home_card(registry.HomeCard(_("Member registry"), "people", _registry_card, order=10))
registry.add_pages("people/", "concentric.people.urls")
registry.add_api_resource("people/categories", CategoryViewSet, "category")
registry.add_api_resource("people", PersonViewSet, "person")
registry.add_api_urls("concentric.people.api.io")
registry.add_import_kind(PEOPLE_IMPORT.name, PEOPLE_IMPORT)
registry.add_demo(
    registry.DemoLoader(
        _("members"),
        lambda context: load_demo_members(actor=context["users"]["hubin_admin"], units=context["units"]),
        order=10,
    )
)
for measure in MEASURES:
    registry.add_measure(measure)
