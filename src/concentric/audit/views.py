"""The audit pages that differ from the kit's standard ones (audit.crud declares them all).

There is deliberately no route that edits or deletes an event.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext

from concentric.audit.choices import action_label, chain_problem_label, field_label
from concentric.audit.filtersets import object_type_label
from concentric.audit.models import AuditEvent
from concentric.audit.services import audit_verify
from concentric.core.kit import pages


class AuditEventListPage(pages.ListPage):
    toolbar_extra = "audit/partials/toolbar_verify.html"


class AuditEventDetailPage(pages.DetailPage):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.object
        context.update(
            action_label=action_label(event.action),
            object_type_label=object_type_label(event.object_type),
            changes=[
                (field_label(event.object_type, field), pair[0], pair[1])
                for field, pair in sorted(event.changes.items())
            ],
            hash_matches=event.compute_hash() == event.hash,
        )
        return context


class AuditEventExportPage(pages.ExportPage):
    def export_queryset(self):
        # Bound the rows before the export records its own event, so the file and the recorded
        # row count describe the same set.
        newest = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        return super().export_queryset().filter(id__lte=newest)


class AuditVerifyPage(pages.Page):
    """Check the whole chain on demand and report the result as a message on the list page."""

    access = "aggregate"
    model = AuditEvent
    http_method_names = ["post"]

    def post(self, request):
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
