"""The activity pages that differ from the kit's: the activity's page with its participants,
the status actions, the member picker and the participant actions, and the type dictionary."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from concentric.activities.choices import ActivityStatus, ParticipantRole
from concentric.activities.forms import (
    GuestParticipantForm,
    MemberParticipantForm,
    ParticipantChangeForm,
    StatusForm,
)
from concentric.activities.models import Participant
from concentric.activities.services.activities import activity_set_status
from concentric.activities.services.participants import (
    participant_add_guest,
    participant_add_member,
    participant_remove,
    participant_update,
    participants_mark_all_present,
)
from concentric.activities.tables import place_of, time_of
from concentric.core.kit import display, pages
from concentric.core.scoping import Action, can
from concentric.core.services import StaleRecord
from concentric.people.selectors import person_list

PICKER_SIZE = 10


def _form_errors(form) -> ValidationError:
    return ValidationError([message for messages_ in form.errors.values() for message in messages_])


class ActivityDetailPage(pages.DetailPage):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        activity = self.object
        participants = list(activity.participants.select_related("person__org_unit").order_by("pk"))
        started = activity.starts_at <= timezone.now()
        # A co-organised activity names members of other units: their pages are linked only
        # for those this user may open.
        member_ids = [participant.person_id for participant in participants if participant.person_id]
        openable = set(person_list(user=self.request.user).filter(pk__in=member_ids).values_list("pk", flat=True))
        context.update(
            activity=activity,
            time=time_of(activity),
            place=place_of(activity),
            co_units=list(activity.co_units.order_by("path")),
            participants=[
                (participant, display.masked_text(participant, "guest_phone")) for participant in participants
            ],
            openable_members=openable,
            attended_count=sum(1 for participant in participants if participant.attended),
            can_mark_held=activity.status == ActivityStatus.PLANNED and started,
            can_cancel=activity.status == ActivityStatus.PLANNED,
            can_reopen=activity.status != ActivityStatus.PLANNED,
            roles=ParticipantRole.choices,
            default_role=ParticipantRole.PARTICIPANT,
            guest_form=GuestParticipantForm(),
            can_export_participants=can(self.request.user, Action.EXPORT, Participant),
        )
        return context


class ActivityActionPage(pages.ObjectActionPage):
    """A POST on an activity by its organising unit (a co-organiser is refused: CHANGE)."""

    object_action = Action.CHANGE

    def return_url(self):
        return self.crud.object_url(self.object) + "#participants"

    refused_url = return_url


class ActivityStatusPage(ActivityActionPage):
    """Mark held, cancel, or bring back to planned (with a reason), as of the version read."""

    def act(self):
        form = StatusForm(self.request.POST)
        version = pages.posted_version(self.request)
        if version is None:
            raise StaleRecord()
        if not form.is_valid():
            raise ValidationError(_("Choose a valid status."))
        self.object = activity_set_status(
            actor=self.request.user,
            activity_id=self.object.pk,
            version=version,
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
        )

    def done_message(self):
        return _("The activity is now “%(status)s”.") % {"status": self.object.get_status_display()}

    def return_url(self):
        return self.crud.object_url(self.object)

    refused_url = return_url


class MemberAddPage(ActivityActionPage):
    def act(self):
        form = MemberParticipantForm(self.request.POST)
        if not form.is_valid():
            raise _form_errors(form)
        self.added = participant_add_member(
            actor=self.request.user,
            activity_id=self.object.pk,
            person_id=form.cleaned_data["person"],
            role=form.cleaned_data["role"],
        )

    def done_message(self):
        return _("%(name)s was added.") % {"name": self.added}


class GuestAddPage(ActivityActionPage):
    def act(self):
        form = GuestParticipantForm(self.request.POST)
        if not form.is_valid():
            raise _form_errors(form)
        self.added = participant_add_guest(actor=self.request.user, activity_id=self.object.pk, **form.cleaned_data)

    def done_message(self):
        return _("%(name)s was added.") % {"name": self.added}


class AllPresentPage(ActivityActionPage):
    def act(self):
        self.changed = participants_mark_all_present(actor=self.request.user, activity_id=self.object.pk)

    def done_message(self):
        return _("%(count)s participants marked present.") % {"count": self.changed}


class MemberSearchPage(pages.ObjectPage, TemplateView):
    """The member picker's results (htmx): members in the user's scope matching ``q``, each with
    a button that adds them to the activity."""

    access = "detail"
    object_action = Action.CHANGE
    template_name = "activities/partials/member_results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()[:50]
        found = []
        if query:
            taken = self.object.participants.exclude(person=None).values("person_id")
            people = person_list(user=self.request.user, filters={"q": query}).exclude(pk__in=taken)
            found = list(people.select_related("org_unit").order_by("name", "pk")[: PICKER_SIZE + 1])
        context.update(query=query, found=found[:PICKER_SIZE], more=len(found) > PICKER_SIZE, activity=self.object)
        return context


class ParticipantPage(pages.ObjectActionPage):
    """A POST on one participant (``self.object``), back to the activity's page."""

    def return_url(self):
        return self.crud.url("detail", self.object.activity_id) + "#participants"

    refused_url = return_url


class ParticipantChangePage(ParticipantPage):
    """Role and attendance of one row, as of the version read."""

    object_action = Action.CHANGE

    def act(self):
        form = ParticipantChangeForm(self.request.POST)
        if not form.is_valid():
            raise _form_errors(form)
        version = form.cleaned_data["version"]
        if version is None:
            raise StaleRecord()
        values = {name: form.cleaned_data[name] for name in ("role", "attended") if self.request.POST.get(name, "")}
        participant_update(actor=self.request.user, participant_id=self.object.pk, version=version, **values)

    def done_message(self):
        return _("Saved.")


class ParticipantRemovePage(ParticipantPage):
    object_action = Action.DELETE

    def act(self):
        version = pages.posted_version(self.request)
        if version is None:
            raise StaleRecord()
        participant_remove(actor=self.request.user, participant_id=self.object.pk, version=version)

    def done_message(self):
        return _("%(name)s was removed.") % {"name": self.object}


# --- the type dictionary ----------------------------------------------------------------------


class ActivityTypeListPage(pages.ListPage):
    """Rows open the type's form for the dictionary's editors; others read the list only."""

    def row_url(self, kind):
        return self.crud.url("edit", kind.pk) if self.crud.allows(self.request.user, Action.CHANGE, kind) else ""


class ActivityTypeEditPage(pages.EditPage):
    """The type's form, with its delete button (refused, with the reason, while activities use it)."""

    template_name = "activities/type_form.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            can_delete=self.crud.allows(self.request.user, Action.DELETE, self.object),
            delete_url=self.crud.url("delete", self.object.pk),
            delete_confirm=self.crud.delete_confirmation(self.object),
        )
        return context
