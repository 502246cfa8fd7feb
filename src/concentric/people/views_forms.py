"""Create and edit a member (optimistic locking on edit; errors beside their fields)."""

import re

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concentric.core.scoping import Action
from concentric.core.views_base import (
    ScopedObjectMixin,
    ServiceFormView,
    require_page_permission,
)
from concentric.people import services
from concentric.people.forms import FORM_FIELDS, PersonForm
from concentric.people.models import Person
from concentric.people.views_common import list_crumb, person_crumbs

_DETAIL_PATH = re.compile(r"(/people/\d+/)")


class PersonFormMixin:
    form_class = PersonForm
    template_name = "people/person_form.html"

    def form_valid(self, form):
        self.duplicate_url = ""
        return super().form_valid(form)

    def perform(self, form):
        try:
            return self.save(form)
        except ValidationError as error:
            # A hard duplicate names the existing record's page when the user may open it.
            for message in getattr(error, "message_dict", {}).get("id_number", []):
                found = _DETAIL_PATH.search(message)
                if found:
                    self.duplicate_url = found.group(1)
            raise

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["duplicate_url"] = getattr(self, "duplicate_url", "")
        context["wide_fields"] = ("categories", "remarks")  # long: they take the whole line
        return context

    def success_message(self, person):
        return _("Member “%(name)s” was saved.") % {"name": person.name}


class PersonCreateView(PersonFormMixin, ServiceFormView):
    model = Person
    object_action = Action.ADD
    title = gettext_lazy("New member")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            require_page_permission(request.user, Action.ADD, Person)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "actor": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(breadcrumbs=[list_crumb(), {"label": self.title, "url": ""}], cancel_url=reverse("people:list"))
        return context

    def save(self, form):
        values = form.person_values()
        return services.person_create(
            actor=self.request.user,
            org_unit=form.cleaned_data["org_unit"],
            name=values.pop("name"),
            main_category=values.pop("main_category"),
            categories=values.pop("categories"),
            **values,
        )


class PersonEditView(PersonFormMixin, ScopedObjectMixin, ServiceFormView):
    model = Person
    object_action = Action.CHANGE

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "actor": self.request.user, "person": self.object}

    def get_initial(self):
        person = self.object
        initial = {name: getattr(person, name) for name in FORM_FIELDS if name not in Person.SENSITIVE_FIELDS}
        initial.update(
            version=person.version,
            main_category=person.main_category_id,
            # "Other categories": the main one is always among them and is not ticked here, so
            # that changing the main category does not keep the old one on as another.
            categories=list(person.categories.exclude(pk=person.main_category_id).values_list("pk", flat=True)),
        )
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=_("Edit %(name)s") % {"name": self.object.name},
            breadcrumbs=person_crumbs(self.object, {"label": _("Edit"), "url": ""}),
            cancel_url=self.object.get_absolute_url(),
        )
        return context

    def save(self, form):
        values = form.person_values()
        return services.person_update(
            actor=self.request.user, person_id=self.object.pk, version=form.cleaned_data["version"], **values
        )
