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
        assert (b"".join(asset.streaming_content) if asset.streaming else asset.content), url

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
            page.on("request", lambda request: foreign.append(request.url) if not request.url.startswith(origin) and not request.url.startswith("data:") else None)
            page.goto(f"{origin}{DOCS}")
            page.wait_for_selector(".opblock", timeout=20000)
            operations = page.locator(".opblock").count()
        finally:
            browser.close()
    assert operations == sum(len(methods) for methods in RESOURCE_METHODS.values())
    assert problems == []
    assert foreign == []
