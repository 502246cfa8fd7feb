"""Audit-log pages for the audit administrator: search, read, export and check the chain.

There is deliberately no route that edits or deletes an event.
"""

import json

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View

from concentric.audit.choices import action_label, chain_problem_label, field_label
from concentric.audit.filtersets import AuditEventFilterSet, object_type_label
from concentric.audit.models import AuditEvent
from concentric.audit.services import audit_verify
from concentric.core.export import ExportColumn, ScopedExportView
from concentric.core.scoping import Action
from concentric.core.views_base import Column, ScopedDetailView, ScopedListView, require_page_permission


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S")


def _list_crumb():
    return {"label": _("Audit log"), "url": reverse("audit:list")}


class AuditEventListView(ScopedListView):
    model = AuditEvent
    filterset_class = AuditEventFilterSet
    ordering = ("-id",)
    title = _("Audit log")
    export_url_name = "audit:export"
    toolbar_extra = "audit/partials/toolbar_verify.html"
    columns = [
        Column(_("Time"), lambda event: _local(event.occurred_at), nowrap=True),
        Column(_("Actor"), lambda event: event.actor_name),
        Column(_("IP address"), lambda event: event.ip),
        Column(_("Action"), lambda event: action_label(event.action)),
        Column(_("Object type"), lambda event: object_type_label(event.object_type)),
        Column(_("Object"), lambda event: event.object_repr),
        Column(_("Result"), lambda event: event.get_result_display()),
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = [{"label": _("Audit log"), "url": ""}]
        return context


class AuditEventDetailView(ScopedDetailView):
    model = AuditEvent
    template_name = "audit/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.object
        title = gettext("Audit event #%(id)s") % {"id": event.pk}
        context.update(
            title=title,
            breadcrumbs=[_list_crumb(), {"label": title, "url": ""}],
            action_label=action_label(event.action),
            object_type_label=object_type_label(event.object_type),
            changes=[
                (field_label(event.object_type, field), pair[0], pair[1]) for field, pair in sorted(event.changes.items())
            ],
            hash_matches=event.compute_hash() == event.hash,
        )
        return context


class AuditVerifyView(LoginRequiredMixin, View):
    """Check the whole chain on demand and report the result as a message on the list page."""

    access = "aggregate"
    http_method_names = ["post"]

    def post(self, request):
        require_page_permission(request.user, Action.VIEW, AuditEvent)
        report = audit_verify()
        if report.ok:
            messages.success(
                request, gettext("The audit chain is intact: %(count)s events checked.") % {"count": report.checked}
            )
        else:
            messages.error(
                request,
                gettext("The audit chain is broken at event #%(id)s: %(problem)s.")
                % {"id": report.first_broken_id, "problem": chain_problem_label(report.problem)},
            )
        return redirect("audit:list")


class AuditEventExportView(ScopedExportView):
    model = AuditEvent
    filterset_class = AuditEventFilterSet
    ordering = ("-id",)
    basename = "audit-log"
    title = _("Audit log")

    def get_queryset(self):
        # Bound the rows before the export records its own event, so the file and the recorded
        # row count describe the same set.
        newest = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        return super().get_queryset().filter(id__lte=newest)
    columns = [
        ExportColumn(_("Event id"), lambda event: event.pk, 10),
        ExportColumn(_("Time"), lambda event: event.occurred_at, 20),
        ExportColumn(_("Actor"), lambda event: event.actor_name, 16),
        ExportColumn(_("Actor id"), lambda event: event.actor_id, 10),
        ExportColumn(_("IP address"), lambda event: event.ip, 16),
        ExportColumn(_("Request id"), lambda event: event.request_id, 18),
        ExportColumn(_("Action"), lambda event: action_label(event.action), 14),
        ExportColumn(_("Action code"), lambda event: event.action, 14),
        ExportColumn(_("Object type"), lambda event: event.object_type, 18),
        ExportColumn(_("Object id"), lambda event: event.object_id, 10),
        ExportColumn(_("Object"), lambda event: event.object_repr, 24),
        ExportColumn(_("Org unit id"), lambda event: event.org_unit_id, 10),
        ExportColumn(_("Result"), lambda event: event.get_result_display(), 8),
        ExportColumn(_("Changes"), lambda event: json.dumps(event.changes, ensure_ascii=False, sort_keys=True), 40),
        ExportColumn(_("Reason"), lambda event: event.reason, 24),
        ExportColumn(_("Previous hash"), lambda event: event.prev_hash, 66),
        ExportColumn(_("Hash"), lambda event: event.hash, 66),
    ]
