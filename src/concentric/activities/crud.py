"""The activities' declarations for the kit: activities (with their participants, managed on the
activity's page) and the activity-type dictionary."""

from django.utils.translation import gettext_lazy as _

from concentric.activities import views
from concentric.activities.filtersets import ActivityFilterSet, ParticipantFilterSet
from concentric.activities.forms import ActivityForm, ActivityTypeForm
from concentric.activities.models import Activity, ActivityType, Participant
from concentric.activities.selectors import with_participant_count
from concentric.activities.services.activities import (
    activity_create,
    activity_delete,
    activity_type_create,
    activity_type_delete,
    activity_type_update,
    activity_update,
)
from concentric.activities.services.participants import participant_remove, participant_update
from concentric.activities.tables import ActivityTable, ActivityTypeTable, ParticipantTable
from concentric.core.kit.crud import Crud, Services


class ActivityCrud(Crud):
    model = Activity
    namespace = "activities"
    filterset_class = ActivityFilterSet
    table = ActivityTable
    ordering = ("-starts_at", "-pk")
    form_class = ActivityForm
    services = Services(create=activity_create, update=activity_update, delete=activity_delete, id_kwarg="activity_id")
    pages = ("list", "detail", "create", "edit", "delete", "export")
    page_classes = {"detail": views.ActivityDetailPage}
    detail_template = "activities/detail.html"
    title = _("Activities")
    create_label = _("New activity")

    @classmethod
    def list_queryset(cls, user, queryset):
        related = queryset.select_related("type", "org_unit", "venue", "room").prefetch_related("co_units")
        return with_participant_count(related)

    @classmethod
    def object_queryset(cls, user, queryset):
        return queryset.select_related("type", "org_unit", "venue", "room")

    @classmethod
    def delete_confirmation(cls, activity):
        return _("Delete the activity “%(name)s” and its participants?") % {"name": activity.title}


class ParticipantCrud(Crud):
    """Participants have no pages of their own (the activity's page manages them): the API and
    the export (``?activity=``)."""

    model = Participant
    namespace = "activities"
    filterset_class = ParticipantFilterSet
    table = ParticipantTable
    ordering = ("pk",)
    pages = ("export",)
    names = {"export": "participant_export"}
    paths = {"export": "participants/export/"}
    title = _("Participants")
    services = Services(update=participant_update, delete=participant_remove, id_kwarg="participant_id")

    @classmethod
    def list_queryset(cls, user, queryset):
        return queryset.select_related("person__org_unit", "activity")

    @classmethod
    def export_ordering(cls):
        return ("activity__starts_at", "activity_id", "pk")

    @classmethod
    def object_url(cls, participant):
        return ActivityCrud.url("detail", participant.activity_id)


class ActivityTypeCrud(Crud):
    """The activity-type dictionary: every business role reads it, its editors change it."""

    model = ActivityType
    namespace = "activities"
    table = ActivityTypeTable
    ordering = ("sort", "pk")
    page_size = 200
    form_class = ActivityTypeForm
    services = Services(
        create=activity_type_create, update=activity_type_update, delete=activity_type_delete, id_kwarg="type_id"
    )
    pages = ("list", "create", "edit", "delete")
    page_classes = {"list": views.ActivityTypeListPage, "edit": views.ActivityTypeEditPage}
    names = {"list": "types", "create": "type_create", "edit": "type_edit", "delete": "type_delete"}
    paths = {
        "list": "types/",
        "create": "types/new/",
        "edit": "types/<int:pk>/edit/",
        "delete": "types/<int:pk>/delete/",
    }
    title = _("Activity types")
    create_label = _("New activity type")

    @classmethod
    def parent_crumbs(cls):
        return [ActivityCrud.list_crumb()]

    @classmethod
    def object_url(cls, kind):
        return cls.url("list")
