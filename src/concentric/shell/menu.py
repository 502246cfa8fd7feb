"""The left menu: the groups and entries apps register (core.registry), each entry shown only to
users whose roles may see its records (the same scoping rules as the pages themselves)."""

from functools import lru_cache

from django.urls import reverse
from django.utils.translation import get_language

from concentric.core import registry
from concentric.core.scoping import user_scope


def menu_for(request) -> list[dict]:
    """The menu for the signed-in user on the current page. What an entry shows depends only
    on the user's roles, the language and the page, so it is built once per combination."""
    current = request.resolver_match.view_name if request.resolver_match else ""
    return _menu(user_scope(request.user).roles, get_language(), current)


@lru_cache(maxsize=512)
def _menu(roles: frozenset[str], language: str, current: str) -> list[dict]:
    groups = registry.menu()
    active = _active_entry([item for _group, items in groups for item in items], current)
    menu = []
    for group, items in groups:
        shown = [
            {"label": str(item.label), "url": reverse(item.url_name), "icon": item.icon, "active": item is active}
            for item in items
            if item.visible(roles)
        ]
        if shown:
            menu.append({"label": str(group.label), "items": shown})
    return menu


def _active_entry(items: list[registry.MenuItem], current: str) -> registry.MenuItem | None:
    """The one entry to mark for the page ``current`` (a view name): the page's own entry; else
    the list its record belongs to, by name ("donations:pairing_detail" under
    "donations:pairing_list", "donations:detail" under "donations:list"); else the first entry of
    the page's app."""
    named = next((item for item in items if current == item.url_name or current in item.also), None)
    if named is not None:
        return named
    app, _, page = current.partition(":")
    in_app = [item for item in items if item.url_name != "home" and item.url_name.split(":")[0] == app]
    lists = [
        (len(stem), item)
        for item in in_app
        if item.url_name.endswith("list") and page.startswith(stem := item.url_name.partition(":")[2][: -len("list")])
    ]
    if lists:
        return max(lists, key=lambda found: found[0])[1]
    return in_app[0] if in_app else None
