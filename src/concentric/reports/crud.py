"""The review's settings on the kit's pages: headline groups, narrative wordings; and the list of
frozen reviews."""

from django.utils.translation import gettext_lazy as _

from concentric.core.kit.crud import Crud, Services
from concentric.reports import services
from concentric.reports.forms import GroupForm, WordingForm
from concentric.reports.models import NarrativeTemplate, ReviewGroup
from concentric.reports.tables import GroupTable, WordingTable


class GroupCrud(Crud):
    model = ReviewGroup
    namespace = "reports"
    table = GroupTable
    ordering = ("sort", "name", "pk")
    page_size = 100
    form_class = GroupForm
    services = Services(
        create=services.group_create, update=services.group_update, delete=services.group_delete, id_kwarg="group_id"
    )
    pages = ("list", "create", "edit", "delete")
    names = {"list": "groups", "create": "group_create", "edit": "group_edit", "delete": "group_delete"}
    paths = {
        "list": "groups/",
        "create": "groups/new/",
        "edit": "groups/<int:pk>/edit/",
        "delete": "groups/<int:pk>/delete/",
    }
    title = _("Headline groups")
    create_label = _("New headline group")

    @classmethod
    def list_queryset(cls, user, queryset):
        return queryset.prefetch_related("categories")

    @classmethod
    def object_label(cls, group):
        return group.name


class WordingCrud(Crud):
    model = NarrativeTemplate
    namespace = "reports"
    table = WordingTable
    ordering = ("pk",)
    form_class = WordingForm
    services = Services(create=services.wording_create, update=services.wording_update, id_kwarg="wording_id")
    pages = ("list", "create", "edit")
    names = {"list": "wordings", "create": "wording_create", "edit": "wording_edit"}
    paths = {"list": "wordings/", "create": "wordings/new/", "edit": "wordings/<int:pk>/edit/"}
    title = _("Narrative wording")
    create_label = _("New wording")

    @classmethod
    def object_label(cls, wording):
        return wording.name
