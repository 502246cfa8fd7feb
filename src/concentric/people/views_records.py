"""What is written on a member's page besides the record itself: path steps and tags."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from concentric.core.kit import pages
from concentric.core.scoping import Action
from concentric.people import services
from concentric.people.forms import PathEventForm, TagForm


class PathEventCreatePage(pages.ObjectPage, pages.FormPage):
    """A step on the member's path (the detail page shows the same form inline)."""

    object_action = Action.CHANGE

    def get_form_class(self):
        return PathEventForm

    def get_initial(self):
        return {"occurred_on": timezone.localdate()}

    def heading(self):
        return {
            "title": _("Record a path step for %(name)s") % {"name": self.object.name},
            "breadcrumbs": [
                *self.crud.object_crumbs(self.request.user, self.object, link_last=True),
                {"label": _("Record a path step"), "url": ""},
            ],
            "cancel_url": self.crud.object_url(self.object),
        }

    def perform(self, form):
        services.person_path_record(actor=self.request.user, person_id=self.object.pk, **form.cleaned_data)
        return self.object

    def success_url_for(self, person):
        return self.crud.object_url(person) + "#path"

    def success_message(self, person):
        return _("The path step was recorded.")


class PathEventDeletePage(pages.ObjectActionPage):
    """Remove a step recorded in error (steps are not edited, so they carry no version)."""

    object_action = Action.DELETE

    def act(self):
        services.person_path_delete(actor=self.request.user, event_id=self.object.pk)

    def done_message(self):
        return _("The path step was removed.")

    def return_url(self):
        return self.crud.url("detail", self.object.person_id)

    refused_url = return_url


class TagAddPage(pages.ObjectActionPage):
    """Tags are a set: adding or removing one cannot overwrite another's change, so no version."""

    object_action = Action.CHANGE

    def act(self):
        form = TagForm(self.request.POST)
        if not form.is_valid():
            raise ValidationError(_("Enter the tag."))
        services.person_tag_add(actor=self.request.user, person_id=self.object.pk, name=form.cleaned_data["name"])

    def done_message(self):
        return _("The tag was added.")


class TagRemovePage(pages.ObjectActionPage):
    object_action = Action.CHANGE

    def act(self):
        tag_id = self.request.POST.get("tag", "")
        if tag_id.isdigit():
            services.person_tag_remove(actor=self.request.user, person_id=self.object.pk, tag_id=int(tag_id))

    def done_message(self):
        return _("The tag was removed.")
