"""The left menu, grouped by line of work. Each entry shows only to users who may see its
records (the same scoping primitive as the pages themselves)."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    icon: str
    visible: object  # callable(user) -> bool


@dataclass
class MenuGroup:
    label: str
    items: list[MenuItem] = field(default_factory=list)


def _can_view(model_path: str):
    def check(user):
        from django.apps import apps

        from concentric.core.scoping import Action, can

        return can(user, Action.VIEW, apps.get_model(model_path))

    return check


def _groups() -> list[MenuGroup]:
    return [
        MenuGroup(_("Workbench"), [MenuItem(_("Home"), "home", "house", lambda user: True)]),
        MenuGroup(
            _("System"),
            [
                MenuItem(_("Organisation"), "org:list", "diagram-3", _can_view("org.OrgUnit")),
                MenuItem(_("Users"), "users:list", "people", _can_view("accounts.User")),
                MenuItem(_("Audit log"), "audit:list", "journal-text", _can_view("audit.AuditEvent")),
            ],
        ),
    ]


def menu_for(request) -> list[dict]:
    user = request.user
    current = request.resolver_match.view_name if request.resolver_match else ""
    menu = []
    for group in _groups():
        items = [
            {
                "label": item.label,
                "url": reverse(item.url_name),
                "icon": item.icon,
                "active": current == item.url_name or current.split(":")[0] == item.url_name.split(":")[0] != "home",
            }
            for item in group.items
            if item.visible(user)
        ]
        if items:
            menu.append({"label": group.label, "items": items})
    return menu
