from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from concentric.activities.api.serializers import (
    ActivityCreateSerializer,
    ActivitySerializer,
    ActivityStatusSerializer,
    ActivityTypeCreateSerializer,
    ActivityTypeSerializer,
    ParticipantCreateSerializer,
    ParticipantSerializer,
    ParticipantUpdateSerializer,
)
from concentric.activities.crud import ActivityCrud, ActivityTypeCrud, ParticipantCrud
from concentric.activities.services.activities import activity_set_status
from concentric.activities.services.participants import participant_add_guest, participant_add_member
from concentric.core.kit.api import CrudDeleteMixin, CrudViewSet


class ActivityTypeViewSet(CrudDeleteMixin, CrudViewSet):
    """The activity-type dictionary; its editors (unit and system administrators) change it. A type
    in use cannot be deleted (switch it off with ``is_active``)."""

    crud = ActivityTypeCrud
    serializer_class = ActivityTypeSerializer
    create_serializer_class = ActivityTypeCreateSerializer


class ActivityViewSet(CrudDeleteMixin, CrudViewSet):
    """Activities the user's units organise or co-organise, filtered like the list page. Only the
    organising unit changes one; its status changes through ``POST …/status/``."""

    crud = ActivityCrud
    serializer_class = ActivitySerializer
    create_serializer_class = ActivityCreateSerializer

    def get_serializer_class(self):
        return ActivityStatusSerializer if self.action == "status" else super().get_serializer_class()

    @extend_schema(request=ActivityStatusSerializer, responses=ActivitySerializer)
    @action(detail=True, methods=["post"], url_path="status", filter_backends=[], pagination_class=None)
    def status(self, request, pk=None):
        """planned → held (once started) or cancelled; back to planned only with a ``reason``."""
        activity = self.get_object()
        serializer = ActivityStatusSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        activity = activity_set_status(actor=request.user, activity_id=activity.pk, **serializer.validated_data)
        return Response(ActivitySerializer(activity, context=self.get_serializer_context()).data)


class ParticipantViewSet(CrudDeleteMixin, CrudViewSet):
    """Participants of the activities the user sees (``?activity=``); the organising unit adds a
    member (``person``) or a guest (``guest_name``, ``guest_phone``), changes role and attendance.
    Guests' phones are answered masked."""

    crud = ParticipantCrud
    serializer_class = ParticipantSerializer
    create_serializer_class = ParticipantCreateSerializer
    update_serializer_class = ParticipantUpdateSerializer

    def create_through_service(self, data):
        activity, person = data.pop("activity"), data.pop("person", None)
        if person is not None:
            return participant_add_member(
                actor=self.request.user,
                activity_id=activity.pk,
                person_id=person.pk,
                role=data.get("role", "participant"),
                attended=data.get("attended", False),
            )
        return participant_add_guest(actor=self.request.user, activity_id=activity.pk, **data)
