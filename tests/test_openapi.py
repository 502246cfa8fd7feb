"""The OpenAPI document at /api/v1/schema/ and the Swagger UI at /api/v1/docs/: a valid OpenAPI 3
document of the resources, docs that load only files of our own origin and run under our
Content-Security-Policy (no inline script or style)."""

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

from conftest import sign_in
from tests.api_support import error_of, session_client, token_client

SCHEMA = "/api/v1/schema/"
DOCS = "/api/v1/docs/"
RESOURCE_METHODS = {
    "/api/v1/org-units/": {"get", "post"},
    "/api/v1/org-units/{id}/": {"get", "patch", "delete"},
    "/api/v1/users/": {"get", "post"},
    "/api/v1/users/{id}/": {"get", "patch"},
    "/api/v1/role-assignments/": {"get", "post"},
    "/api/v1/role-assignments/{id}/": {"get", "delete"},
    "/api/v1/audit-events/": {"get"},
    "/api/v1/audit-events/{id}/": {"get"},
    "/api/v1/auth/token/": {"post", "delete"},
    "/api/v1/people/": {"get", "post"},
    "/api/v1/people/{id}/": {"get", "patch", "delete"},
    "/api/v1/people/{id}/path-events/": {"get", "post"},
    "/api/v1/people/categories/": {"get"},
    "/api/v1/people/categories/{id}/": {"get"},
    "/api/v1/{kind}/import/": {"post"},
    "/api/v1/{kind}/import/{id}/": {"get"},
    "/api/v1/people/export/": {"get"},
    "/api/v1/venues/": {"get", "post"},
    "/api/v1/venues/{id}/": {"get", "patch", "delete"},
    "/api/v1/venues/rooms/": {"get", "post"},
    "/api/v1/venues/rooms/{id}/": {"get", "patch", "delete"},
    "/api/v1/venues/room-functions/": {"get"},
    "/api/v1/venues/room-functions/{id}/": {"get"},
    "/api/v1/venues/bookings/": {"get", "post"},
    "/api/v1/venues/bookings/{id}/": {"get", "patch"},
    "/api/v1/pairing-projects/": {"get", "post"},
    "/api/v1/pairing-projects/{id}/": {"get", "patch", "delete"},
    "/api/v1/donations/": {"get", "post"},
    "/api/v1/donations/{id}/": {"get", "patch", "delete"},
    "/api/v1/donations/totals/": {"get"},
    # Files kept on records (core.kit.files): a record's files, and one file.
    "/api/v1/venues/{id}/photos/": {"get", "post"},
    "/api/v1/venues/photos/{id}/": {"get", "delete"},
    "/api/v1/activities/{id}/files/": {"get", "post"},
    "/api/v1/activities/files/{id}/": {"get", "delete"},
    "/api/v1/donations/{id}/receipts/": {"get", "post"},
    "/api/v1/donations/receipts/{id}/": {"get", "delete"},
    "/api/v1/activities/": {"get", "post"},
    "/api/v1/activities/{id}/": {"get", "patch", "delete"},
    "/api/v1/activities/{id}/status/": {"post"},
    "/api/v1/activities/participants/": {"get", "post"},
    "/api/v1/activities/participants/{id}/": {"get", "patch", "delete"},
    "/api/v1/activities/types/": {"get", "post"},
    "/api/v1/activities/types/{id}/": {"get", "patch", "delete"},
    "/api/v1/volunteer-hours/": {"get", "post"},
    "/api/v1/volunteer-hours/{id}/": {"get"},
    "/api/v1/volunteer-hours/{id}/approve/": {"post"},
    "/api/v1/volunteer-certificates/": {"get", "post"},
    "/api/v1/volunteer-certificates/{id}/": {"get"},
    "/api/v1/volunteer-certificates/{id}/revoke/": {"post"},
    "/api/v1/volunteer-totals/": {"get"},
    "/api/v1/dashboard/": {"get"},
    # Information publishing: columns, items, their review steps and attachments.
    "/api/v1/publishing/columns/": {"get", "post"},
    "/api/v1/publishing/columns/{id}/": {"get", "patch", "delete"},
    "/api/v1/publishing/items/": {"get", "post"},
    "/api/v1/publishing/items/{id}/": {"get", "patch", "delete"},
    "/api/v1/publishing/items/{id}/submit/": {"post"},
    "/api/v1/publishing/items/{id}/return/": {"post"},
    "/api/v1/publishing/items/{id}/publish/": {"post"},
    "/api/v1/publishing/items/{id}/withdraw/": {"post"},
    "/api/v1/publishing/items/{id}/cover/": {"post", "delete"},
    "/api/v1/publishing/items/{id}/attachments/": {"get", "post"},
    "/api/v1/publishing/items/attachments/{id}/": {"get", "delete"},
    # Quotas: rules, the calendar's entries, the compliance board.
    "/api/v1/quotas/rules/": {"get", "post"},
    "/api/v1/quotas/rules/{id}/": {"get", "patch", "delete"},
    "/api/v1/quotas/calendar-days/": {"get", "post"},
    "/api/v1/quotas/calendar-days/{id}/": {"get", "patch", "delete"},
    "/api/v1/quotas/board/": {"get"},
}
HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text inside <script> and <style>."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.inline: list[tuple[str, str]] = []
        self._open = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._open = tag if tag in ("script", "style") else None

    def handle_endtag(self, tag):
        self._open = None

    def handle_data(self, data):
        if self._open and data.strip():
            self.inline.append((self._open, data.strip()))


def parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


# --- the schema -----------------------------------------------------------------------------


def test_schema_is_a_valid_openapi_3_document_of_the_resources(users):
    response = token_client(users["c1_staff"]).get(SCHEMA)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    schema = response.json()
    validate_schema(schema)  # raises on any violation of the OpenAPI 3.0 JSON schema
    assert schema["openapi"].startswith("3.0.")
    assert schema["info"]["title"] == settings.SPECTACULAR_SETTINGS["TITLE"]
    methods = {path: set(item) & HTTP_METHODS for path, item in schema["paths"].items()}
    for path, expected in RESOURCE_METHODS.items():
        assert methods.get(path) == expected, path
    assert not [path for path, found in methods.items() if "put" in found]


def test_schema_declares_token_and_session_authentication(users):
    schema = token_client(users["c1_staff"]).get(SCHEMA).json()
    schemes = schema["components"]["securitySchemes"]
    assert schemes["tokenAuth"] == {
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
        "description": 'Token-based authentication with required prefix "Token"',
    }
    assert schemes["cookieAuth"]["in"] == "cookie"
    assert {"tokenAuth": []} in schema["paths"]["/api/v1/org-units/"]["get"]["security"]
    assert schema["paths"]["/api/v1/auth/token/"]["post"]["security"] == [{"cookieAuth": []}]


def test_passwords_are_write_only_in_the_schema(users):
    schemas = token_client(users["c1_staff"]).get(SCHEMA).json()["components"]["schemas"]
    assert "password" in schemas["UserCreateRequest"]["properties"]
    assert "password" not in schemas["User"]["properties"]
    assert "password" not in schemas["PatchedUserRequest"]["properties"]
    assert "version" in schemas["OrgUnit"]["required"]


def test_changes_carry_the_version_and_creations_do_not(users):
    schemas = token_client(users["c1_staff"]).get(SCHEMA).json()["components"]["schemas"]
    for name in ("PatchedOrgUnitRequest", "PatchedUserRequest"):
        assert schemas[name]["properties"]["version"]["type"] == "integer", name
    for name in ("OrgUnitCreateRequest", "UserCreateRequest"):
        assert "version" not in schemas[name]["properties"], name


ERROR_REF = {"$ref": "#/components/schemas/Error"}
# The error answers of each operation (core.schema.AutoSchema): 400 with parameters or a body, 401
# where a token is asked for, 403 always, 404 with a record in the path or a cursor, 409 on a
# versioned change, 415 with a body.
ERRORS = {
    ("get", "/api/v1/audit-events/"): {400, 401, 403, 404},
    ("get", "/api/v1/audit-events/{id}/"): {401, 403, 404},
    ("post", "/api/v1/auth/token/"): {403},
    ("delete", "/api/v1/auth/token/"): {403},
    ("get", "/api/v1/org-units/"): {400, 401, 403, 404},
    ("post", "/api/v1/org-units/"): {400, 401, 403, 415},
    ("get", "/api/v1/org-units/{id}/"): {401, 403, 404},
    ("patch", "/api/v1/org-units/{id}/"): {400, 401, 403, 404, 409, 415},
    ("delete", "/api/v1/org-units/{id}/"): {400, 401, 403, 404, 409},
    ("get", "/api/v1/donations/"): {400, 401, 403, 404},
    ("post", "/api/v1/donations/"): {400, 401, 403, 415},
    ("get", "/api/v1/donations/{id}/"): {401, 403, 404},
    ("patch", "/api/v1/donations/{id}/"): {400, 401, 403, 404, 409, 415},
    ("delete", "/api/v1/donations/{id}/"): {400, 401, 403, 404, 409},
    ("get", "/api/v1/donations/totals/"): {400, 401, 403},
    ("get", "/api/v1/pairing-projects/"): {400, 401, 403, 404},
    ("post", "/api/v1/pairing-projects/"): {400, 401, 403, 415},
    ("get", "/api/v1/pairing-projects/{id}/"): {401, 403, 404},
    ("patch", "/api/v1/pairing-projects/{id}/"): {400, 401, 403, 404, 409, 415},
    ("delete", "/api/v1/pairing-projects/{id}/"): {400, 401, 403, 404, 409},
    ("get", "/api/v1/people/"): {400, 401, 403, 404},
    ("post", "/api/v1/people/"): {400, 401, 403, 415},
    ("get", "/api/v1/people/{id}/"): {401, 403, 404},
    ("patch", "/api/v1/people/{id}/"): {400, 401, 403, 404, 409, 415},
    ("delete", "/api/v1/people/{id}/"): {400, 401, 403, 404, 409},
    ("get", "/api/v1/people/{id}/path-events/"): {401, 403, 404},
    ("post", "/api/v1/people/{id}/path-events/"): {400, 401, 403, 404, 415},
    ("get", "/api/v1/people/categories/"): {401, 403, 404},
    ("get", "/api/v1/people/categories/{id}/"): {401, 403, 404},
    ("get", "/api/v1/activities/"): {400, 401, 403, 404},
    ("post", "/api/v1/activities/"): {400, 401, 403, 415},
    ("get", "/api/v1/activities/{id}/"): {401, 403, 404},
    ("patch", "/api/v1/activities/{id}/"): {400, 401, 403, 404, 409, 415},
    ("delete", "/api/v1/activities/{id}/"): {400, 401, 403, 404, 409},
    ("post", "/api/v1/activities/{id}/status/"): {400, 401, 403, 404, 409, 415},
    ("get", "/api/v1/activities/participants/"): {400, 401, 403, 404},
    ("post", "/api/v1/activities/participants/"): {400, 401, 403, 415},
    ("get", "/api/v1/activities/participants/{id}/"): {401, 403, 404},
    ("patch", "/api/v1/activities/participants/{id}/"): {400, 401, 403, 404, 409, 415},
    ("delete", "/api/v1/activities/participants/{id}/"): {400, 401, 403, 404, 409},
    ("get", "/api/v1/activities/types/"): {401, 403, 404},
    ("post", "/api/v1/activities/types/"): {400, 401, 403, 415},
    ("get", "/api/v1/activities/types/{id}/"): {401, 403, 404},
    ("patch", "/api/v1/activities/types/{id}/"): {400, 401, 403, 404, 409, 415},
    ("delete", "/api/v1/activities/types/{id}/"): {400, 401, 403, 404, 409},
    ("get", "/api/v1/people/export/"): {400, 401, 403},
    ("post", "/api/v1/{kind}/import/"): {400, 401, 403, 404, 415},  # 404: a kind nobody registered
    ("get", "/api/v1/{kind}/import/{id}/"): {400, 401, 403, 404},  # 400: its ?rows= parameter
    ("get", "/api/v1/role-assignments/"): {400, 401, 403, 404},
    ("post", "/api/v1/role-assignments/"): {400, 401, 403, 415},
    ("get", "/api/v1/role-assignments/{id}/"): {401, 403, 404},
    ("delete", "/api/v1/role-assignments/{id}/"): {401, 403, 404},
    ("get", "/api/v1/users/"): {400, 401, 403, 404},
    ("post", "/api/v1/users/"): {400, 401, 403, 415},
    ("get", "/api/v1/users/{id}/"): {401, 403, 404},
    ("patch", "/api/v1/users/{id}/"): {400, 401, 403, 404, 409, 415},
    ("get", "/api/v1/venues/"): {400, 401, 403, 404},
    ("post", "/api/v1/venues/"): {400, 401, 403, 415},
    ("get", "/api/v1/venues/{id}/"): {401, 403, 404},
    ("patch", "/api/v1/venues/{id}/"): {400, 401, 403, 404, 409, 415},
    ("delete", "/api/v1/venues/{id}/"): {400, 401, 403, 404, 409},
    ("get", "/api/v1/venues/rooms/"): {400, 401, 403, 404},
    ("post", "/api/v1/venues/rooms/"): {400, 401, 403, 415},
    ("get", "/api/v1/venues/rooms/{id}/"): {401, 403, 404},
    ("patch", "/api/v1/venues/rooms/{id}/"): {400, 401, 403, 404, 409, 415},
    ("delete", "/api/v1/venues/rooms/{id}/"): {400, 401, 403, 404, 409},
    ("get", "/api/v1/venues/room-functions/"): {401, 403, 404},
    ("get", "/api/v1/venues/room-functions/{id}/"): {401, 403, 404},
    ("get", "/api/v1/venues/bookings/"): {400, 401, 403, 404},
    ("post", "/api/v1/venues/bookings/"): {400, 401, 403, 415},
    ("get", "/api/v1/venues/bookings/{id}/"): {401, 403, 404},
    ("patch", "/api/v1/venues/bookings/{id}/"): {400, 401, 403, 404, 409, 415},
    ("get", "/api/v1/venues/{id}/photos/"): {401, 403, 404},
    ("post", "/api/v1/venues/{id}/photos/"): {400, 401, 403, 404, 415},
    ("get", "/api/v1/venues/photos/{id}/"): {401, 403, 404},
    ("delete", "/api/v1/venues/photos/{id}/"): {401, 403, 404},
    ("get", "/api/v1/activities/{id}/files/"): {401, 403, 404},
    ("post", "/api/v1/activities/{id}/files/"): {400, 401, 403, 404, 415},
    ("get", "/api/v1/activities/files/{id}/"): {401, 403, 404},
    ("delete", "/api/v1/activities/files/{id}/"): {401, 403, 404},
    ("get", "/api/v1/donations/{id}/receipts/"): {401, 403, 404},
    ("post", "/api/v1/donations/{id}/receipts/"): {400, 401, 403, 404, 415},
    ("get", "/api/v1/donations/receipts/{id}/"): {401, 403, 404},
    ("delete", "/api/v1/donations/receipts/{id}/"): {401, 403, 404},
    ("get", "/api/v1/volunteer-certificates/"): {400, 401, 403, 404},
    ("post", "/api/v1/volunteer-certificates/"): {400, 401, 403, 415},
    ("get", "/api/v1/volunteer-certificates/{id}/"): {401, 403, 404},
    ("post", "/api/v1/volunteer-certificates/{id}/revoke/"): {400, 401, 403, 404, 415},
    ("get", "/api/v1/volunteer-hours/"): {400, 401, 403, 404},
    ("post", "/api/v1/volunteer-hours/"): {400, 401, 403, 415},
    ("get", "/api/v1/volunteer-hours/{id}/"): {401, 403, 404},
    ("post", "/api/v1/volunteer-hours/{id}/approve/"): {400, 401, 403, 404},  # 400: approved already
    ("get", "/api/v1/volunteer-totals/"): {400, 401, 403},
    ("get", "/api/v1/dashboard/"): {400, 401, 403, 404},  # 404: a unit outside the caller's scope
    ("get", "/api/v1/publishing/columns/"): {400, 401, 403, 404},
    ("post", "/api/v1/publishing/columns/"): {400, 401, 403, 415},
    ("get", "/api/v1/publishing/columns/{id}/"): {401, 403, 404},
    ("patch", "/api/v1/publishing/columns/{id}/"): {400, 401, 403, 404, 409, 415},
    ("delete", "/api/v1/publishing/columns/{id}/"): {400, 401, 403, 404, 409},
    ("get", "/api/v1/publishing/items/"): {400, 401, 403, 404},
    ("post", "/api/v1/publishing/items/"): {400, 401, 403, 415},
    ("get", "/api/v1/publishing/items/{id}/"): {401, 403, 404},
    ("patch", "/api/v1/publishing/items/{id}/"): {400, 401, 403, 404, 409, 415},
    ("delete", "/api/v1/publishing/items/{id}/"): {400, 401, 403, 404, 409},
    ("post", "/api/v1/publishing/items/{id}/submit/"): {400, 401, 403, 404, 409, 415},
    ("post", "/api/v1/publishing/items/{id}/return/"): {400, 401, 403, 404, 409, 415},
    ("post", "/api/v1/publishing/items/{id}/publish/"): {400, 401, 403, 404, 409, 415},
    ("post", "/api/v1/publishing/items/{id}/withdraw/"): {400, 401, 403, 404, 409, 415},
    ("post", "/api/v1/publishing/items/{id}/cover/"): {400, 401, 403, 404, 409, 415},
    ("delete", "/api/v1/publishing/items/{id}/cover/"): {400, 401, 403, 404, 409},
    ("get", "/api/v1/publishing/items/{id}/attachments/"): {401, 403, 404},
    ("post", "/api/v1/publishing/items/{id}/attachments/"): {400, 401, 403, 404, 415},
    ("get", "/api/v1/publishing/items/attachments/{id}/"): {401, 403, 404},
    ("delete", "/api/v1/publishing/items/attachments/{id}/"): {401, 403, 404},
    ("get", "/api/v1/quotas/rules/"): {400, 401, 403, 404},
    ("post", "/api/v1/quotas/rules/"): {400, 401, 403, 415},
    ("get", "/api/v1/quotas/rules/{id}/"): {401, 403, 404},
    ("patch", "/api/v1/quotas/rules/{id}/"): {400, 401, 403, 404, 409, 415},
    ("delete", "/api/v1/quotas/rules/{id}/"): {400, 401, 403, 404, 409},
    ("get", "/api/v1/quotas/calendar-days/"): {400, 401, 403, 404},
    ("post", "/api/v1/quotas/calendar-days/"): {400, 401, 403, 415},
    ("get", "/api/v1/quotas/calendar-days/{id}/"): {401, 403, 404},
    ("patch", "/api/v1/quotas/calendar-days/{id}/"): {400, 401, 403, 404, 409, 415},
    ("delete", "/api/v1/quotas/calendar-days/{id}/"): {400, 401, 403, 404, 409},
    ("get", "/api/v1/quotas/board/"): {400, 401, 403},
}


@pytest.fixture
def schema(users):
    return token_client(users["c1_staff"]).get(SCHEMA).json()


def operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                yield method, path, operation


def test_every_operation_documents_its_errors_in_the_error_format(schema):
    errors = {}
    for method, path, operation in operations(schema):
        codes = {int(code) for code in operation["responses"] if code[0] in "45"}
        errors[(method, path)] = codes
        for code in codes:
            assert operation["responses"][str(code)]["content"] == {"application/json": {"schema": ERROR_REF}}
    assert errors == ERRORS
    assert schema["components"]["schemas"]["Error"] == {
        "type": "object",
        "description": "Every error answer of the API.",
        "properties": {
            "code": {"type": "string", "description": "What went wrong, for programs: invalid, not_found, stale, …"},
            "message": {"type": "string", "description": "What went wrong, for people, in the request's language."},
            "fields": {
                "type": "object",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
                "description": "The messages of each field in error; empty when the error is not about fields.",
            },
        },
        "required": ["code", "fields", "message"],
    }


def test_the_error_answers_match_the_error_schema(users):
    """One answer of each documented error status, read back against the Error schema's keys."""
    client = token_client(users["c1_staff"])
    answers = {
        400: client.get("/api/v1/people/", {"age_min": "old"}),
        401: APIClient().get("/api/v1/people/"),
        403: client.get("/api/v1/users/"),
        404: client.get("/api/v1/people/987654/"),
        415: client.post("/api/v1/people/", "name=x", content_type="text/plain"),
    }
    for code, response in answers.items():
        assert response.status_code == code
        body = error_of(response)
        assert isinstance(body["code"], str) and isinstance(body["message"], str), code
        assert all(isinstance(messages, list) for messages in body["fields"].values()), code


def test_the_export_documents_its_filters_formats_and_file_types(schema):
    operation = schema["paths"]["/api/v1/people/export/"]["get"]
    parameters = {parameter["name"]: parameter for parameter in operation["parameters"]}
    listed = {parameter["name"] for parameter in schema["paths"]["/api/v1/people/"]["get"]["parameters"]}
    assert set(parameters) == (listed - {"cursor", "page_size"}) | {"format", "unmasked", "reason"}
    assert parameters["format"]["schema"] == {"type": "string", "enum": ["csv", "xlsx"], "default": "csv"}
    assert parameters["unmasked"]["schema"] == {"type": "boolean"}
    assert parameters["tags"]["schema"] == {"type": "array", "items": {"type": "integer"}}
    assert operation["responses"]["200"]["content"] == {
        "text/csv": {"schema": {"type": "string", "format": "binary"}},
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
            "schema": {"type": "string", "format": "binary"}
        },
    }


def test_the_import_is_a_multipart_upload(schema):
    content = schema["paths"]["/api/v1/{kind}/import/"]["post"]["requestBody"]["content"]
    assert "multipart/form-data" in content
    upload = schema["components"]["schemas"][content["multipart/form-data"]["schema"]["$ref"].rsplit("/", 1)[-1]]
    assert upload["properties"]["file"] == {
        "type": "string",
        "format": "binary",
        "description": "the workbook (.xlsx), made from the kind's template",
    }
    assert "file" in upload["required"]


def test_versions_are_at_least_1(schema):
    for path in ("/api/v1/org-units/{id}/", "/api/v1/people/{id}/"):
        version = next(p for p in schema["paths"][path]["delete"]["parameters"] if p["name"] == "version")
        assert (version["in"], version["required"], version["schema"]) == (
            "query",
            True,
            {"type": "integer", "minimum": 1},
        )
    schemas = schema["components"]["schemas"]
    for name in ("PatchedOrgUnitRequest", "PatchedPersonUpdateRequest", "PatchedUserRequest"):
        assert schemas[name]["properties"]["version"]["minimum"] == 1, name


def test_links_that_may_be_empty_are_documented_nullable(schema):
    """A guest participant has no member, an item whose author's account is gone no author: every
    answer carrying them allows null (the fuzzer found a participant's update answer declaring a
    plain integer, and the item's author had the same declaration)."""
    schemas = schema["components"]["schemas"]
    for prefix, field in (("Participant", "person"), ("Item", "author")):
        names = [name for name in schemas if name.startswith(prefix) and field in schemas[name].get("properties", {})]
        assert names, prefix
        for name in names:
            assert schemas[name]["properties"][field].get("nullable") is True, (name, field)


def test_path_event_kinds_are_documented_per_stage(schema):
    from concentric.people.choices import STAGE_EVENT_KINDS

    request = schema["components"]["schemas"]["PathEventRequest"]
    assert request["oneOf"] == [
        {"properties": {"stage": {"enum": [str(stage)]}, "kind": {"enum": sorted(str(kind) for kind in kinds)}}}
        for stage, kinds in STAGE_EVENT_KINDS.items()
    ]
    assert request["oneOf"][0] == {"properties": {"stage": {"enum": ["discover"]}, "kind": {"enum": ["source"]}}}
    assert "oneOf" not in schema["components"]["schemas"]["PathEvent"]  # answers are not constrained


def test_answers_naming_a_record_link_to_the_operations_on_it(schema):
    created = schema["paths"]["/api/v1/people/"]["post"]["responses"]["201"]["links"]
    assert created == {
        "people_retrieve": {"operationId": "people_retrieve", "parameters": {"path.id": "$response.body#/id"}},
        "people_partial_update": {
            "operationId": "people_partial_update",
            "parameters": {"path.id": "$response.body#/id"},
            "requestBody": {"version": "$response.body#/version"},
        },
        "people_destroy": {
            "operationId": "people_destroy",
            "parameters": {"path.id": "$response.body#/id", "query.version": "$response.body#/version"},
        },
        "people_path_events_list": {
            "operationId": "people_path_events_list",
            "parameters": {"path.id": "$response.body#/id"},
        },
        "people_path_events_create": {
            "operationId": "people_path_events_create",
            "parameters": {"path.id": "$response.body#/id"},
        },
    }
    listed = schema["paths"]["/api/v1/role-assignments/"]["get"]["responses"]["200"]["links"]
    assert listed == {
        "role_assignments_retrieve": {
            "operationId": "role_assignments_retrieve",
            "parameters": {"path.id": "$response.body#/results/0/id"},
        },
        "role_assignments_destroy": {
            "operationId": "role_assignments_destroy",
            "parameters": {"path.id": "$response.body#/results/0/id"},
        },
    }
    assert "links" not in schema["paths"]["/api/v1/people/{id}/path-events/"]["get"]["responses"]["200"]


def test_schema_is_also_served_as_yaml(users):
    response = token_client(users["c1_staff"]).get(SCHEMA, {"format": "yaml"})
    assert response.status_code == 200
    document = yaml.safe_load(response.content)
    validate_schema(document)
    assert set(RESOURCE_METHODS) <= set(document["paths"])


def test_schema_generation_raises_no_warning(db, tmp_path):
    # Warnings would also fail `concentric check --deploy` (drf-spectacular's deploy check).
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
    assert set(RESOURCE_METHODS) <= set(yaml.safe_load((tmp_path / "schema.yaml").read_text())["paths"])


def test_schema_needs_a_signed_in_user(users):
    response = APIClient().get(SCHEMA)
    assert response.status_code == 401
    assert error_of(response)["code"] == "not_authenticated"


# --- the docs page --------------------------------------------------------------------------


def test_docs_page_loads_only_same_origin_files(users):
    client = session_client(users["c1_staff"])
    response = client.get(DOCS)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    page = parse(response.content.decode())
    assert page.inline == []  # no inline script or style element
    assert [tag for tag, attrs in page.tags if "style" in attrs or any(a.startswith("on") for a in attrs)] == []

    references = [
        attrs.get("src") or attrs.get("href")
        for tag, attrs in page.tags
        if tag in ("script", "link", "img") and (attrs.get("src") or attrs.get("href"))
    ]
    scripts = [attrs["src"] for tag, attrs in page.tags if tag == "script"]
    assert len(scripts) == 3 and len(references) >= 5
    for url in references:
        parts = urlsplit(url)
        assert not parts.scheme and not parts.netloc and url.startswith("/"), url
    static = [url for url in references if url.startswith(settings.STATIC_URL)]
    assert {Path(urlsplit(url).path).name for url in static} >= {
        "swagger-ui.css",
        "swagger-ui-bundle.js",
        "swagger-ui-standalone-preset.js",
        "api-docs.css",
    }
    for url in static:
        asset = client.get(url)
        assert asset.status_code == 200, url
        assert b"".join(asset.streaming_content) if asset.streaming else asset.content, url

    init = client.get(scripts[-1])
    assert urlsplit(scripts[-1]).path == DOCS
    assert init.status_code == 200
    assert init["Content-Type"].startswith("application/javascript")
    body = init.content.decode()
    assert f'url: "{SCHEMA}"' in body
    assert "http://" not in body and "https://" not in body


def test_docs_page_sends_the_anonymous_to_sign_in(db):
    response = APIClient().get(DOCS)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse(settings.LOGIN_URL)}?next={DOCS}"


@pytest.mark.browser
def test_docs_page_runs_in_chromium_under_the_csp(users, live_server, monkeypatch):
    """Swagger UI renders every operation with no CSP violation and no request to another origin."""
    from playwright.sync_api import sync_playwright

    from tests.browser.helpers import CHROMIUM, CHROMIUM_ARGS

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    client = sign_in(APIClient(), users["c1_staff"])
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    origin = live_server.url
    problems, foreign = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context()
            context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": origin}])
            page = context.new_page()
            page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
            page.on("pageerror", lambda error: problems.append(str(error)))
            page.on(
                "request",
                lambda request: (
                    foreign.append(request.url)
                    if not request.url.startswith(origin) and not request.url.startswith("data:")
                    else None
                ),
            )
            page.goto(f"{origin}{DOCS}")
            page.wait_for_selector(".opblock", timeout=20000)
            operations = page.locator(".opblock").count()
        finally:
            browser.close()
    assert operations == sum(len(methods) for methods in RESOURCE_METHODS.values())
    assert problems == []
    assert foreign == []
