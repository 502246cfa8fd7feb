from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import TemplateView

from concentric.core.pagination import capped_count
from concentric.core.scoping import Action, can
from concentric.core.shell import SESSION_KEY, assigned_units
from concentric.org.models import OrgUnit


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
    """The signed-in user's start page. Cards for the lines of work that later modules bring
    stay empty until their records exist: no figure is shown that the records do not give."""

    access = "aggregate"
    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            title=_("Home"),
            roles=user.role_assignments.select_related("org_unit").order_by("org_unit__path"),
            unit_count=OrgUnit.objects.visible_to(user, Action.VIEW).count(),
            lines_of_work=[
                self._registry_card(user),
                {"label": _("Activities and volunteering"), "icon": "calendar-event"},
                {"label": _("Information and columns"), "icon": "newspaper"},
                {"label": _("Overseas Chinese register"), "icon": "globe-asia-australia"},
                {"label": _("Enterprise service cases"), "icon": "briefcase"},
                {"label": _("Quotas"), "icon": "check2-square"},
            ],
        )
        return context

    @staticmethod
    def _registry_card(user) -> dict:
        """The member registry's card: the members in the user's scope ("10000+" past the cap)."""
        card = {"label": _("Member registry"), "icon": "people"}
        person = apps.get_model("people", "Person")
        if can(user, Action.VIEW, person):
            card.update(url=reverse("people:list"), figure=capped_count(person.objects.visible_to(user, Action.VIEW)))
        return card


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
    return render(request, "403.html", {"title": _("Access denied"), "message": message}, status=403)


permission_denied.access = "public"


def page_not_found(request, exception=None):
    """404 page: out-of-scope records answer exactly like missing ones, so no detail is shown."""
    return render(request, "404.html", {"title": _("Page not found")}, status=404)


page_not_found.access = "public"
