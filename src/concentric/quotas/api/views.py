from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from concentric.core.api import ScopedAPIView, error_response
from concentric.core.kit.api import CrudDeleteMixin, CrudViewSet
from concentric.quotas.api.serializers import (
    CalendarDayCreateSerializer,
    CalendarDaySerializer,
    QuotaRuleCreateSerializer,
    QuotaRuleSerializer,
)
from concentric.quotas.board import BoardForm
from concentric.quotas.crud import CalendarDayCrud, QuotaRuleCrud
from concentric.quotas.models import QuotaRule
from concentric.quotas.selectors import board


class QuotaRuleViewSet(CrudDeleteMixin, CrudViewSet):
    """Quota rules: those of the whole system (``org_unit`` null, kept by system administrators)
    and those of the user's units and the units above them (kept by the administrators of a
    district or subdistrict). PATCH and DELETE need the ``version`` read."""

    crud = QuotaRuleCrud
    serializer_class = QuotaRuleSerializer
    create_serializer_class = QuotaRuleCreateSerializer


class CalendarDayViewSet(CrudDeleteMixin, CrudViewSet):
    """Days an administrator set as working days or days off (make-up days, holidays of a year
    the official calendar does not know yet, local adjustments); kept by system administrators."""

    crud = CalendarDayCrud
    serializer_class = CalendarDaySerializer
    create_serializer_class = CalendarDayCreateSerializer


class QuotaBoardApiView(ScopedAPIView, APIView):
    """The compliance board of a unit for a month, as on its page: each rule's status, its judged
    periods with figure, minimum, reason and the records' link; the children side by side; the
    last twelve months. A unit outside the user's units is refused as an unknown one (400).
    ``unit`` defaults to the user's first unit, ``month`` (YYYY-MM) to this month."""

    access = "aggregate"
    model = QuotaRule

    @extend_schema(
        parameters=[
            OpenApiParameter("unit", OpenApiTypes.INT, OpenApiParameter.QUERY, required=False),
            OpenApiParameter(
                "month", OpenApiTypes.STR, OpenApiParameter.QUERY, required=False, pattern=r"^\d{4}-\d{2}$"
            ),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        user = request.user
        form = BoardForm(request.query_params, user=user)
        if not form.is_valid():
            errors = {name: [str(message) for message in messages] for name, messages in form.errors.items()}
            return error_response("invalid", _("Please correct the errors below."), errors)
        unit, month = form.chosen()
        if unit is None:
            message = _("You see no unit whose quotas are judged.")
            return error_response("invalid", message, {"unit": [message]})
        return Response(board(user=user, unit=unit, month=month).as_dict())
