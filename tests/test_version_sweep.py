"""Every edit and delete needs the version the user saw, and a write that changes nothing writes
nothing (issue #14, point 4).

The routes are found by walking the resolver (tests/routes.py): every page whose view is a kit
EditPage or DeletePage (ChildRecords' included), every page its app's tests/matrix.py names in
VERSIONED (it posts the versions of other records: the merge of two members), and every API
PATCH and DELETE of a model with a ``version``. On a record made by the app's factory, as a user
allowed to change it:

1. without a version: refused with the "changed by someone else" message (pages: beside the form,
   or as the message after the redirect; API: 400 naming ``version``);
2. with a stale version (someone saved in between): refused alike (API: 409 "stale");
3. with the current version and nothing changed (the edit form's own data posted back; a PATCH
   of read-only fields only, and one of unchanged fields): accepted, the version not bumped.

A refusal, and a write that changes nothing, leave every versioned table and the record's table
as they were and write no audit event.
"""

import json

import pytest
from django import forms
from django.apps import apps
from django.db.models import F
from django.test import Client
from rest_framework import serializers

from concentric.audit.models import AuditEvent
from concentric.core.api import MaskedCharField, MaskedDateField
from concentric.core.kit.pages import DeletePage, EditPage
from concentric.core.scoping import Action
from concentric.core.services import StaleRecord
from concentric.org.models import OrgUnit
from conftest import sign_in
from tests.api_support import session_client
from tests.routes import collect_routes, declarations, factories

# Fixture users, narrowest scope first: each route is swept as the first allowed to write.
WRITERS = ("c1_staff", "c1_admin", "sub_admin", "sysadmin")
OWN_UNIT = "C1"
ROUTES = collect_routes()


def is_versioned(model) -> bool:
    return model is not None and any(field.name == "version" for field in model._meta.concrete_fields)


PAGES = [route for route in ROUTES if route.is_view(EditPage, DeletePage) or route.name in declarations().versioned]
API_WRITES = [
    (route, method.upper())
    for route in ROUTES
    if route.viewset_actions is not None and is_versioned(route.model)
    for method in ("patch", "delete")
    if method in route.viewset_actions
]
VERSIONED_MODELS = [model for model in apps.get_models() if is_versioned(model)]


# --- records, writers, and what must not change ---------------------------------------------


def make_record(model):
    record, _marker = factories()[model](OrgUnit.objects.get(code=OWN_UNIT), OWN_UNIT)
    return record


def versioned_records(route, record) -> dict:
    """posted field -> the record whose version it carries."""
    declared = declarations().versioned.get(route.name)
    return declared(record) if declared else {"version": record}


def writer(users, model, record, action: Action, others=()):
    """The first fixture user who may ``action`` the record, and change and delete ``others``."""

    def allowed(user):
        if not model.objects.visible_to(user, action).filter(pk=record.pk).exists():
            return False
        return all(
            type(other).objects.visible_to(user, needed).filter(pk=other.pk).exists()
            for other in others
            for needed in (Action.CHANGE, Action.DELETE)
        )

    return next(users[name] for name in WRITERS if allowed(users[name]))


def state(model) -> dict:
    """Every row of every versioned table and of ``model``'s, and the number of audit events."""
    tables = {}
    for table in {*VERSIONED_MODELS, model}:
        tables[table._meta.label] = [
            {name: value for name, value in row.items() if name != "last_login"}
            for row in table._default_manager.order_by("pk").values()
        ]
    return {"tables": tables, "audit events": AuditEvent.objects.count()}


def bump(records) -> dict:
    """Someone else saves each record: its version goes up. Answers the versions read before."""
    read = {}
    for name, record in records.items():
        record.refresh_from_db()
        read[name] = record.version
        type(record).objects.filter(pk=record.pk).update(version=F("version") + 1)
    return read


def current_versions(records) -> dict:
    for record in records.values():
        record.refresh_from_db()
    return {name: record.version for name, record in records.items()}


def test_the_sweep_finds_every_kind_of_versioned_write():
    pages = {route.name for route in PAGES}
    assert {
        "org:edit",
        "org:delete",
        "users:edit",
        "people:edit",
        "people:delete",
        "people:category_edit",
        "people:honour_edit",
        "people:honour_delete",
        "people:duplicate_merge",
    } <= pages
    assert {(route.name, method) for route, method in API_WRITES} >= {
        ("api:org-unit-detail", "PATCH"),
        ("api:org-unit-detail", "DELETE"),
        ("api:user-detail", "PATCH"),
        ("api:person-detail", "PATCH"),
        ("api:person-detail", "DELETE"),
    }


# --- pages ------------------------------------------------------------------------------------


def form_values(form) -> dict:
    """What a browser posts back for ``form`` as shown (its initial values), without files."""
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field, forms.FileField) or value is None:
            continue
        if isinstance(field, forms.BooleanField) and not isinstance(field, forms.NullBooleanField):
            if value:
                data[name] = "on"
        elif isinstance(value, (list, tuple)):
            data[name] = [str(item) for item in value]
        else:
            data[name] = str(value)
    return data


def post(client, url: str, data: dict, *, is_edit: bool):
    """An edit answers its form again when refused; an action page redirects: followed."""
    return client.post(url, data, follow=not is_edit)


def refusal_of(response, *, is_edit: bool) -> list[str]:
    """The refusal the user reads: the form's own errors, or the messages after the redirect."""
    if is_edit:
        if response.status_code != 200:
            return [f"answered {response.status_code}, expected the form again"]
        form = response.context["form"]
        return list(form.non_field_errors()) + [
            f"{name}: {error}" for name, errors in form.errors.items() if name != "__all__" for error in errors
        ]
    if not response.redirect_chain or response.status_code != 200:
        return [f"answered {response.status_code} after {response.redirect_chain}, expected a redirect to a page"]
    return [str(message) for message in response.context["messages"]]


@pytest.mark.parametrize("route", PAGES, ids=[route.name for route in PAGES])
def test_a_page_write_needs_the_current_version_and_one_that_changes_nothing_writes_nothing(route, users):
    record = make_record(route.model)
    versioned = versioned_records(route, record)
    others = [other for other in versioned.values() if other is not record]
    client = sign_in(Client(), writer(users, route.model, record, route.owner.object_action, others))
    url = route.url(record)
    is_edit = route.is_view(EditPage)
    shown = {}
    if is_edit:
        page = client.get(url)
        assert page.status_code == 200, f"{route.name}: the edit page answered {page.status_code}"
        shown = {name: value for name, value in form_values(page.context["form"]).items() if name not in versioned}

    stale_message = StaleRecord().messages
    before = state(route.model)
    missing = post(client, url, shown, is_edit=is_edit)
    assert (refusal_of(missing, is_edit=is_edit), state(route.model)) == (stale_message, before), (
        f"{route.name} without a version"
    )

    read = bump(versioned)
    before = state(route.model)
    stale = post(client, url, {**shown, **read}, is_edit=is_edit)
    assert (refusal_of(stale, is_edit=is_edit), state(route.model)) == (stale_message, before), (
        f"{route.name} with a stale version"
    )

    if not is_edit:
        return  # a delete or a merge always changes something
    page = client.get(url)
    versions = current_versions(versioned)
    before = state(route.model)
    same = client.post(url, form_values(page.context["form"]))
    assert same.status_code == 302, (
        f"{route.name}: posting the form back unchanged was refused: {refusal_of(same, is_edit=True)}"
    )
    assert (current_versions(versioned), state(route.model)) == (versions, before), (
        f"{route.name}: an unchanged form wrote"
    )


# --- the API ----------------------------------------------------------------------------------


def update_serializer(route):
    view = route.view_class(action="partial_update", request=None, format_kwarg=None, kwargs={})
    return view.get_serializer_class()()


def _changeable(field) -> bool:
    return not field.read_only and not field.write_only and not isinstance(field, (MaskedCharField, MaskedDateField))


def a_change(serializer, shown: dict) -> dict:
    """A new value for one free-text field (else a yes/no field turned over): what a write without
    a (current) version must not store."""
    for name, field in serializer.fields.items():
        if (
            type(field) is serializers.CharField
            and _changeable(field)
            and shown.get(name)
            and not serializer.Meta.model._meta.get_field(name).unique
        ):
            return {name: shown[name] + "改"}
    for name, field in serializer.fields.items():
        if isinstance(field, serializers.BooleanField) and _changeable(field) and name in shown:
            return {name: not shown[name]}
    raise AssertionError(f"{type(serializer).__name__} has no field the sweep can change")


def send(client, method: str, url: str, body: dict | None = None, version=None):
    if method == "DELETE":
        return client.delete(url if version is None else f"{url}?version={version}")
    payload = body if version is None else {**body, "version": version}
    return client.patch(url, json.dumps(payload), content_type="application/json")


def error(response) -> dict:
    try:
        body = response.json()
    except ValueError:
        return {"status": response.status_code}
    return {"status": response.status_code, "code": body.get("code"), "fields": sorted(body.get("fields") or {})}


@pytest.mark.parametrize(
    ("route", "method"), API_WRITES, ids=[f"{route.name}-{method}" for route, method in API_WRITES]
)
def test_an_api_write_needs_the_current_version_and_one_that_changes_nothing_writes_nothing(route, method, users):
    record = make_record(route.model)
    action = Action.CHANGE if method == "PATCH" else Action.DELETE
    client = session_client(writer(users, route.model, record, action))
    url = route.url(record)
    shown = client.get(url).json()
    serializer = update_serializer(route)
    change = a_change(serializer, shown) if method == "PATCH" else None

    before = state(route.model)
    missing = send(client, method, url, change)
    assert (error(missing), state(route.model)) == (
        {"status": 400, "code": "invalid", "fields": ["version"]},
        before,
    ), f"{route.name} {method} without a version"

    read = bump({"version": record})["version"]
    before = state(route.model)
    stale = send(client, method, url, change, version=read)
    assert (error(stale), state(route.model)) == ({"status": 409, "code": "stale", "fields": []}, before), (
        f"{route.name} {method} with a stale version"
    )

    if method == "DELETE":
        return
    version = current_versions({"version": record})["version"]
    read_only = {name: "ignored" for name, field in serializer.fields.items() if field.read_only}
    unchanged = {
        name: shown[name]
        for name, field in serializer.fields.items()
        if _changeable(field) and name in shown and name != "version"
    }
    for body in (read_only, unchanged):
        before = state(route.model)
        response = send(client, method, url, body, version=version)
        assert response.status_code == 200, f"{route.name} PATCH {sorted(body)}: {response.content}"
        assert (response.json()["version"], state(route.model)) == (version, before), (
            f"{route.name} PATCH {sorted(body)} changed nothing, yet wrote"
        )
