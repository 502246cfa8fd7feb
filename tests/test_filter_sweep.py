"""Filters mean the same on the page, the export, the API and the command line: a bad value of any
filter field is an error everywhere, never silently dropped (issue #14, point 3).

The filtered routes are found by walking the resolver (tests/routes.py): every kit list page with
a FilterSet, every export, every API list with a FilterSet; an export whose view does not name its
FilterSet is named in its app's tests/matrix.py (FILTERSETS). For every field of the route's
FilterSet a bad value is derived from the field's type: a choice of record outside the user's
scope and one that does not exist, an unknown code, a number that is no number or beyond the
field's bounds, an impossible date, a yes/no that is neither; free text cannot be invalid and is
skipped. Then, as a user who may use the route with the narrowest scope:

- list page: 200, the field's error beside it (``invalid-feedback``), no rows;
- export (page or API): 400 naming the field and its message, no file, no "export" audit event;
- API list: 400 in the contract's error format, naming the field;
- ``concentric export people``: refused (non-zero exit) with the message, no file, nothing audited.
"""

import json
import re
from dataclasses import dataclass

import pytest
from django import forms
from django.core.management import CommandError, call_command
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils.html import escape
from rest_framework.views import APIView

from concentric.audit.models import AuditEvent
from concentric.core.kit.pages import ExportPage, ListPage
from concentric.core.scoping import Action, can
from concentric.org.models import OrgUnit
from concentric.people.models import Person
from conftest import sign_in
from tests.api_support import ERROR_KEYS
from tests.routes import collect_routes, declarations, factories

# Fixture users, narrowest scope first: each route is swept as the first who may use it.
SWEEP_USERS = ("c1_staff", "c1_admin", "auditadmin", "sub_admin", "sysadmin")
OWN_UNIT = "C1"  # where the sweep's records are made (inside every sweep user's scope)
NOT_A_NUMBER = "abc"
IMPOSSIBLE_DATE = "2024-13-45"
NEITHER_YES_NOR_NO = "maybe"
UNKNOWN_CODE = "no-such-code"


@dataclass(frozen=True)
class Filtered:
    """A route that filters its rows: how it answers a bad value."""

    name: str
    kind: str  # "page", "export" (a page's), "api" (a list) or "api-export"
    filterset_class: type
    model: type
    action: Action


def _filterset_of(route):
    declared = declarations().filtersets
    if route.name in declared:
        return declared[route.name]
    crud = getattr(route.owner, "crud", None)
    if crud is not None and route.is_view(ListPage, ExportPage):
        return crud.filterset_class
    return getattr(route.owner, "filterset_class", None)


def filtered_routes() -> tuple[list[Filtered], list[str]]:
    """Every filtered route, and the exports the sweep cannot find a FilterSet for."""
    found, unknown = [], []
    for route in collect_routes():
        filterset_class = _filterset_of(route)
        if route.access == "export":
            if filterset_class is None:
                unknown.append(route.label)
                continue
            kind = "api-export" if route.is_view(APIView) else "export"
            found.append(Filtered(route.name, kind, filterset_class, route.model, Action.EXPORT))
        elif filterset_class is not None and route.is_view(ListPage):
            found.append(Filtered(route.name, "page", filterset_class, route.model, Action.VIEW))
        elif (
            filterset_class is not None
            and route.viewset_actions is not None
            and route.viewset_actions.get("get") == "list"
        ):
            found.append(Filtered(route.name, "api", filterset_class, route.model, Action.VIEW))
    return found, unknown


FILTERED, UNKNOWN_EXPORTS = filtered_routes()


# --- bad values, by the type of the field -----------------------------------------------------


def bad_values(field: forms.Field) -> list[object] | None:
    """Values the field must refuse (None: it cannot refuse any: free text)."""
    if isinstance(field, forms.ModelChoiceField):  # and ModelMultipleChoiceField
        model = field.queryset.model
        outside = (
            model._default_manager.exclude(pk__in=field.queryset.values("pk")).values_list("pk", flat=True).first()
        )
        missing = (model._default_manager.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1000
        ids = [pk for pk in (outside, missing) if pk is not None]
        return (
            [[str(pk)] for pk in ids] if isinstance(field, forms.ModelMultipleChoiceField) else [str(pk) for pk in ids]
        )
    if isinstance(field, forms.MultipleChoiceField):
        return [[UNKNOWN_CODE]]
    if isinstance(field, forms.ChoiceField):
        return [UNKNOWN_CODE]
    if isinstance(field, forms.NullBooleanField | forms.BooleanField):
        return [NEITHER_YES_NOR_NO]
    if isinstance(field, forms.IntegerField | forms.FloatField):  # DecimalField is an IntegerField
        values = [NOT_A_NUMBER]
        if field.min_value is not None:
            values.append(str(field.min_value - 1))
        if field.max_value is not None:
            values.append(str(field.max_value + 1))
        return values
    if isinstance(field, forms.DateField | forms.DateTimeField):
        return [IMPOSSIBLE_DATE]
    if isinstance(field, forms.CharField):
        return None
    raise AssertionError(f"the filter sweep cannot derive a bad value for a {type(field).__name__}: teach bad_values")


def bad_filters(route: Filtered, user) -> list[tuple[str, str, object]]:
    """(field name, field label, bad value) for every field of the route's FilterSet, as ``user``."""
    request = RequestFactory().get("/")
    request.user = user
    form = route.filterset_class(None, queryset=route.model._default_manager.none(), request=request).form
    return [(name, str(field.label), value) for name, field in form.fields.items() for value in bad_values(field) or ()]


def sweep_user(route: Filtered, users):
    name = next(name for name in SWEEP_USERS if can(users[name], route.action, route.model))
    return users[name]


def _in_scope_record(model) -> None:
    """A record the route would list for the sweep user, so that "no rows" means something."""
    factory = factories().get(model)
    if factory is not None:
        factory(OrgUnit.objects.get(code=OWN_UNIT), OWN_UNIT)


def _exports() -> int:
    return AuditEvent.objects.filter(action="export").count()


# --- the sweep --------------------------------------------------------------------------------


def test_every_export_names_its_filterset():
    assert not UNKNOWN_EXPORTS, (
        "Exports whose FilterSet the sweep cannot find (declare `filterset_class` on the view, or name it in "
        "FILTERSETS of its app's tests/matrix.py):\n" + "\n".join(UNKNOWN_EXPORTS)
    )


def test_the_sweep_finds_every_kind_of_filtered_route():
    kinds = {(route.name, route.kind) for route in FILTERED}
    assert {
        ("org:list", "page"),
        ("users:list", "page"),
        ("audit:list", "page"),
        ("people:list", "page"),
        ("org:export", "export"),
        ("audit:export", "export"),
        ("people:export", "export"),
        ("api:people-export", "api-export"),
        ("api:person-list", "api"),
        ("api:org-unit-list", "api"),
        ("api:user-list", "api"),
        ("api:audit-event-list", "api"),
        ("api:role-assignment-list", "api"),
    } <= kinds


@pytest.mark.parametrize("route", FILTERED, ids=[route.name for route in FILTERED])
def test_a_bad_value_of_every_filter_field_is_refused(route, users):
    user = sweep_user(route, users)
    _in_scope_record(route.model)
    client = sign_in(Client(), user)
    if route.kind == "page":  # unfiltered, the page has rows: "no rows" below means something
        assert client.get(reverse(route.name)).context["rows"], f"{route.name} lists nothing to the sweep's user"
    cases = bad_filters(route, user)
    assert cases, f"{route.name}: its FilterSet has no field that can be invalid"
    failures = []
    for name, label, value in cases:
        before = _exports()
        problems = CHECKS[route.kind](client, route, name, label, value)
        if _exports() != before:
            problems.append("an export was audited")
        failures += [f"{route.name} {name}={value!r}: {problem}" for problem in problems]
    assert not failures, "\n".join(failures)


def _check_page(client, route, name, label, value) -> list[str]:
    response = client.get(reverse(route.name), {name: value})
    if response.status_code != 200:
        return [f"got {response.status_code}, expected 200"]
    problems = []
    errors = response.context["filterset"].form.errors.get(name)
    if not errors:
        return ["the page shows no error for the field (the value was dropped)"]
    html = response.content.decode()
    if not _error_beside(html, name, errors[0]):
        problems.append(f"the error {errors[0]!r} is not beside the field")
    if response.context["rows"]:
        problems.append(f"the page shows {len(response.context['rows'])} rows, expected none")
    return problems


def _error_beside(html: str, name: str, message: str) -> bool:
    """In the filter form, the field's widget, then its invalid-feedback with ``message``, before
    the next field."""
    form = html.split('data-testid="filter-form"', 1)[-1].split("</form>", 1)[0]
    widget = re.search(rf'<(?:select|input)[^>]*name="{re.escape(name)}"', form)
    if widget is None:
        return False
    after = form[widget.end() :]
    cell = after.split('class="form-label', 1)[0]
    return f'<div class="invalid-feedback d-block">{escape(message)}</div>' in cell


def _check_export(client, route, name, label, value) -> list[str]:
    response = client.get(reverse(route.name), {"format": "csv", name: value})
    problems = _no_file(response)
    body = response.content.decode() if not response.streaming else ""
    if f"{escape(label)}：" not in body:
        problems.append("the refusal does not name the field")
    return problems


def _check_api(client, route, name, label, value) -> list[str]:
    query = {name: value, **({"format": "csv"} if route.kind == "api-export" else {})}
    response = client.get(reverse(route.name), query, HTTP_ACCEPT="application/json")
    problems = _no_file(response)
    if response.streaming:
        return problems
    try:
        body = json.loads(response.content)
    except ValueError:
        return [*problems, "the answer is not JSON"]
    if set(body) != ERROR_KEYS:
        problems.append(f"the error body has the keys {sorted(body)}, expected {sorted(ERROR_KEYS)}")
    elif body["code"] != "invalid" or not body["fields"].get(name):
        problems.append(f"the error does not name the field: {body}")
    return problems


def _no_file(response) -> list[str]:
    problems = []
    if response.status_code != 400:
        problems.append(f"got {response.status_code}, expected 400")
    if response.streaming or "attachment" in response.get("Content-Disposition", ""):
        problems.append("a file was sent")
    return problems


CHECKS = {"page": _check_page, "export": _check_export, "api": _check_api, "api-export": _check_api}


# --- the command line -------------------------------------------------------------------------


def test_the_export_command_refuses_a_unit_outside_the_scope_or_unknown(users, tree, tmp_path):
    """``concentric export people --unit CODE``: the one filter the command takes."""
    _in_scope_record(Person)
    target = tmp_path / "members.csv"
    before = _exports()
    refusals = {}
    for code in (tree["C2"].code, "NO-SUCH-UNIT"):
        with pytest.raises(CommandError) as refused:
            call_command("export", "people", "--format", "csv", "--user", "c1_staff", "--unit", code, "-o", str(target))
        refusals[code] = (refused.value.returncode, str(refused.value))
    assert refusals == {
        tree["C2"].code: (
            1,
            "refused, nothing exported: 所属单位（含下级）: 请从可选项中选择。",
        ),
        "NO-SUCH-UNIT": (1, "no unit with code 'NO-SUCH-UNIT'"),
    }
    assert not target.exists()
    assert _exports() == before
