"""On a portal host (CONCENTRIC_PORTAL_HOSTS) the platform answers only the portal and the static
files; elsewhere it answers as ever."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PORTAL_HOST = "news.example.org"


@pytest.fixture
def portal_host(settings):
    settings.PORTAL_HOSTS = [PORTAL_HOST]
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, PORTAL_HOST, "testserver"]


def test_a_portal_host_reaches_only_the_portal_and_static_files(portal_host, users):
    client = Client(HTTP_HOST=PORTAL_HOST)
    assert client.get("/portal/").status_code == 200
    assert client.get("/portal/search/?q=x").status_code == 200
    assert client.get("/static/portal/portal.css").status_code == 200
    for path in ("/", "/accounts/login/", "/api/v1/", "/api/v1/schema/", "/people/", "/healthz", "/admin/", "/x"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "Set-Cookie" not in response.headers
    assert client.post("/accounts/login/", {"username": "sub_admin", "password": "x"}).status_code == 404
    assert Client(HTTP_HOST=f"{PORTAL_HOST.upper()}:443").get("/accounts/login/").status_code == 404


def test_other_hosts_reach_the_platform(portal_host):
    client = Client()
    assert client.get("/accounts/login/").status_code == 200
    assert client.get("/portal/").status_code == 200
