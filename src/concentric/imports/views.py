"""The pages of every import kind: template download, upload with dry run, job progress (an htmx
partial polled while it runs), its row results, and the commit buttons of a finished dry run.
The kind comes from the URL (/<kind>/import/…) and is looked up in core.registry."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from concentric.core import registry
from concentric.core.forms import UnitChoiceField, bootstrap
from concentric.core.kit import pages
from concentric.core.kit.importing.guard import ImportRefused
from concentric.core.kit.importing.kind import BAD_OUTCOMES
from concentric.core.kit.importing.template import build_template, template_file_name
from concentric.core.scoping import Action, can
from concentric.imports.jobs import (
    UploadGone,
    import_job_commit,
    import_job_create,
    upload_gone_message,
    upload_present,
)
from concentric.imports.models import ImportJob, ImportMode, ImportRowResult, ImportStatus
from concentric.imports.uploads import store_upload
from concentric.org.selectors import units_where

RESULTS_SHOWN = 500
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def import_kind(name: str):
    kind = registry.import_kinds().get(name)
    if kind is None:
        raise Http404
    return kind


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Workbook (.xlsx)"))
    unit = UnitChoiceField(label=gettext_lazy("Register on unit"))
    update_existing = forms.BooleanField(required=False)

    def __init__(self, *args, user, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units = units_where(user, Action.ADD, kind.model)
        if len(units) == 1:
            self.fields["unit"].initial = units[0].pk
        if kind.updates:
            self.fields["update_existing"].label = kind.update_label
        else:
            del self.fields["update_existing"]
        bootstrap(self)


class KindPage(pages.Page):
    """A page of one kind: 404 for a kind nobody registered, else the kit's checks on its model."""

    object_action = Action.ADD

    def dispatch(self, request, *args, **kwargs):
        self.kind = import_kind(kwargs["kind"])
        self.model = self.kind.model
        return super().dispatch(request, *args, **kwargs)

    def crumbs(self, *, link_last: bool) -> list[dict]:
        kind = self.kind
        listing = [{"label": kind.list_label, "url": reverse(kind.list_url)}] if kind.list_url else []
        url = reverse("imports:upload", args=[kind.name]) if link_last else ""
        return [*listing, {"label": kind.title, "url": url}]


class ImportTemplatePage(KindPage):
    access = "write"

    def get(self, request, kind):
        response = HttpResponse(build_template(self.kind), content_type=XLSX)
        response["Content-Disposition"] = content_disposition_header(True, template_file_name(self.kind))
        return response


class ImportPage(KindPage, FormView):
    access = "write"
    template_name = "imports/upload.html"
    form_class = ImportForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "kind": self.kind}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=self.kind.title,
            kind=self.kind,
            breadcrumbs=self.crumbs(link_last=False),
            jobs=ImportJob.objects.visible_to(self.request.user).filter(
                created_by=self.request.user, kind=self.kind.name
            )[:10],
        )
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            stored = store_upload(upload)
            job = import_job_create(
                kind=self.kind,
                actor=self.request.user,
                org_unit=form.cleaned_data["unit"],
                upload=stored,
                file_name=upload.name,
                dry_run=True,
                update_existing=form.cleaned_data.get("update_existing", False),
            )
        except ImportRefused as refusal:
            form.add_error("file", refusal.message)
            return self.form_invalid(form)
        except (PermissionDenied, ValidationError):
            form.add_error("unit", _("You may not add these records to this unit."))
            return self.form_invalid(form)
        return redirect("imports:job", kind=self.kind.name, pk=job.pk)


class ImportJobPage(KindPage, pages.ObjectPage, TemplateView):
    """The job's progress (an htmx partial polled while it runs), its row results, and for a
    finished dry run the commit buttons."""

    access = "detail"
    model = ImportJob
    object_action = Action.VIEW
    template_name = "imports/job.html"

    def dispatch(self, request, *args, **kwargs):
        self.kind = import_kind(kwargs["kind"])
        return pages.ObjectPage.dispatch(self, request, *args, **kwargs)

    def object_queryset(self):
        return ImportJob.objects.visible_to(self.request.user, Action.VIEW).filter(kind=self.kind.name)

    def get_template_names(self):
        if getattr(self.request, "htmx", False) and not self.request.htmx.boosted:
            return [f"{self.template_name}#status"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        job = self.object
        rows = ImportRowResult.objects.filter(job=job)
        bad = rows.filter(outcome__in=BAD_OUTCOMES)
        # The rows with errors first; a file without any shows its rows.
        show = self.request.GET.get("show")
        if show not in ("bad", "all"):
            show = "bad" if bad.exists() else "all"
        if show == "bad":
            rows = bad
        dry_run_done = job.mode == ImportMode.DRY_RUN and job.status == ImportStatus.DONE
        present = dry_run_done and upload_present(job)
        context.update(
            title=_("Import: %(file)s") % {"file": job.file_name},
            kind=self.kind,
            label_header=self.kind.label_header,
            job=job,
            upload_gone=dry_run_done and not present,
            counts=(job.summary or {}).get("counts", {}),
            results=rows.order_by("row_number")[:RESULTS_SHOWN],
            show=show,
            results_shown=RESULTS_SHOWN,
            can_commit=present and can(self.request.user, Action.ADD, self.kind.model, job.org_unit),
            breadcrumbs=[*self.crumbs(link_last=True), {"label": job.file_name, "url": ""}],
        )
        return context

    def get(self, request, *args, **kwargs):
        if getattr(request, "htmx", False) and not request.htmx.boosted and self.object.finished:
            # The poll saw the end: reload the whole page to show the results and the buttons.
            response = HttpResponse()
            response["HX-Refresh"] = "true"
            return response
        return super().get(request, *args, **kwargs)

    def post(self, request, kind, pk):
        job = self.object
        try:
            commit = import_job_commit(
                actor=request.user, dry_run_job=job, allow_partial=request.POST.get("allow_partial") == "1"
            )
        except PermissionDenied:
            return HttpResponseBadRequest(_("This job cannot be committed."))
        except UploadGone:
            messages.error(request, upload_gone_message())
            return redirect("imports:upload", kind=self.kind.name)
        return redirect("imports:job", kind=self.kind.name, pk=commit.pk)
