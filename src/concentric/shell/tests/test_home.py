"""The home page: the member registry card counts only the members in the user's scope."""

from django.urls import reverse

from concentric.people.models import Category, Person


def _register(unit, name):
    category = Category.objects.get(code="non-party")
    person = Person.objects.create(org_unit=unit, name=name, main_category=category)
    person.categories.add(category)


def _registry_card(response) -> dict | None:
    return next((card for card in response.context["lines_of_work"] if card["icon"] == "people"), None)


def test_the_registry_card_counts_members_in_scope(client_for, tree):
    _register(tree["C1"], "张三")
    _register(tree["C2"], "李四")
    _register(tree["C2"], "王五")
    card = _registry_card(client_for("c1_staff").get(reverse("home")))
    assert (card["url"], card["figure"]) == (reverse("people:list"), "1")
    assert _registry_card(client_for("sub_staff").get(reverse("home")))["figure"] == "3"


def test_administrators_without_a_business_role_get_no_figure(client_for, tree):
    _register(tree["C1"], "张三")
    # No card at all: a tile with neither figure nor link only says what the user cannot open.
    assert _registry_card(client_for("sysadmin").get(reverse("home"))) is None
