"""``Crud``: one declaration per model for its pages, its export and its API.

A line of work declares, for each model: the model, its FilterSet, its Table (the columns of
the list page and of the export), its form, its services and its titles; ``urls()`` then gives
the standard routes, each a kit page class (core.kit.pages) that checks permission and scope:

    list    ""                 detail  "<int:pk>/"          export  "export/"
    create  "new/"             edit    "<int:pk>/edit/"     delete  "<int:pk>/delete/"
    unmask  "<int:pk>/unmask/"

``pages`` names the ones a model has; ``page_classes`` replaces a standard page with the app's
own subclass; ``names``/``paths`` rename a route (two declarations in one app). A model's API
viewset (core.kit.api) reads the same declaration. The services are plain functions of the
app, named in ``services``: ``create(actor=, **values)``, ``update(actor=, <id_kwarg>=, version=,
**values)``, ``delete(actor=, <id_kwarg>=, version=)``.
"""

from dataclasses import dataclass

from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from concentric.core.kit import pages
from concentric.core.scoping import Action
from concentric.core.services import unmask_field

STANDARD_PATHS = {
    "list": "",
    "create": "new/",
    "export": "export/",
    "detail": "<int:pk>/",
    "edit": "<int:pk>/edit/",
    "delete": "<int:pk>/delete/",
    "unmask": "<int:pk>/unmask/",
}
STANDARD_PAGES = {
    "list": pages.ListPage,
    "create": pages.CreatePage,
    "export": pages.ExportPage,
    "detail": pages.DetailPage,
    "edit": pages.EditPage,
    "delete": pages.DeletePage,
    "unmask": pages.UnmaskPage,
}


@dataclass(frozen=True)
class Services:
    create: object = None
    update: object = None
    delete: object = None
    id_kwarg: str = "pk"  # how update and delete name the record: unit_id=, person_id= …


class Crud:
    model = None
    namespace = ""  # the app's URL namespace (its urls.py app_name)
    filterset_class = None
    table = None
    ordering: tuple[str, ...] = ("-pk",)  # keyset order of the list (ends in pk)
    page_size = 50
    form_class = None
    edit_form_class = None  # default: form_class
    services = Services()
    pages: tuple[str, ...] = ("list", "detail", "create", "edit", "delete", "export")
    page_classes: dict[str, type] = {}
    names: dict[str, str] = {}  # route -> URL name, when not the route's own name
    paths: dict[str, str] = {}  # route -> path, when not STANDARD_PATHS'
    detail_template = ""  # default: core/detail.html
    detail_fields: tuple[str, ...] = ()  # what the default detail page lists
    title = ""  # the list's title; default: the model's plural name
    create_label = ""  # the create page's title; default: "New <the model's name>"
    list_note = ""  # a sentence under the list's title: who keeps these records, how they count
    # created / saved / deleted, with %(name)s; default: "<the model's name> “<the record>” was created."
    messages: dict[str, str] = {}

    # --- routes ---------------------------------------------------------------------------

    @classmethod
    def urls(cls) -> list:
        """The routes of ``pages``, each view a subclass of the page class named after the model."""
        patterns = []
        for page in cls.pages:
            base = cls.page_classes.get(page, STANDARD_PAGES[page])
            view = type(f"{cls.model.__name__}{page.title()}Page", (base,), {"crud": cls, "model": cls.model})
            patterns.append(path(cls.paths.get(page, STANDARD_PATHS[page]), view.as_view(), name=cls.url_name(page)))
        return patterns

    @classmethod
    def route(cls, route: str, page_class: type, name: str, **attrs):
        """A route of one of the app's own pages on this declaration (a role granted on an
        account …): ``page_class`` with ``crud``, and ``model`` unless ``attrs`` name another."""
        attrs.setdefault("model", cls.model)
        view = type(page_class.__name__, (page_class,), {"crud": cls, **attrs})
        return path(route, view.as_view(), name=name)

    @classmethod
    def url_name(cls, page: str) -> str:
        return cls.names.get(page, page)

    @classmethod
    def has_page(cls, page: str) -> bool:
        return page in cls.pages

    @classmethod
    def url(cls, page: str, pk=None) -> str:
        name = f"{cls.namespace}:{cls.url_name(page)}" if cls.namespace else cls.url_name(page)
        return reverse(name, args=[pk] if pk is not None else None)

    # --- querysets ------------------------------------------------------------------------

    @classmethod
    def list_queryset(cls, user, queryset):
        """The visible records as the list, the export and the API read them (select_related …)."""
        return queryset

    @classmethod
    def object_queryset(cls, user, queryset):
        """The visible records as a record's pages read them."""
        return queryset

    @classmethod
    def export_ordering(cls) -> tuple[str, ...]:
        return cls.ordering

    @classmethod
    def allows(cls, user, action: Action, obj) -> bool:
        """Whether ``user`` may do ``action`` on ``obj`` (through the same scoping as the lists)."""
        return cls.model.objects.visible_to(user, action).filter(pk=obj.pk).exists()

    # --- words ----------------------------------------------------------------------------

    @classmethod
    def list_title(cls) -> str:
        return cls.title or cls.model._meta.verbose_name_plural

    @classmethod
    def create_title(cls) -> str:
        return cls.create_label or _("New %(thing)s") % {"thing": cls.model._meta.verbose_name}

    @classmethod
    def edit_title(cls, obj) -> str:
        return _("Edit %(name)s") % {"name": cls.object_label(obj)}

    @classmethod
    def object_label(cls, obj) -> str:
        return str(obj)

    @classmethod
    def message(cls, kind: str, obj) -> str:
        """What a page says after a write: the declaration's own message, else the kit's, which
        names the kind of record by the model's verbose_name (活动“…”已创建。)."""
        name = cls.object_label(obj)
        if kind in cls.messages:
            return cls.messages[kind] % {"name": name}
        default = {
            "created": _("%(kind)s “%(name)s” was created."),
            "saved": _("%(kind)s “%(name)s” was saved."),
            "deleted": _("%(kind)s “%(name)s” was deleted."),
        }[kind]
        return default % {"kind": capfirst(cls.model._meta.verbose_name), "name": name}

    @classmethod
    def delete_confirmation(cls, obj) -> str:
        return _("Delete “%(name)s”? This cannot be undone.") % {"name": cls.object_label(obj)}

    @classmethod
    def parent_crumbs(cls) -> list[dict]:
        """Breadcrumbs above the list's own (a dictionary under its line of work's list)."""
        return []

    @classmethod
    def list_crumb(cls) -> dict:
        return {"label": cls.list_title(), "url": cls.url("list") if cls.has_page("list") else ""}

    @classmethod
    def list_crumbs(cls) -> list[dict]:
        """The breadcrumbs of the pages below the list."""
        return [*cls.parent_crumbs(), cls.list_crumb()]

    @classmethod
    def object_crumbs(cls, user, obj, *, link_last: bool) -> list[dict]:
        return [*cls.list_crumbs(), {"label": cls.object_label(obj), "url": cls.object_url(obj) if link_last else ""}]

    @classmethod
    def object_url(cls, obj) -> str:
        return cls.url("detail", obj.pk) if cls.has_page("detail") else cls.url("list")

    @classmethod
    def after_save_url(cls, obj) -> str:
        return cls.object_url(obj)

    @classmethod
    def after_delete_url(cls, user, obj) -> str:
        return cls.url("list")

    # --- the detail page --------------------------------------------------------------------

    @classmethod
    def detail_values(cls, obj) -> list[tuple[str, object]]:
        """(label, value) of ``detail_fields`` for the default detail page."""
        values = []
        for name in cls.detail_fields:
            field = cls.model._meta.get_field(name)
            display = getattr(obj, f"get_{name}_display", None)
            values.append((field.verbose_name, display() if display else getattr(obj, name)))
        return values

    @classmethod
    def sensitive_fields(cls) -> tuple[str, ...]:
        """The masked fields, in the model's order."""
        names = getattr(cls.model, "SENSITIVE_FIELDS", frozenset())
        return tuple(field.name for field in cls.model._meta.concrete_fields if field.name in names)

    @classmethod
    def sections(cls, user, obj) -> list:
        """Related records shown on the detail page (ChildRecords declarations: core.kit.records)."""
        return []

    # --- writes -----------------------------------------------------------------------------

    @classmethod
    def create(cls, actor, values: dict):
        return cls.services.create(actor=actor, **values)

    @classmethod
    def update(cls, actor, obj, values: dict, version: int):
        return cls.services.update(actor=actor, version=version, **{cls.services.id_kwarg: obj.pk}, **values)

    @classmethod
    def delete(cls, actor, obj, version: int) -> None:
        cls.services.delete(actor=actor, version=version, **{cls.services.id_kwarg: obj.pk})

    @classmethod
    def unmask(cls, actor, obj, field: str, reason: str):
        return unmask_field(actor=actor, model=cls.model, pk=obj.pk, field=field, reason=reason)
