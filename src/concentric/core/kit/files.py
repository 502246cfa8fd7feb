"""Files kept on a record (a venue's photos, an activity's photos and attachments, a donation's
receipts): uploaded several at once, their kind told by their content (core.filetypes), stored
under a generated name in the private media storage, served only to users who may see the
record, audited on upload and delete. Uploading and deleting need the right to change the record.

A ``RecordFiles`` declaration names the model (a ``core.models.AttachedFile`` with a foreign key
to the record, ``parent_field``), a URL slug, the kinds it accepts, the URL namespace of the app's
urlconf holding ``urls()`` and the API prefix of ``api_urls()``; it gives:

    files     "<int:pk>/<slug>/"              the record's files (pk: the record)
    upload    "<int:pk>/<slug>/upload/"       POST, several files in "files"
    file      "<slug>/<int:pk>/"              the file itself (inline; ?download=1: attachment)
    delete    "<slug>/<int:pk>/delete/"       POST

the API (``/api/v1/<api_prefix>/<pk>/<slug>/`` GET and POST, ``/api/v1/<api_prefix>/<slug>/<pk>/``
GET and DELETE), and the panel on the record's page (``panel()`` for ``registry.add_detail_panel``).
"""

import re
import unicodedata
import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext as _

from concentric.core import filetypes, pngs
from concentric.core.auditing import audit_record
from concentric.core.registry import DetailPanel
from concentric.core.scoping import Action
from concentric.core.services import lock

NAME_LENGTH = 120  # AttachedFile.name's max_length


def clean_name(raw: str) -> str:
    """A file's name as the user's system gave it, made harmless to show and to send back: the
    last path component only, no control or direction-changing characters, single spaces."""
    name = unicodedata.normalize("NFC", str(raw or ""))
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(char for char in name if unicodedata.category(char)[0] != "C")
    return " ".join(name.split()).strip(" .")


def stored_name(raw: str, kind: filetypes.Kind) -> str:
    """The name kept for a file of ``kind``: the cleaned original, ending in the extension its
    content has (an Excel workbook named "报告.pdf" is kept as "报告.pdf.xlsx"), at most 120 characters."""
    name = clean_name(raw)
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    aliases = {kind.extension, *({"jpeg", "jpe"} if kind is filetypes.JPEG else set())}
    if extension.lower() not in aliases:
        stem, extension = name, kind.extension
    stem = stem[: NAME_LENGTH - len(extension) - 1].strip(" .") or _("file")
    return f"{stem}.{extension}"


def max_bytes() -> int:
    return settings.CONCENTRIC_FILE_MAX_MB * 1024 * 1024


class RecordFiles:
    model = None  # a core.models.AttachedFile
    parent_field = ""  # its ForeignKey to the record
    slug = ""  # "photos": in URLs, route names and the panel's id
    namespace = ""  # the app_name of the urlconf that includes ``urls()``
    api_prefix = ""  # "venues": the API routes lie under /api/v1/<api_prefix>/
    accepted: tuple[filetypes.Kind, ...] = (*filetypes.IMAGES, *filetypes.DOCUMENTS)
    title = ""  # the panel's title; default: the model's plural name
    panel_order = 50

    # --- what is kept ------------------------------------------------------------------------

    @classmethod
    def parent_model(cls):
        return cls.model._meta.get_field(cls.parent_field).related_model

    @classmethod
    def heading(cls) -> str:
        return cls.title or cls.model._meta.verbose_name_plural

    @classmethod
    def parent_of(cls, record):
        return getattr(record, cls.parent_field)

    @classmethod
    def files_of(cls, user, parent):
        """The files of ``parent`` that ``user`` may see, oldest first."""
        return (
            cls.model.objects.visible_to(user, Action.VIEW)
            .filter(**{cls.parent_field: parent})
            .select_related("uploaded_by")
            .order_by("id")
        )

    @classmethod
    def may_change(cls, user, parent) -> bool:
        return cls.parent_model().objects.visible_to(user, Action.CHANGE).filter(pk=parent.pk).exists()

    @classmethod
    def accepted_label(cls) -> str:
        labels = [str(kind.label) for kind in cls.accepted]
        return _("%(kinds)s; at most %(size)d MB each") % {
            "kinds": "、".join(labels),
            "size": settings.CONCENTRIC_FILE_MAX_MB,
        }

    @classmethod
    def accept_attribute(cls) -> str:
        """The file input's ``accept``: a hint to the picker; the content decides."""
        return ",".join(sorted({kind.content_type for kind in cls.accepted}))

    # --- services ----------------------------------------------------------------------------

    @classmethod
    def _changeable_parent(cls, actor, parent_id: int):
        """The record, locked: 404 when the actor cannot see it, refused when they may not change it."""
        parent = lock(actor, cls.parent_model(), parent_id, action=Action.VIEW)
        if not cls.may_change(actor, parent):
            raise PermissionDenied(_("You may see this record but not change its files."))
        return parent

    @classmethod
    def check(cls, files) -> list[tuple[object, filetypes.Kind]]:
        """Each upload with its kind; every refused file named, with why (ValidationError)."""
        if not files:
            raise ValidationError(_("Choose one or more files to upload."), code="required")
        if len(files) > settings.CONCENTRIC_FILES_PER_UPLOAD:
            raise ValidationError(
                _("Upload at most %(count)d files at once.") % {"count": settings.CONCENTRIC_FILES_PER_UPLOAD},
                code="too_many",
            )
        checked, errors = [], []
        for upload in files:
            shown = clean_name(getattr(upload, "name", "")) or _("file")
            try:
                if upload.size > max_bytes():
                    raise filetypes.Refused(
                        _("it is larger than %(size)d MB") % {"size": settings.CONCENTRIC_FILE_MAX_MB}
                    )
                checked.append((upload, filetypes.identify(upload, cls.accepted)))
            except filetypes.Refused as refused:
                errors.append(_("“%(name)s” was not stored: %(reason)s.") % {"name": shown, "reason": refused.reason})
        if errors:
            raise ValidationError(errors, code="refused")
        return checked

    @classmethod
    @transaction.atomic
    def upload(cls, *, actor, parent_id: int, files) -> list:
        """Store ``files`` on the record: all of them, or (one refused) none."""
        parent = cls._changeable_parent(actor, parent_id)
        checked = cls.check(list(files))
        stored, records = [], []
        try:
            for upload, kind in checked:
                record = cls.model(
                    **{cls.parent_field: parent},
                    name=stored_name(upload.name, kind),
                    content_type=kind.content_type,
                    size=upload.size,
                    uploaded_by=actor,
                )
                record.file.save(f"{uuid.uuid4().hex}.{kind.extension}", upload, save=False)
                stored.append(record.file.name)
                record.save()
                audit_record(actor=actor, action="create", obj=record, changes=cls._described(record, before=False))
                records.append(record)
        except BaseException:
            for name in stored:
                default_storage.delete(name)
            raise
        return records

    @classmethod
    @transaction.atomic
    def delete(cls, *, actor, file_id: int) -> None:
        record = lock(actor, cls.model, file_id, action=Action.VIEW)
        cls._changeable_parent(actor, getattr(record, f"{cls.parent_field}_id"))
        audit_record(actor=actor, action="delete", obj=record, changes=cls._described(record, before=True))
        name = record.file.name
        record.delete()
        transaction.on_commit(lambda: default_storage.delete(name))

    @classmethod
    def load_demo_pictures(cls, *, actor, parents, colour: tuple[int, int, int]) -> int:
        """Demo data: a picture named after each of ``parents`` that ``actor`` may change and that
        keeps no file yet, uploaded through ``upload``; answers how many were stored."""
        count = 0
        for parent in parents:
            if cls.model.objects.filter(**{cls.parent_field: parent}).exists() or not cls.may_change(actor, parent):
                continue
            picture = ContentFile(pngs.png(480, 320, colour), name=f"{parent}.png")
            count += len(cls.upload(actor=actor, parent_id=parent.pk, files=[picture]))
        return count

    @classmethod
    def _described(cls, record, *, before: bool) -> dict:
        values = {
            cls.parent_field: getattr(record, f"{cls.parent_field}_id"),
            "name": record.name,
            "content_type": record.content_type,
            "size": record.size,
        }
        return {field: [value, None] if before else [None, value] for field, value in values.items()}

    # --- pages and the panel -----------------------------------------------------------------

    @classmethod
    def url_name(cls, page: str) -> str:
        """files: "<slug>"; upload, file, delete: "<slug>_upload" …"""
        return cls.slug if page == "files" else f"{cls.slug}_{page}"

    @classmethod
    def url(cls, page: str, pk: int) -> str:
        return reverse(f"{cls.namespace}:{cls.url_name(page)}", args=[pk])

    @classmethod
    def parent_url(cls, parent) -> str:
        """The record's own page, where its app has one; else the page of its files."""
        try:
            return parent.get_absolute_url()
        except (AttributeError, NoReverseMatch):
            return cls.url("files", parent.pk)

    @classmethod
    def urls(cls) -> list:
        from concentric.core.kit import file_pages

        parent, files = cls.parent_model(), cls.model
        routes = (
            ("files", f"<int:pk>/{cls.slug}/", file_pages.FilesPage, parent),
            ("upload", f"<int:pk>/{cls.slug}/upload/", file_pages.UploadPage, parent),
            ("file", f"{cls.slug}/<int:pk>/", file_pages.FilePage, files),
            ("delete", f"{cls.slug}/<int:pk>/delete/", file_pages.DeletePage, files),
        )
        return [
            path(
                route,
                type(f"{files.__name__}{page.title()}Page", (view,), {"records": cls, "model": model}).as_view(),
                name=cls.url_name(page),
            )
            for page, route, view, model in routes
        ]

    @classmethod
    def api_urls(cls) -> list:
        from concentric.core.kit import file_api

        return file_api.routes(cls)

    @classmethod
    def panel_context(cls, user, parent) -> dict:
        files = [
            {
                "record": record,
                "url": cls.url("file", record.pk),
                "download_url": cls.url("file", record.pk) + "?download=1",
                "delete_url": cls.url("delete", record.pk),
                "is_image": record.content_type.startswith("image/"),
            }
            for record in cls.files_of(user, parent)
        ]
        return {
            "slug": cls.slug,
            "panel_title": cls.heading(),
            "images": [entry for entry in files if entry["is_image"]],
            "documents": [entry for entry in files if not entry["is_image"]],
            "count": len(files),
            "can_change": cls.may_change(user, parent),
            "upload_url": cls.url("upload", parent.pk),
            "files_url": cls.url("files", parent.pk),
            "accept": cls.accept_attribute(),
            "accepted_label": cls.accepted_label(),
        }

    @classmethod
    def render_panel(cls, user, parent) -> str | None:
        if not cls.parent_model().objects.visible_to(user, Action.VIEW).filter(pk=parent.pk).exists():
            return None
        return render_to_string("core/partials/files_panel.html", cls.panel_context(user, parent))

    @classmethod
    def panel(cls) -> DetailPanel:
        """The panel of these files on the record's page (``registry.add_detail_panel``)."""
        return DetailPanel(
            model=cls.parent_model()._meta.label, slug=cls.slug, render=cls.render_panel, order=cls.panel_order
        )
