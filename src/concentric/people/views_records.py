"""What is kept on a member: path steps, tags, and the related records (arrangements, honours,
trainings, family and social relations, contact records)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from concentric.core.scoping import Action
from concentric.core.views_base import ScopedObjectMixin, ServiceFormView
from concentric.people import services
from concentric.people.forms import RECORD_FORMS, PathEventForm, TagForm
from concentric.people.models import PathEvent, Person
from concentric.people.views_common import (
    RECORD_KINDS,
    messages_of,
    person_crumbs,
    posted_version,
)


class PathEventCreateView(ScopedObjectMixin, ServiceFormView):
    """A step on the member's path (the detail page shows the same form inline)."""

    model = Person
    object_action = Action.CHANGE
    form_class = PathEventForm

    def get_initial(self):
        return {"occurred_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=_("Record a path step for %(name)s") % {"name": self.object.name},
            breadcrumbs=person_crumbs(self.object, {"label": _("Record a path step"), "url": ""}),
            cancel_url=self.object.get_absolute_url(),
        )
        return context

    def perform(self, form):
        services.person_path_record(actor=self.request.user, person_id=self.object.pk, **form.cleaned_data)
        return self.object

    def success_url_for(self, person):
        return person.get_absolute_url() + "#path"

    def success_message(self, person):
        return _("The path step was recorded.")


class PathEventDeleteView(ScopedObjectMixin, View):
    access = "write"
    model = PathEvent
    object_action = Action.DELETE
    http_method_names = ["post"]

    def post(self, request, pk):
        person_id = self.object.person_id
        try:
            services.person_path_delete(actor=request.user, event_id=self.object.pk)
        except (ValidationError, PermissionDenied) as error:
            for message in messages_of(error):
                messages.error(request, message)
        else:
            messages.success(request, _("The path step was removed."))
        return redirect("people:detail", pk=person_id)


class TagAddView(ScopedObjectMixin, View):
    access = "write"
    model = Person
    object_action = Action.CHANGE
    http_method_names = ["post"]

    def post(self, request, pk):
        form = TagForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(_("Enter the tag."))
            services.person_tag_add(actor=request.user, person_id=self.object.pk, name=form.cleaned_data["name"])
        except (ValidationError, PermissionDenied) as error:
            for message in messages_of(error):
                messages.error(request, message)
        return redirect(self.object.get_absolute_url())


class TagRemoveView(ScopedObjectMixin, View):
    access = "write"
    model = Person
    object_action = Action.CHANGE
    http_method_names = ["post"]

    def post(self, request, pk):
        tag_id = request.POST.get("tag", "")
        if tag_id.isdigit():
            services.person_tag_remove(actor=request.user, person_id=self.object.pk, tag_id=int(tag_id))
        return redirect(self.object.get_absolute_url())


# --- related records -----------------------------------------------------------------------


class RecordCreateView(ScopedObjectMixin, ServiceFormView):
    """Add a record of ``record_model`` to the person ``pk``."""

    model = Person
    object_action = Action.CHANGE
    record_model = None

    def get_form_class(self):
        return RECORD_FORMS[self.record_model]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        label = self.record_model._meta.verbose_name
        context.update(
            title=_("Add %(kind)s: %(name)s") % {"kind": label, "name": self.object.name},
            breadcrumbs=person_crumbs(self.object, {"label": _("Add %(kind)s") % {"kind": label}, "url": ""}),
            cancel_url=self.object.get_absolute_url(),
        )
        return context

    def perform(self, form):
        values = {name: form.cleaned_data[name] for name in form.record_fields}
        return services.record_create(actor=self.request.user, model=self.record_model, person_id=self.object.pk, **values)

    def success_url_for(self, record):
        return record.person.get_absolute_url()

    def success_message(self, record):
        return _("Saved.")


class RecordEditView(ScopedObjectMixin, ServiceFormView):
    """Edit one record kept on a person (``model`` is the record's model)."""

    object_action = Action.CHANGE

    def get_form_class(self):
        return RECORD_FORMS[self.model]

    def get_initial(self):
        record = self.object
        hidden = getattr(self.model, "SENSITIVE_FIELDS", ())
        names = [name for name in self.get_form_class().record_fields if name not in hidden]
        return {**{name: getattr(record, name) for name in names}, "version": record.version}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.object.person
        label = self.model._meta.verbose_name
        context.update(
            title=_("Edit %(name)s") % {"name": label},
            breadcrumbs=person_crumbs(person, {"label": _("Edit %(name)s") % {"name": label}, "url": ""}),
            cancel_url=person.get_absolute_url(),
        )
        return context

    def perform(self, form):
        values = {name: form.cleaned_data[name] for name in form.record_fields}
        # A sensitive value left empty on the form keeps the stored one (the form never shows it).
        for name in getattr(self.model, "SENSITIVE_FIELDS", ()):
            if not values.get(name):
                values.pop(name, None)
        return services.record_update(
            actor=self.request.user, model=self.model, record_id=self.object.pk,
            version=form.cleaned_data.get("version") or self.object.version, **values,
        )

    def success_url_for(self, record):
        return record.person.get_absolute_url()

    def success_message(self, record):
        return _("Saved.")


class RecordDeleteView(ScopedObjectMixin, View):
    access = "write"
    object_action = Action.DELETE
    http_method_names = ["post"]

    def post(self, request, pk):
        record = self.object
        try:
            services.record_delete(
                actor=request.user, model=self.model, record_id=record.pk, version=posted_version(request, record.version)
            )
        except (ValidationError, PermissionDenied) as error:
            for message in messages_of(error):
                messages.error(request, message)
        else:
            messages.success(request, _("Deleted."))
        return redirect("people:detail", pk=record.person_id)


def record_views():
    """(slug, create view, edit view, delete view) for each kind of record."""
    views = []
    for slug, model in RECORD_KINDS.items():
        name = model.__name__
        create = type(f"{name}CreateView", (RecordCreateView,), {"record_model": model})
        edit = type(f"{name}EditView", (RecordEditView,), {"model": model})
        delete = type(f"{name}DeleteView", (RecordDeleteView,), {"model": model})
        views.append((slug, create, edit, delete))
    return views
