"""What each app contributes to the application shell: menu entries, home cards, page and API
routes, figures on a unit's page, panels on another app's record pages, demo data, import kinds, periodic tasks
and measures (core.measures).

An app registers its contributions from its own ``contrib.py``, which its ``AppConfig.ready``
imports; the shell (menu, home page, URL roots, demo loader) reads them here. Adding an app
therefore touches no other app and no part of the shell. Everything is registered once, while
Django starts; the lists are read-only afterwards.
"""

from collections.abc import Callable
from dataclasses import dataclass

from concentric.core.scoping import Action, grants


@dataclass(frozen=True)
class MenuGroup:
    """A heading of the left menu; the menu follows the organisation's work, not the code's apps."""

    key: str
    label: str
    order: int


@dataclass(frozen=True)
class MenuItem:
    group: str  # a MenuGroup key
    label: str
    url_name: str
    icon: str  # a bootstrap-icons name
    model: object = None  # shown to holders of a role that grants ``action`` on it; None: to everyone
    action: Action = Action.VIEW
    also: tuple[str, ...] = ()  # other pages (view names) that mark this entry
    order: int = 100
    roles: frozenset[str] | None = None  # for a page of no model (the dashboard): shown to holders of these roles

    def visible(self, roles: frozenset[str]) -> bool:
        if self.roles is not None:
            return bool(self.roles & roles)
        return self.model is None or grants(roles, self.action, self.model)


@dataclass(frozen=True)
class HomeCard:
    """A line of work on the home page: ``figure(user)`` answers the card's link and figure for a
    user who may see its records (``{"url": …, "figure": …}``, with ``"unit": "元"`` when the
    figure has a unit: shown smaller beside it, never wrapped below it), or None."""

    label: str
    icon: str
    figure: Callable[[object], dict | None]
    order: int = 100


@dataclass(frozen=True)
class UnitFigure:
    """A count shown on an org unit's page: ``count(actor, unit)`` is None when the actor may not see it."""

    label: str
    count: Callable[[object, object], int | None]
    testid: str = ""


@dataclass(frozen=True)
class DetailPanel:
    """A panel another app adds to the page of a record (a member's activities, hours and
    donations on the member's page): ``render(user, obj)`` answers its HTML, already escaped and
    drawn from the user's scope, or None when the user sees nothing of it."""

    model: str  # the record's model label, "people.Person"
    slug: str
    render: Callable[[object, object], str | None]
    order: int = 100


@dataclass(frozen=True)
class ListButton:
    """A button of a list page's toolbar that another app offers (导入 where an import kind exists)."""

    label: str
    url: str
    icon: str
    testid: str


@dataclass(frozen=True)
class PageRoutes:
    prefix: str  # "people/"
    urlconf: str  # the app's URL module (with its app_name)
    # A login-free part of the site, the same for everybody: its requests never read or write the
    # session (core.middleware), and a public host (CONCENTRIC_PORTAL_HOSTS) reaches nothing else.
    public: bool = False


@dataclass(frozen=True)
class ApiResource:
    prefix: str  # "people"
    viewset: type
    basename: str


@dataclass(frozen=True)
class DemoLoader:
    """Demo data of one line of work: ``load(context)`` writes what is missing and answers how
    many records it created; ``context`` holds the demo units by code and accounts by username."""

    label: str
    load: Callable[[dict], int]
    order: int = 100


@dataclass(frozen=True)
class Periodic:
    """Housekeeping the task worker (``concentric worker``) runs every ``every_seconds``:
    ``run()`` answers how many things it did (expired uploads removed …)."""

    name: str
    run: Callable[[], int]
    every_seconds: int


_menu_groups: dict[str, MenuGroup] = {}
_menu_items: list[MenuItem] = []
_home_cards: list[HomeCard] = []
_unit_figures: list[UnitFigure] = []
_pages: list[PageRoutes] = []
_api_resources: list[ApiResource] = []
_api_urlconfs: list[str] = []
_demo_loaders: list[DemoLoader] = []
_import_kinds: dict[str, object] = {}
_detail_panels: list[DetailPanel] = []
_list_buttons: list[Callable[[object, object], list[ListButton]]] = []
_periodic: list[Periodic] = []
_measures: dict[str, object] = {}


def add_menu_group(key: str, label: str, order: int) -> None:
    """Declare a menu heading; apps of the same line of work may declare it alike."""
    existing = _menu_groups.get(key)
    if existing is not None and existing.order != order:
        raise ValueError(f"menu group {key!r} declared twice with different orders")
    _menu_groups[key] = MenuGroup(key, label, order)


def add_menu_item(item: MenuItem) -> None:
    _menu_items.append(item)


def add_home_card(card: HomeCard) -> None:
    _home_cards.append(card)


def add_unit_figure(figure: UnitFigure) -> None:
    _unit_figures.append(figure)


def add_pages(prefix: str, urlconf: str, *, public: bool = False) -> None:
    _pages.append(PageRoutes(prefix, urlconf, public))


def add_api_resource(prefix: str, viewset: type, basename: str) -> None:
    _api_resources.append(ApiResource(prefix, viewset, basename))


def add_api_urls(urlconf: str) -> None:
    """A module whose ``urlpatterns`` join the API's before the resources' routes (uploads, exports)."""
    _api_urlconfs.append(urlconf)


def add_demo(loader: DemoLoader) -> None:
    _demo_loaders.append(loader)


def add_import_kind(name: str, kind) -> None:
    """A core.kit.importing.ImportKind: its template, upload page, jobs, API and ``concentric
    import <name>`` come from the imports app."""
    if name in _import_kinds:
        raise ValueError(f"import kind {name!r} registered twice")
    _import_kinds[name] = kind


def remove_import_kind(name: str) -> None:
    """Forget a kind (tests that register one of their own)."""
    _import_kinds.pop(name, None)


def add_periodic(task: Periodic) -> None:
    _periodic.append(task)


def add_measure(measure) -> None:
    """A core.measures.Measure: its figures are kept by the rollups app, judged by quotas, drawn
    on the dashboard and reported in the year-end review."""
    if measure.key in _measures:
        raise ValueError(f"measure {measure.key!r} registered twice")
    _measures[measure.key] = measure


def measures() -> list:
    return sorted(_measures.values(), key=lambda measure: (measure.order, measure.key))


def measure(key: str):
    """The measure named ``key``; KeyError when no app declares it."""
    return _measures[key]


def add_list_buttons(provider: Callable[[object, object], list[ListButton]]) -> None:
    """``provider(model, user)``: the buttons it offers on the list pages of ``model`` to ``user``."""
    _list_buttons.append(provider)


def add_detail_panel(panel: DetailPanel) -> None:
    _detail_panels.append(panel)


def detail_panels(user, obj) -> list[tuple[str, str]]:
    """The (slug, HTML) of the panels other apps show on ``obj``'s page for ``user``, in order."""
    label = obj._meta.label
    panels = sorted((panel for panel in _detail_panels if panel.model == label), key=lambda panel: panel.order)
    rendered = ((panel.slug, panel.render(user, obj)) for panel in panels)
    return [(slug, html) for slug, html in rendered if html]


def list_buttons(model, user) -> list[ListButton]:
    return [button for provider in _list_buttons for button in provider(model, user)]


def menu() -> list[tuple[MenuGroup, list[MenuItem]]]:
    """The menu's groups in order, each with its items in order."""
    groups = sorted(_menu_groups.values(), key=lambda group: group.order)
    return [
        (group, sorted((item for item in _menu_items if item.group == group.key), key=lambda item: item.order))
        for group in groups
    ]


def home_cards() -> list[HomeCard]:
    return sorted(_home_cards, key=lambda card: card.order)


def unit_figures() -> list[UnitFigure]:
    return list(_unit_figures)


def pages() -> list[PageRoutes]:
    return list(_pages)


def public_prefixes() -> tuple[str, ...]:
    """The paths of the public parts of the site ("/portal/"), from the root URLconf's mount."""
    return tuple(f"/{routes.prefix.lstrip('/')}" for routes in _pages if routes.public)


def api_resources() -> list[ApiResource]:
    # Longer prefixes first: "people/categories" must not be taken for a person's id.
    return sorted(_api_resources, key=lambda resource: -len(resource.prefix))


def api_urlconfs() -> list[str]:
    return list(_api_urlconfs)


def demo_loaders() -> list[DemoLoader]:
    return sorted(_demo_loaders, key=lambda loader: loader.order)


def import_kinds() -> dict[str, object]:
    return dict(_import_kinds)


def periodic() -> list[Periodic]:
    return list(_periodic)
