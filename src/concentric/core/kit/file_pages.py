"""The pages of files kept on a record (core.kit.files): the record's files, the upload, the file
itself and its deletion. Each is a kit page (core.kit.pages) over the record's model or the
file's, so that sign-in, scope (404 outside the user's units, 403 for a record seen but not
changeable) and the audit of refusals are the kit's."""

from django.http import FileResponse, Http404, HttpResponse
from django.utils.decorators import method_decorator
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from concentric.core.kit import pages
from concentric.core.scoping import Action

# Inline files are shown, never run: an image or a PDF cannot fetch, script or frame anything.
IMAGE_POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
INLINE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf"})


class _FilesOf:
    """What the file pages share: the declaration (``records``), scope without a Crud."""

    records = None

    def object_queryset(self):
        return self.model.objects.visible_to(self.request.user, Action.VIEW)


class _BackToThePage:
    """After an upload or a delete: back to the page the form was on (the record's page, or its
    files' page); an htmx form reloads its page instead."""

    def files_url(self) -> str:
        raise NotImplementedError  # abstract: each page knows its record

    def return_url(self) -> str:
        came_from = self.request.headers.get("Referer", "")
        if came_from and url_has_allowed_host_and_scheme(
            came_from, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return came_from
        return self.files_url()

    refused_url = return_url

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        if request.htmx:
            reload = HttpResponse(status=204)
            reload["HX-Refresh"] = "true"
            return reload
        return response


class FilesPage(_FilesOf, pages.ObjectPage, TemplateView):
    """The record's files: thumbnails of the images, a list of the documents, the upload form."""

    access = "detail"
    template_name = "core/files.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        parent = self.object
        title = _("%(kind)s: %(name)s") % {"kind": self.records.heading(), "name": parent}
        context.update(
            title=title,
            breadcrumbs=[
                {"label": str(parent), "url": self.records.parent_url(parent)},
                {"label": self.records.heading(), "url": ""},
            ],
            **self.records.panel_context(self.request.user, parent),
        )
        return context


class UploadPage(_FilesOf, _BackToThePage, pages.ObjectActionPage):
    """POST the files (one or several, field "files"): all are stored, or none."""

    object_action = Action.CHANGE

    def act(self):
        self.stored = self.records.upload(
            actor=self.request.user, parent_id=self.object.pk, files=self.request.FILES.getlist("files")
        )

    def done_message(self):
        count = len(self.stored)
        return ngettext("%(count)d file was stored.", "%(count)d files were stored.", count) % {"count": count}

    def files_url(self):
        return self.records.url("files", self.object.pk)


class DeletePage(_FilesOf, _BackToThePage, pages.ObjectActionPage):
    object_action = Action.CHANGE

    def act(self):
        self.records.delete(actor=self.request.user, file_id=self.object.pk)

    def done_message(self):
        return _("“%(name)s” was deleted.") % {"name": self.object.name}

    def files_url(self):
        return self.records.url("files", getattr(self.object, f"{self.records.parent_field}_id"))


@method_decorator(never_cache, name="dispatch")
class FilePage(_FilesOf, pages.ObjectPage):
    """The file, to users who may see its record: its own type, its name in UTF-8, never sniffed;
    images and PDFs shown in the browser unless ``?download=1``, other files always downloaded."""

    access = "detail"
    http_method_names = ["get"]

    def get(self, request, *args, **kwargs):
        return file_response(self.object, download=request.GET.get("download") == "1")


def file_response(record, *, download: bool):
    """The stored file of ``record`` as an HTTP answer (404 when its file is gone)."""
    return stored_file_response(record.file, content_type=record.content_type, name=record.name, download=download)


def stored_file_response(file, *, content_type: str, name: str, download: bool = False):
    """A stored file (a ``FieldFile``) served safely: the type it was stored as (told by its content
    when it was uploaded), never sniffed; an image or a PDF inline unless ``download``, under a CSP
    that lets it fetch, run and frame nothing; anything else as an attachment. 404 when it is gone."""
    try:
        handle = file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    inline = content_type in INLINE_TYPES and not download
    response = FileResponse(handle, content_type=content_type)
    response["Content-Length"] = file.size
    response["Content-Disposition"] = content_disposition_header(not inline, name)
    response["X-Content-Type-Options"] = "nosniff"
    if content_type.startswith("image/"):
        response["Content-Security-Policy"] = IMAGE_POLICY
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
