"""Import pages: template download, upload with dry run, job progress and commit."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from concentric.core.forms import bootstrap
from concentric.core.kit import pages
from concentric.core.forms import UnitChoiceField
from concentric.core.scoping import Action, can
from concentric.org.selectors import units_where
from concentric.people.importing.guard import ImportRefused
from concentric.people.importing.jobs import (
    UploadGone,
    import_job_commit,
    import_job_create,
    store_upload,
    upload_present,
)
from concentric.people.importing.models import ImportJob, ImportRowResult, RowOutcome
from concentric.people.importing.template import build_template
from concentric.people.models import Person

RESULTS_SHOWN = 500
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Workbook (.xlsx)"))
    unit = UnitChoiceField(label=gettext_lazy("Register on unit"))
    update_existing = forms.BooleanField(
        label=gettext_lazy("Update records that have the same document number"), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units = units_where(user, Action.ADD, Person)
        if len(units) == 1:
            self.fields["unit"].initial = units[0].pk
        bootstrap(self)


class ImportTemplatePage(pages.Page):
    access = "write"
    object_action = Action.ADD

    def get(self, request):
        response = HttpResponse(build_template(), content_type=XLSX)
        response["Content-Disposition"] = content_disposition_header(True, "统战成员导入模板.xlsx")
        return response


class ImportPage(pages.Page, FormView):
    access = "write"
    object_action = Action.ADD
    template_name = "people/import.html"
    form_class = ImportForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Import members")
        context["breadcrumbs"] = [*self.crud.list_crumbs(), {"label": context["title"], "url": ""}]
        context["jobs"] = ImportJob.objects.visible_to(self.request.user).filter(created_by=self.request.user)[:10]
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            stored = store_upload(upload)
            job = import_job_create(
                actor=self.request.user, org_unit=form.cleaned_data["unit"], stored_path=stored,
                file_name=upload.name, dry_run=True, update_existing=form.cleaned_data["update_existing"],
            )
        except ImportRefused as refusal:
            form.add_error("file", refusal.message)
            return self.form_invalid(form)
        except (PermissionDenied, ValidationError):
            form.add_error("unit", _("You may not add members to this unit."))
            return self.form_invalid(form)
        return redirect("people:import_job", pk=job.pk)


class ImportJobPage(pages.ObjectPage, TemplateView):
    """The job's progress (an htmx partial polled while it runs), its row results, and for a
    finished dry run the commit buttons."""

    access = "detail"
    template_name = "people/import_job.html"

    def get_template_names(self):
        if getattr(self.request, "htmx", False) and not self.request.htmx.boosted:
            return ["people/import_job.html#status"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        job = self.object
        bad = [RowOutcome.ERROR, RowOutcome.DUPLICATE]
        rows = ImportRowResult.objects.filter(job=job)
        if self.request.GET.get("show") != "all":
            rows = rows.filter(outcome__in=bad)
        dry_run_done = job.mode == "dry_run" and job.status == "done"
        present = dry_run_done and upload_present(job)
        context.update(
            title=_("Import: %(file)s") % {"file": job.file_name},
            job=job,
            upload_gone=dry_run_done and not present,
            counts=(job.summary or {}).get("counts", {}),
            results=rows.order_by("row_number")[:RESULTS_SHOWN],
            results_shown=RESULTS_SHOWN,
            can_commit=present and can(self.request.user, Action.ADD, Person, job.org_unit),
            breadcrumbs=[*self.crud.list_crumbs(), {"label": _("Import members"), "url": reverse("people:import")},
                         {"label": job.file_name, "url": ""}],
        )
        return context

    def get(self, request, *args, **kwargs):
        if getattr(request, "htmx", False) and not request.htmx.boosted and self.object.finished:
            # The poll saw the end: reload the whole page to show the results and the buttons.
            response = HttpResponse()
            response["HX-Refresh"] = "true"
            return response
        return super().get(request, *args, **kwargs)

    def post(self, request, pk):
        job = self.object
        try:
            commit = import_job_commit(
                actor=request.user, dry_run_job=job, allow_partial=request.POST.get("allow_partial") == "1"
            )
        except PermissionDenied:
            return HttpResponseBadRequest(_("This job cannot be committed."))
        except UploadGone:
            messages.error(request, _(
                "The uploaded file is no longer kept: it was imported already or is more than a day old. "
                "Upload it again."
            ))
            return redirect("people:import")
        return redirect("people:import_job", pk=commit.pk)
