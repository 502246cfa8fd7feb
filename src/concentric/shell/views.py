from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views import defaults
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import TemplateView

from concentric.accounts.selectors import role_assignments_of
from concentric.core import registry
from concentric.core.api import api_not_found, api_server_error
from concentric.core.errors import error_page
from concentric.core.working_unit import SESSION_KEY, assigned_units
from concentric.org.selectors import visible_unit_count

API_ROOT = "/api/v1/"  # where shell.urls mounts the API


@require_GET
def healthz(request):
    """200 with JSON when the database answers; 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any database failure means unhealthy
        return JsonResponse({"status": "error", "database": type(error).__name__}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


healthz.access = "public"


class HomeView(LoginRequiredMixin, TemplateView):
    """The signed-in user's start page: their roles, the units in their scope, and a card per
    line of work (from core.registry) with its figure for the user's scope."""

    access = "aggregate"
    template_name = "shell/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        lines = []
        for card in registry.home_cards():
            shown = card.figure(user)  # None: the user's roles see none of its records
            if shown is not None:
                lines.append({"label": card.label, "icon": card.icon, **shown})
        context.update(
            title=_("Home"),
            roles=role_assignments_of(user),
            unit_count=visible_unit_count(user),
            lines_of_work=lines,
        )
        return context


@require_POST
@login_required
def switch_unit(request):
    """Remember the working unit chosen in the top bar (only a unit the user holds a role on)."""
    try:
        unit_id = int(request.POST.get("unit", ""))
    except ValueError:
        unit_id = None
    if unit_id in {unit.pk for unit in assigned_units(request)}:
        request.session[SESSION_KEY] = unit_id
    else:  # "all my units"
        request.session.pop(SESSION_KEY, None)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("home")
    return redirect(target)


switch_unit.access = "write"


def permission_denied(request, exception=None):
    """403 page; a refusal message from a service (already translated) is shown to the user."""
    message = str(exception) if exception is not None else ""
    return error_page(request, 403, message)


permission_denied.access = "public"


def page_not_found(request, exception=None):
    """404 page: out-of-scope records answer exactly like missing ones, so no detail is shown.
    Under the API (a 404 raised outside its views), the API's JSON 404."""
    if request.path_info.startswith(API_ROOT):
        return api_not_found(request)
    return error_page(request, 404)


page_not_found.access = "public"


def server_error(request):
    """500: the API's JSON error under the API (a failure outside its views, which answer their
    own), Django's page elsewhere."""
    if request.path_info.startswith(API_ROOT):
        return api_server_error(request)
    return defaults.server_error(request)


server_error.access = "public"
