"""Records kept on a parent record (a member's honours, trainings, relatives …): scoped through
the parent (whoever may change the parent may write them), versioned, audited, and shown as a
section of the parent's page.

A ``ChildRecords`` declaration names the model, its foreign key to the parent (``parent_field``),
the parent's Crud and a URL slug; it gives the form (from the model's editable fields), the
services, the three routes and the section:

    create  "<int:pk>/<slug>/new/"       (pk: the parent)
    edit    "<slug>/<int:pk>/edit/"
    delete  "<slug>/<int:pk>/delete/"
"""

from django import forms
from django.db import transaction
from django.urls import path, reverse
from django.utils.translation import gettext as _

from concentric.core.auditing import audit_record, changed_fields
from concentric.core.kit import pages
from concentric.core.kit.forms import KitForm, model_field
from concentric.core.kit.tables import page_text
from concentric.core.masking import mask_field
from concentric.core.scoping import Action
from concentric.core.services import assign, lock, lock_for_update, related_ids, snapshot, unchanged

NOT_EDITABLE = {"id", "created_at", "updated_at", "version"}


class ChildRecords:
    model = None
    parent_field = ""  # the ForeignKey to the parent
    parent_crud = None
    slug = ""
    labels: dict = {}  # field -> label, where the field's own name would mislead (a relative's 姓名)

    # --- what is kept ------------------------------------------------------------------------

    @classmethod
    def fields(cls) -> tuple[str, ...]:
        """The editable fields, many-to-many ones (a room's functions) last."""
        return tuple(
            field.name
            for field in (*cls.model._meta.concrete_fields, *cls.model._meta.many_to_many)
            if field.name not in NOT_EDITABLE and field.name != cls.parent_field and field.editable
        )

    @classmethod
    def many_to_many(cls) -> tuple[str, ...]:
        return tuple(field.name for field in cls.model._meta.many_to_many if field.name in cls.fields())

    @classmethod
    def sensitive(cls) -> frozenset[str]:
        return getattr(cls.model, "SENSITIVE_FIELDS", frozenset())

    @classmethod
    def label(cls, name: str) -> str:
        return cls.labels.get(name) or cls.model._meta.get_field(name).verbose_name

    @classmethod
    def prepare(cls, record) -> None:
        """Normalise and check a record before it is saved (full_clean by default)."""
        record.full_clean()

    # --- services ----------------------------------------------------------------------------

    @classmethod
    def _check(cls, values: dict) -> None:
        unknown = set(values) - set(cls.fields())
        if unknown:
            raise TypeError(f"not editable: {sorted(unknown)}")

    @classmethod
    def _changes(cls, before: dict, after: dict) -> dict:
        return changed_fields(before, after, sensitive=cls.sensitive())

    @classmethod
    @transaction.atomic
    def create(cls, *, actor, parent_id: int, **values):
        cls._check(values)
        parent = lock(actor, cls.parent_crud.model, parent_id, action=Action.CHANGE)
        record = cls.model(**{cls.parent_field: parent})
        related = {name: values.pop(name) for name in cls.many_to_many() if name in values}
        assign(record, values)
        cls.prepare(record)
        record.save()
        for name, chosen in related.items():
            getattr(record, name).set(chosen)
        audit_record(actor=actor, action="create", obj=record, changes=cls._changes({}, snapshot(record, cls.fields())))
        return record

    @classmethod
    @transaction.atomic
    def update(cls, *, actor, record_id: int, version: int, **values):
        cls._check(values)
        record = lock_for_update(actor, cls.model, record_id, version=version)
        before = snapshot(record, cls.fields())
        related = {name: values.pop(name) for name in cls.many_to_many() if name in values}
        assign(record, values)
        cls.prepare(record)
        after = {**snapshot(record, cls.fields()), **{name: related_ids(chosen) for name, chosen in related.items()}}
        if unchanged(before, after):
            return record
        record.version += 1
        record.save()
        for name, chosen in related.items():
            getattr(record, name).set(chosen)
        audit_record(actor=actor, action="update", obj=record, changes=cls._changes(before, after))
        return record

    @classmethod
    @transaction.atomic
    def delete(cls, *, actor, record_id: int, version: int) -> None:
        record = lock_for_update(actor, cls.model, record_id, version=version, action=Action.DELETE)
        audit_record(actor=actor, action="delete", obj=record, changes=cls._changes(snapshot(record, cls.fields()), {}))
        record.delete()

    # --- pages -------------------------------------------------------------------------------

    @classmethod
    def form_class(cls) -> type:
        attrs = {name: cls.form_field(name) for name in cls.fields()}
        for name, label in cls.labels.items():
            attrs[name].label = label
        return type(f"{cls.model.__name__}Form", (KitForm,), attrs)

    @classmethod
    def form_field(cls, name: str):
        """The kit's form field of ``name``; a many-to-many one as checkboxes (a dictionary's entries)."""
        formfield = model_field(cls.model, name)
        if name in cls.many_to_many():
            formfield.widget = forms.CheckboxSelectMultiple(choices=formfield.widget.choices)
        return formfield

    @classmethod
    def urls(cls) -> list:
        namespace_views = (
            ("create", f"<int:pk>/{cls.slug}/new/", RecordCreatePage, cls.parent_crud.model),
            ("edit", f"{cls.slug}/<int:pk>/edit/", RecordEditPage, cls.model),
            ("delete", f"{cls.slug}/<int:pk>/delete/", RecordDeletePage, cls.model),
        )
        form = cls.form_class()
        return [
            path(
                route,
                type(
                    f"{cls.model.__name__}{page.title()}Page",
                    (view,),
                    {
                        "crud": cls.parent_crud,
                        "records": cls,
                        "model": model,
                        "record_form": form,
                    },
                ).as_view(),
                name=cls.url_name(page),
            )
            for page, route, view, model in namespace_views
        ]

    @classmethod
    def url_name(cls, page: str) -> str:
        return f"{cls.slug}_{page}"

    @classmethod
    def url(cls, page: str, pk: int) -> str:
        return reverse(f"{cls.parent_crud.namespace}:{cls.url_name(page)}", args=[pk])

    @classmethod
    def cell(cls, record, name: str):
        field = cls.model._meta.get_field(name)
        if field.many_to_many:
            return "、".join(str(related) for related in getattr(record, name).all())
        value = getattr(record, name)
        if name in cls.sensitive():
            return mask_field(field, value)
        if field.choices:
            return getattr(record, f"get_{name}_display")()
        return page_text(value)

    @classmethod
    def section(cls, parent) -> dict:
        """The parent page's section of these records: title, headers, rows, and the links."""
        names = cls.fields()
        records = cls.model.objects.filter(**{cls.parent_field: parent}).prefetch_related(*cls.many_to_many())
        return {
            "slug": cls.slug,
            "title": cls.model._meta.verbose_name_plural,
            "headers": [cls.label(name) for name in names],
            "rows": [(record, [cls.cell(record, name) for name in names]) for record in records],
            "create_url": cls.url("create", parent.pk),
            "edit_name": f"{cls.parent_crud.namespace}:{cls.url_name('edit')}",
            "delete_name": f"{cls.parent_crud.namespace}:{cls.url_name('delete')}",
        }


class _RecordPage:
    """What the three record pages share: the declaration, the parent, the way back."""

    records = None
    record_form = None

    def parent_of(self, record):
        return getattr(record, self.records.parent_field)


class RecordCreatePage(_RecordPage, pages.ObjectPage, pages.FormPage):
    """Add a record to the parent ``pk`` (loaded as a record's page: CHANGE on the parent)."""

    object_action = Action.CHANGE

    def get_form_class(self):
        return self.record_form

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": None}

    def perform(self, form):
        return self.records.create(actor=self.request.user, parent_id=self.object.pk, **form.service_values())

    def success_url_for(self, record):
        return self.crud.object_url(self.object)

    def success_message(self, record):
        return _("Saved.")

    def heading(self):
        kind = self.records.model._meta.verbose_name
        return {
            "title": _("Add %(kind)s: %(name)s") % {"kind": kind, "name": self.crud.object_label(self.object)},
            "breadcrumbs": [
                *self.crud.object_crumbs(self.request.user, self.object, link_last=True),
                {"label": _("Add %(kind)s") % {"kind": kind}, "url": ""},
            ],
            "cancel_url": self.crud.object_url(self.object),
        }


class RecordEditPage(_RecordPage, pages.EditPage):
    def get_form_class(self):
        return self.record_form

    def update(self, values, version):
        return self.records.update(actor=self.request.user, record_id=self.object.pk, version=version, **values)

    def success_url_for(self, record):
        return self.crud.object_url(self.parent_of(record))

    def success_message(self, record):
        return _("Saved.")

    def heading(self):
        parent = self.parent_of(self.object)
        label = _("Edit %(kind)s: %(name)s") % {"kind": self.records.model._meta.verbose_name, "name": self.object}
        return {
            "title": label,
            "breadcrumbs": [
                *self.crud.object_crumbs(self.request.user, parent, link_last=True),
                {"label": label, "url": ""},
            ],
            "cancel_url": self.crud.object_url(parent),
        }


class RecordDeletePage(_RecordPage, pages.DeletePage):
    def remove(self, version):
        self.records.delete(actor=self.request.user, record_id=self.object.pk, version=version)

    def done_message(self):
        return _("Deleted.")

    def return_url(self):
        return self.crud.object_url(self.parent_of(self.object))

    refused_url = return_url
