"""The 403, 404 and 500 pages, and the 403 for list pages of a model the user has no grant on."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from concentric.shell.views import page_not_found, permission_denied


def test_404_inside_the_layout_for_a_signed_in_user(client_for, tree):
    response = client_for("c1_staff").get(reverse("org:detail", args=[tree["C2"].pk]))

    assert response.status_code == 404
    content = response.content.decode()
    assert 'data-testid="error-404"' in content
    assert "页面或记录不存在，或不在您所属单位的管辖范围内。" in content
    assert 'id="app-menu"' in content
    # Nothing about the record that exists but is out of scope.
    assert tree["C2"].name not in content


def test_404_without_the_layout_for_an_anonymous_visitor(db):
    response = Client().get("/no-such-page/")

    assert response.status_code == 404
    content = response.content.decode()
    assert "<title>页面不存在 · 同心圆</title>" in content
    assert 'data-testid="error-404"' in content
    assert 'id="app-menu"' not in content
    assert 'data-testid="user-menu"' not in content


def test_403_for_a_list_page_without_any_view_grant(client_for):
    response = client_for("norole").get(reverse("audit:list"))

    assert response.status_code == 403
    content = response.content.decode()
    assert 'data-testid="error-403"' in content
    assert "您无权访问此页面。" in content


def test_403_shows_the_refusal_message_it_was_given(db):
    request = RequestFactory().get("/somewhere/")
    request.user = AnonymousUser()

    response = permission_denied(request, PermissionDenied("您无权在此执行该操作。"))

    assert response.status_code == 403
    assert '<p class="text-muted mb-3">您无权在此执行该操作。</p>' in response.content.decode()


def test_handlers_are_wired_and_classified():
    from concentric.shell import urls

    assert urls.handler403 == "concentric.shell.views.permission_denied"
    assert urls.handler404 == "concentric.shell.views.page_not_found"
    assert (permission_denied.access, page_not_found.access) == ("public", "public")


def test_500_page_renders_without_a_request_context(db):
    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    content = response.content.decode()
    assert 'data-testid="error-500"' in content
    assert "<title>服务器错误 · 同心圆</title>" in content
