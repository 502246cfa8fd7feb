"""The project's routes, found by walking the resolver, and what each app declares about them for
the sweeps (the access matrix, the filter sweep, the version sweep).

Each installed ``concentric.*`` app may keep a ``tests/matrix.py`` beside its own tests with:

- ``FACTORIES``: model -> factory(unit, key) -> (one record owned by ``unit``, a text that shows the
  record on a page); ``key`` names the unit ("C1"), so that records of several units differ;
- ``ROUTE_SPECS``: route name -> Spec, for a route whose view does not say which records it works
  on or what it needs (a Spec without a model: any signed-in user may use the route);
- ``FILTERSETS``: route name -> FilterSet, for a filtered route whose view does not name it;
- ``VERSIONED``: route name -> function(record) -> {posted field: record whose version it carries},
  for a write page that takes the versions of other records than its own.

Adding an app adds its own module; no other app's, and no sweep, changes.
"""

import importlib
import importlib.util
from dataclasses import dataclass, field
from functools import cache

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern, RoutePattern

from concentric.core import registry
from concentric.core.scoping import Action

DECLARATIONS = ("FACTORIES", "ROUTE_SPECS", "FILTERSETS", "VERSIONED")


@dataclass(frozen=True)
class Spec:
    """What a route works on. ``model`` None: any signed-in user may use it (self-service)."""

    model: type | None = None
    action: Action | None = None  # what a page needs; API viewsets take it from the HTTP method
    api: bool = False  # answers JSON (401/403 to the anonymous) instead of a sign-in redirect
    post: dict = field(default_factory=dict)  # form data for a POST (empty by default)
    multipart: bool = False  # an API upload: writes are sent as (empty) multipart forms, not JSON
    binary: bool = False  # answers a file (an image), not a page naming the record


def self_service(*, api: bool = False) -> Spec:
    """A route any signed-in user may use, whatever their roles (``api``: it answers JSON)."""
    return Spec(api=api)


@dataclass(frozen=True)
class Route:
    name: str
    pattern: str
    callback: object
    kwargs: tuple[str, ...]
    fixed: tuple = ()  # (name, value) of URL arguments filled in: an import kind's name
    kind_model: type | None = None  # the records, where the URL decides them (an import kind's model)

    @property
    def label(self) -> str:
        return f"{self.name or '<unnamed>'} ({self.pattern or '/'}{''.join(f' {k}={v}' for k, v in self.fixed)})"

    @property
    def view_class(self):
        return getattr(self.callback, "cls", None) or getattr(self.callback, "view_class", None)

    @property
    def owner(self):
        """Where the route's declarations (access, model …) live: its view class or function."""
        return self.view_class or self.callback

    @property
    def access(self):
        return getattr(self.owner, "access", None)

    @property
    def model(self):
        return getattr(self.owner, "model", None) or self.kind_model

    @property
    def viewset_actions(self) -> dict | None:
        return getattr(self.callback, "actions", None)

    def is_view(self, *classes) -> bool:
        return self.view_class is not None and issubclass(self.view_class, classes)

    def url(self, obj=None) -> str:
        kwargs = dict(self.fixed) | ({"pk": obj.pk} if obj is not None else {})
        return reverse(self.name, kwargs=kwargs or None)


def _kwarg_names(pattern) -> list[str]:
    if isinstance(pattern, RoutePattern):
        return list(pattern.converters)
    if isinstance(pattern, RegexPattern):
        return list(pattern.regex.groupindex)
    return []


def collect_routes(patterns=None, prefix: str = "", namespace: str = "", kwargs: tuple = ()) -> list[Route]:
    """Every URL pattern reachable from the root URLconf, through every include."""
    routes = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        names = kwargs + tuple(_kwarg_names(entry.pattern))
        text = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = (
                f"{namespace}:{entry.namespace}" if namespace and entry.namespace else (entry.namespace or namespace)
            )
            routes += collect_routes(entry.url_patterns, text, inner or "", names)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else (entry.name or "")
            routes += _per_import_kind(Route(name, text, entry.callback, names))
    return routes


def _per_import_kind(route: Route) -> list[Route]:
    """A route of every import kind (/<kind>/import/…) once per registered kind; the records of
    its pages that name no model of their own are the kind's."""
    if "kind" not in route.kwargs:
        return [route]
    return [
        Route(route.name, route.pattern, route.callback, route.kwargs, (("kind", name),), kind.model)
        for name, kind in sorted(registry.import_kinds().items())
    ]


# --- what the apps declare ------------------------------------------------------------------


def matrix_module_name(app_name: str) -> str:
    return f"{app_name}.tests.matrix"


def matrix_path(model) -> str:
    """Where the app of ``model`` declares its sweep declarations (for messages)."""
    return "src/" + matrix_module_name(model._meta.app_config.name).replace(".", "/") + ".py"


def _matrix_modules():
    for config in apps.get_app_configs():
        if not config.name.startswith("concentric."):
            continue
        name = matrix_module_name(config.name)
        if importlib.util.find_spec(f"{config.name}.tests") is not None and importlib.util.find_spec(name) is not None:
            yield importlib.import_module(name)


@dataclass(frozen=True)
class Declarations:
    factories: dict
    route_specs: dict
    filtersets: dict
    versioned: dict
    origins: dict  # (kind, key) -> the module that declares it


@cache
def declarations() -> Declarations:
    """Every app's declarations merged by kind; one thing declared by two apps is an error."""
    merged = {kind: {} for kind in DECLARATIONS}
    origins = {}
    for module in _matrix_modules():
        for kind, found in merged.items():
            for key, value in getattr(module, kind, {}).items():
                if key in found:
                    raise AssertionError(f"{module.__name__} declares {kind}[{key!r}], as {origins[kind, key]} does")
                found[key] = value
                origins[kind, key] = module.__name__
    return Declarations(*(merged[kind] for kind in DECLARATIONS), origins=origins)


def factories() -> dict:
    return declarations().factories
