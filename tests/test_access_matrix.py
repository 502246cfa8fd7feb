"""The access matrix of ARCHITECTURE.md §5, over every URL pattern the resolver knows.

Every route (pages, the API's router-made routes, anything an app adds later) is found by walking
the resolver through its includes. Each must declare ``access`` (public, list, detail, write,
export, aggregate) on its view class, DRF view or viewset class, or view function; an
unclassified route fails. Then, for each route, every fixture user and the anonymous visitor
call it on records owned by four units (D, C1, C2 and B1), with every method the route serves,
and the answer must match what the model's scope policy grants the user over that record's unit,
worked out here independently of ``visible_to`` (roles from the database, ancestry by walking
``parent``):

- anonymous: a sign-in redirect (pages) or 401/403 with the JSON error body (API); public routes
  never refuse anybody;
- allowed: GET answers 200; lists and exports hold exactly the records in scope, detail pages the
  record itself; an API write with an empty body fails validation, never authorisation;
- not allowed: 404 for a record outside the user's units (403 on the API when no role of the user
  grants the action anywhere; 403 or 404 on a page for a record seen but not manageable);
  a refused write leaves the model's table unchanged.

Every refusal is audited (core.denials): a 403, or a 404 for a record that exists, leaves exactly
one "denied" access event naming the user, the route and the record; any other answer none.

A route the test cannot derive an expectation for fails, naming what to declare. Which records a
route works on comes from the view (``model``; viewsets: ``model``; write pages also
``object_action``), else from the ROUTE_SPECS of its app's tests/matrix.py, which also holds the
app's record factories (tests/routes.py gathers them from every app).
"""

import json
import re
from dataclasses import dataclass, replace
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import include, path, reverse
from rest_framework.views import APIView

from concentric.accounts.models import RoleAssignment
from concentric.audit.models import AuditEvent
from concentric.core.scoping import Action, action_for_method
from concentric.org.models import OrgUnit
from concentric.people.models import Tag
from conftest import sign_in
from tests.api_support import ERROR_KEYS
from tests.routes import Route, Spec, collect_routes, declarations, factories, matrix_module_name, matrix_path

ACCESS_KINDS = frozenset({"public", "list", "detail", "write", "export", "aggregate"})
UNIT_KEYS = ("D", "C1", "C2", "B1")
ANONYMOUS = "anonymous"
PROBED_METHODS = ("get", "post", "put", "patch", "delete")
DECLARE = "in its app's tests/matrix.py (see tests/routes.py)"


class Unclassified(Exception):
    pass


# --- the routes -----------------------------------------------------------------------------


def methods_of(route: Route) -> list[str]:
    """The methods the route serves; a view function does not say, so GET and POST are tried."""
    if route.viewset_actions is not None:
        return [method.upper() for method in route.viewset_actions if method in PROBED_METHODS]
    view = route.view_class
    if view is None:
        return ["GET", "POST"]
    return [m.upper() for m in PROBED_METHODS if m in view.http_method_names and hasattr(view, m)]


def spec_for(route: Route) -> Spec:
    """The expectation of a route, or Unclassified saying what the developer must declare."""
    if route.access not in ACCESS_KINDS:
        raise Unclassified(
            f"{route.label}: its view declares no valid `access` (found {route.access!r}); set it on the "
            f"view class, DRF viewset class or view function to one of {sorted(ACCESS_KINDS)}"
        )
    if not route.name:
        raise Unclassified(f"{route.label}: give the route a name (the access matrix reverses it)")
    specs = declarations().route_specs
    if route.access == "public":  # a public route with a record in its URL names its model in ROUTE_SPECS
        spec = specs.get(route.name, Spec())
    elif route.name in specs:
        spec = specs[route.name]
    else:
        spec = _derived_spec(route)
    if spec.model is None and route.kind_model is not None:  # an import kind's upload: the kind's records
        spec = replace(spec, model=route.kind_model)
    extra = set(route.kwargs) - {"pk"} - {name for name, _value in route.fixed}
    if extra or ("pk" in route.kwargs and spec.model is None):
        raise Unclassified(
            f"{route.label}: the access matrix cannot fill the URL arguments {sorted(route.kwargs)}; "
            "name the record `pk` and declare its `model`, or teach tests/test_access_matrix.py the route"
        )
    if spec.model is not None and spec.model not in factories():
        raise Unclassified(
            f"{route.label}: add an object factory for {spec.model._meta.label} to FACTORIES in "
            f"{matrix_path(spec.model)} (one record owned by a given unit, and its marker text)"
        )
    return spec


def _derived_spec(route: Route) -> Spec:
    owner, model = route.owner, route.model
    is_api = route.view_class is not None and issubclass(route.view_class, APIView)
    if model is None:
        raise Unclassified(
            f"{route.label}: the matrix cannot tell which records this {route.access!r} route shows; declare "
            f"`model` on the view, or list the route in ROUTE_SPECS {DECLARE} (a Spec without a model when "
            "any signed-in user may use it)"
        )
    if route.viewset_actions is not None:
        return Spec(model, None, api=True)
    if route.access == "write":
        action = getattr(owner, "object_action", Action.VIEW)
        if action == Action.VIEW:
            raise Unclassified(
                f"{route.label}: a write route must say which action it needs: set `object_action` on the "
                f"view, or list the route in ROUTE_SPECS {DECLARE}"
            )
        return Spec(model, action, api=is_api)
    return Spec(model, Action.EXPORT if route.access == "export" else Action.VIEW, api=is_api)


# --- the expectation, worked out without visible_to -----------------------------------------


class Oracle:
    """Who may do what where, from the scope policies and the role assignments in the database."""

    def __init__(self, users: dict):
        self.assignments = {
            name: [(a.role, a.org_unit) for a in RoleAssignment.objects.filter(user=user).select_related("org_unit")]
            for name, user in users.items()
        }

    def _roles(self, name, model, action):
        granting = model.scope.roles_for(action)
        return [(role, unit) for role, unit in self.assignments.get(name, []) if role in granting and unit.is_active]

    def has_role(self, name, model, action) -> bool:
        return bool(self._roles(name, model, action))

    def covers(self, name, model, action, obj) -> bool:
        held = self._roles(name, model, action)
        policy = model.scope
        if not held:
            return False
        if obj is None or policy.unit_field is None:
            return True
        owner = obj
        if policy.unit_field != "self":
            for part in policy.unit_field.split("__"):  # through a relation, e.g. person__org_unit
                owner = getattr(owner, part)
        shared = policy.share_field and action in policy.shared_actions
        owners = [owner] + (_shared_units(obj, policy.share_field) if shared else [])
        if any(unit.pk in _lineage(owned) for owned in owners for _, unit in held):
            return True
        # Open upwards: seen from the units below the owner (a subdistrict's venue).
        return action in policy.upward_actions and any(owner.pk in _lineage(unit) - {unit.pk} for _, unit in held)


def _shared_units(obj, share_field: str) -> list:
    """The units a record is shared with, through a relation too (activity__co_units)."""
    *through, last = share_field.split("__")
    for part in through:
        obj = getattr(obj, part)
    return list(getattr(obj, last).all())


def _lineage(unit) -> set[int]:
    """The unit and all its ancestors, by walking ``parent``."""
    seen = set()
    while unit is not None:
        seen.add(unit.pk)
        unit = unit.parent
    return seen


# --- running one route ----------------------------------------------------------------------


def _rows(model) -> list[dict]:
    return [{k: v for k, v in row.items() if k != "last_login"} for row in model.objects.order_by("pk").values()]


def _body(response) -> str:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return raw.decode("utf-8", errors="replace")


def _send(client, method: str, url: str, spec: Spec):
    if spec.api and spec.multipart and method != "GET":
        return client.generic(method, url, b"", content_type="multipart/form-data; boundary=matrix")
    if spec.api:
        return client.generic(method, url, "{}" if method != "GET" else "", content_type="application/json")
    if method == "GET":
        return client.get(url)
    return client.generic(method, url, urlencode(spec.post), content_type="application/x-www-form-urlencoded")


@dataclass(frozen=True)
class Answer:
    response: object
    body: str
    unchanged: bool  # the model's table was left as it was
    denials: list  # the denied-access audit events the call left

    @property
    def status(self) -> int:
        return self.response.status_code


def probe(client, method: str, url: str, spec: Spec) -> Answer:
    """Call the route inside a savepoint that is rolled back: every call sees the same records."""
    with transaction.atomic():
        cache.clear()  # the denied-access limiter (core.denials) must not hide a refusal
        before = _rows(spec.model) if spec.model is not None else None
        newest = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        response = _send(client, method, url, spec)
        body = _body(response)
        after = _rows(spec.model) if before is not None else None
        if spec.model is AuditEvent:  # the call's own audit trail (an export, a refusal) may be appended
            after = after[: len(before)]
        denials = list(
            AuditEvent.objects.filter(id__gt=newest, action="access").values(
                "actor_id", "result", "object_type", "object_id", "reason"
            )
        )
        transaction.set_rollback(True)
    return Answer(response, body, before == after, denials)


def _login_redirect(response) -> bool:
    login = reverse(settings.LOGIN_URL)
    return (
        response.status_code == 302 and response["Location"].startswith(f"{login}?") and "next=" in response["Location"]
    )


def _json_error(body: str) -> bool:
    try:
        return set(json.loads(body)) == ERROR_KEYS
    except (ValueError, TypeError):
        return False


def _ids(body: str) -> set[int]:
    return {row["id"] for row in json.loads(body)["results"]}


def run_route(route: Route, users: dict) -> list[str]:
    """Every user (and the anonymous) x every record x every method of ``route``; the failures."""
    spec = spec_for(route)
    records = {}
    if spec.model is not None:
        records = {key: factories()[spec.model](unit, key) for key, unit in _units().items()}
        _as_the_url_names(route, spec.model, records)
    targets = [(key, obj) for key, (obj, _) in records.items()] if "pk" in route.kwargs else [("-", None)]
    oracle = Oracle(users)
    clients = {ANONYMOUS: Client(), **{name: sign_in(Client(), user) for name, user in users.items()}}
    failures = []
    for who, client in clients.items():
        for key, obj in targets:
            url = route.url(obj)
            for method in methods_of(route):
                answer = probe(client, method, url, spec)
                where = f"{route.label} {method} {url} as {who}" + (f" on the {key} record" if obj is not None else "")
                problems = judge(route, spec, oracle, who, obj, method, answer, records)
                problems += judge_denials(route, users.get(who), obj, answer)
                failures += [f"{where}: {problem}" for problem in problems]
    return failures


def _as_the_url_names(route: Route, model, records: dict) -> None:
    """A record a route reaches by pk under a fixed URL argument takes that argument's value: a
    job of /activities/import/<pk>/ is an "activities" job, whatever kind the factory made."""
    if "pk" not in route.kwargs:
        return
    fields = {field.name for field in model._meta.concrete_fields}
    values = {name: value for name, value in route.fixed if name in fields}
    for obj, _marker in records.values() if values else ():
        for name, value in values.items():
            setattr(obj, name, value)
        obj.save(update_fields=list(values))


def _units() -> dict:
    return {key: OrgUnit.objects.get(code=key) for key in UNIT_KEYS}


def judge(route, spec, oracle, who, obj, method, answer: Answer, records) -> list[str]:
    response, body, unchanged, status = answer.response, answer.body, answer.unchanged, answer.status
    if status >= 500:
        return [f"server error {status}"]
    refused = status in (401, 403) or _login_redirect(response)
    if route.access == "public":
        return [f"a public route refused ({status})"] if refused else []
    if who == ANONYMOUS:
        return _judge_anonymous(route, spec, status, response, body) + ([] if unchanged else [CHANGED])
    if spec.model is None:  # self-service: open to every signed-in user
        return [f"a signed-in user was refused ({status})"] if refused or status == 404 else []
    action = action_for_method(method) if route.viewset_actions is not None else spec.action
    if oracle.covers(who, spec.model, action, obj):
        problems = _judge_allowed(route, spec, oracle, who, obj, method, status, body, response, records)
        return problems + (["a read changed the table"] if method == "GET" and not unchanged else [])
    return _judge_denied(route, spec, oracle, who, obj, action, status, body) + ([] if unchanged else [CHANGED])


CHANGED = "a refused call changed the table"


def judge_denials(route, user, obj, answer: Answer) -> list[str]:
    """A signed-in user's 403, or 404 on a record (they all exist here), leaves one denied-access
    event naming the user, the route, the record's type and id; any other answer none. A public
    route refuses nobody: its 404 is a record that is not public, for everybody alike."""
    refused = (
        user is not None
        and route.access != "public"
        and (answer.status == 403 or (answer.status == 404 and obj is not None))
    )
    count = len(answer.denials)
    if not refused:
        return [f"left {count} denied-access audit events, expected none"] if count else []
    if count != 1:
        return [f"a refusal ({answer.status}) left {count} denied-access audit events, expected one"]
    event = answer.denials[0]
    expected = {
        "actor_id": user.pk,
        "result": "denied",
        "object_type": route.model._meta.label_lower if route.model is not None else "",
        "object_id": str(obj.pk) if obj is not None else "",
    }
    problems = [
        f"its denied-access event has {name} {event[name]!r}, expected {value!r}"
        for name, value in expected.items()
        if event[name] != value
    ]
    if not event["reason"].startswith(f"route={route.name};"):
        problems.append(f"its denied-access event's reason {event['reason']!r} does not name the route first")
    return problems


def _judge_anonymous(route, spec, status, response, body) -> list[str]:
    if spec.api:
        if status in (401, 403) and _json_error(body):
            return []
        return [f"anonymous got {status}, expected 401/403 with the JSON error body"]
    if _login_redirect(response) or (status == 405 and route.view_class is None):
        return []
    return [f"anonymous got {status}, expected a redirect to sign in"]


def _judge_denied(route, spec, oracle, who, obj, action, status, body) -> list[str]:
    if spec.api:
        expected = 404 if oracle.has_role(who, spec.model, action) else 403
        if status == expected and _json_error(body):
            return []
        return [f"got {status}, expected {expected} with the JSON error body"]
    if obj is not None and not oracle.covers(who, spec.model, Action.VIEW, obj):
        return [] if status == 404 else [f"got {status} for a record outside the user's units, expected 404"]
    if status in (403, 404) or (status == 405 and route.view_class is None):
        return []
    return [f"got {status}, expected 403 or 404 (no {action} grant here)"]


def _judge_allowed(route, spec, oracle, who, obj, method, status, body, response, records) -> list[str]:
    if method != "GET":
        if spec.api and status not in (200, 201, 204, 400):
            return [f"an allowed write with an empty body got {status}, expected validation (400) or success"]
        if status in (401, 404) or _login_redirect(response):
            return [f"an allowed write got {status}"]
        return []
    if status != 200:
        return [f"got {status}, expected 200"]
    problems = []
    if obj is not None and route.access == "detail" and not spec.binary:
        if spec.api:
            if json.loads(body).get("id") != obj.pk:
                problems.append("the answer is not the requested record")
        elif next(marker for record, marker in records.values() if record.pk == obj.pk) not in body:
            problems.append("the page does not show the requested record")
    if obj is None and route.access in ("list", "export"):
        action = Action.EXPORT if route.access == "export" else Action.VIEW
        for key, (record, marker) in records.items():
            in_scope = oracle.covers(who, spec.model, action, record)
            # API lists answer JSON ids; exports (pages and API alike) are files holding the marker.
            present = record.pk in _ids(body) if spec.api and route.access == "list" else marker in body
            if in_scope and not present:
                problems.append(f"the {key} record is in scope but missing")
            if present and not in_scope:
                problems.append(f"shows the out-of-scope {key} record")
    return problems


# --- the tests ------------------------------------------------------------------------------

ROUTES = collect_routes()


def test_every_route_is_classified():
    unclassified = [route.label for route in ROUTES if route.access not in ACCESS_KINDS]
    assert not unclassified, "Routes without a valid `access` on their view:\n" + "\n".join(unclassified)


def test_every_route_has_an_expectation():
    problems = []
    for route in ROUTES:
        try:
            spec_for(route)
        except Unclassified as error:
            problems.append(str(error))
    assert not problems, "\n".join(problems)


def test_the_walk_finds_page_and_router_routes():
    names = {route.name for route in ROUTES}
    assert {"home", "org:list", "org:detail", "users:list", "audit:list", "api:schema", "api:docs"} <= names
    assert {"api:org-unit-list", "api:org-unit-detail", "api:user-detail", "api:role-assignment-detail"} <= names
    detail = next(route for route in ROUTES if route.name == "api:org-unit-detail")
    assert (detail.pattern, detail.kwargs, detail.access) == ("api/v1/org-units/<int:pk>/", ("pk",), "list")
    assert methods_of(detail) == ["GET", "PATCH", "DELETE"]


@pytest.mark.parametrize("route", ROUTES, ids=[route.name or route.pattern for route in ROUTES])
def test_access(route, users):
    failures = run_route(route, users)
    assert not failures, f"{len(failures)} unexpected answers:\n" + "\n".join(failures[:40])


# --- the matrix itself catches leaks --------------------------------------------------------


def leaky_org_list(request):
    """A list that forgets both sign-in and visible_to."""
    return HttpResponse(", ".join(OrgUnit.objects.values_list("name", flat=True)))


leaky_org_list.access = "list"
leaky_org_list.model = OrgUnit


def leaky_org_detail(request, pk):
    """A detail page that checks sign-in but loads the record without visible_to."""
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    return HttpResponse(OrgUnit.objects.get(pk=pk).name)


leaky_org_detail.access = "detail"
leaky_org_detail.model = OrgUnit

urlpatterns = [
    path("leaky/", leaky_org_list, name="leaky_list"),
    path("leaky/<int:pk>/", leaky_org_detail, name="leaky_detail"),
    path("", include("concentric.shell.urls")),
]


@pytest.mark.urls(__name__)
def test_the_matrix_reports_a_list_that_ignores_scope(users):
    route = next(route for route in collect_routes() if route.name == "leaky_list")
    failures = run_route(route, users)
    assert f"{route.label} GET /leaky/ as anonymous: anonymous got 200, expected a redirect to sign in" in failures
    assert f"{route.label} GET /leaky/ as c1_staff: shows the out-of-scope C2 record" in failures
    assert f"{route.label} GET /leaky/ as norole: got 200, expected 403 or 404 (no view grant here)" in failures


@pytest.mark.urls(__name__)
def test_the_matrix_reports_a_detail_that_ignores_scope(users):
    route = next(route for route in collect_routes() if route.name == "leaky_detail")
    failures = run_route(route, users)
    c2_record = OrgUnit.objects.get(code="MX-C2")
    assert (
        f"{route.label} GET /leaky/{c2_record.pk}/ as c1_staff on the C2 record: "
        "got 200 for a record outside the user's units, expected 404"
    ) in failures
    assert not [f for f in failures if "as c1_staff on the C1 record" in f]


def test_an_unclassified_route_fails_with_its_name():
    def unmarked(request):
        return HttpResponse()

    route = Route("somewhere:thing", "somewhere/thing/", unmarked, ())
    with pytest.raises(
        Unclassified, match=r"somewhere:thing \(somewhere/thing/\): its view declares no valid `access`"
    ):
        spec_for(route)
    unmarked.access = "list"
    with pytest.raises(Unclassified, match=r"cannot tell which records"):
        spec_for(route)


def test_a_model_without_a_factory_fails_naming_where_to_add_it():
    def tags(request):
        return HttpResponse()

    tags.access, tags.model = "list", Tag
    route = Route("somewhere:tags", "somewhere/tags/", tags, ())
    with pytest.raises(
        Unclassified,
        match=re.escape(
            "somewhere:tags (somewhere/tags/): add an object factory for people.Tag to FACTORIES in "
            "src/concentric/people/tests/matrix.py"
        ),
    ):
        spec_for(route)


def test_each_app_declares_the_factories_of_its_own_models():
    found = declarations()
    assert {OrgUnit, AuditEvent, RoleAssignment} <= set(found.factories)
    misplaced = [
        f"{model._meta.label} in {found.origins['FACTORIES', model]}"
        for model in found.factories
        if found.origins["FACTORIES", model] != matrix_module_name(model._meta.app_config.name)
    ]
    assert not misplaced


def test_the_matrix_reports_a_refusal_left_unaudited_or_audited_twice(users):
    route = next(route for route in ROUTES if route.name == "org:detail")
    unit = OrgUnit.objects.get(code="C2")
    user = users["c1_staff"]
    event = {
        "actor_id": user.pk,
        "result": "denied",
        "object_type": "org.orgunit",
        "object_id": str(unit.pk),
        "reason": "route=org:detail; outside the user's units",
    }
    refused = HttpResponse(status=404)
    assert judge_denials(route, user, unit, Answer(refused, "", True, [event])) == []
    assert judge_denials(route, user, unit, Answer(refused, "", True, [])) == [
        "a refusal (404) left 0 denied-access audit events, expected one"
    ]
    assert judge_denials(route, user, unit, Answer(refused, "", True, [event, event])) == [
        "a refusal (404) left 2 denied-access audit events, expected one"
    ]
    assert judge_denials(route, user, unit, Answer(refused, "", True, [{**event, "object_id": ""}])) == [
        f"its denied-access event has object_id '', expected '{unit.pk}'"
    ]
    assert judge_denials(route, user, unit, Answer(HttpResponse(), "", True, [event])) == [
        "left 1 denied-access audit events, expected none"
    ]
