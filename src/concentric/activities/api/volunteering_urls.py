"""Volunteer service's API routes beside its resources: approving hours, revoking a
certificate (each a POST on one record), and the totals."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from concentric.activities.api.volunteering import CertificateSerializer, HoursSerializer
from concentric.activities.filtersets_volunteering import TotalsFilterSet
from concentric.activities.models import Certificate, VolunteerHours
from concentric.activities.selectors_volunteering import totals
from concentric.activities.services.certificates import certificate_revoke
from concentric.activities.services.hours import hours_approve
from concentric.activities.views_volunteering import totals_rows
from concentric.core.api import ScopedAPIView, error_response
from concentric.core.kit.filters import FiltersInvalid, bind_filters
from concentric.core.schema import ErrorSerializer
from concentric.core.scoping import Action, can


class _RecordAction(ScopedAPIView, APIView):
    """POST on one record the user may see; the service decides (404 outside the scope)."""

    access = "write"
    object_action = Action.CHANGE

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not can(request.user, self.object_action, self.model):  # a POST asks for more than adding
            raise PermissionDenied

    def record(self, pk):
        return get_object_or_404(self.model.objects.visible_to(self.request.user, self.object_action), pk=pk)


class HoursApproveApiView(_RecordAction):
    model = VolunteerHours

    # 400: the entry is approved already.
    @extend_schema(request=None, responses={200: HoursSerializer, 400: ErrorSerializer})
    def post(self, request, pk):
        entry = self.record(pk)
        try:
            entry = hours_approve(actor=request.user, hours_id=entry.pk)
        except DjangoValidationError as error:
            return error_response("invalid", error.messages[0])
        return Response(HoursSerializer(entry).data)


class CertificateRevokeApiView(_RecordAction):
    model = Certificate

    @extend_schema(
        request=inline_serializer("CertificateRevoke", {"reason": serializers.CharField()}),
        responses=CertificateSerializer,
    )
    def post(self, request, pk):
        certificate = self.record(pk)
        reason = request.data.get("reason", "") if hasattr(request.data, "get") else ""
        try:
            certificate = certificate_revoke(actor=request.user, certificate_id=certificate.pk, reason=str(reason))
        except DjangoValidationError as error:
            fields = getattr(error, "message_dict", None)
            return error_response("invalid", error.messages[0], fields)
        return Response(CertificateSerializer(certificate).data)


TOTAL_ROW_FIELDS = {
    "unit_id": serializers.IntegerField(required=False),
    "person_id": serializers.IntegerField(required=False),
    "name": serializers.CharField(required=False),
    "unit_name": serializers.CharField(),
    "sessions": serializers.IntegerField(required=False),
    "person_times": serializers.IntegerField(),
    "hours": serializers.DecimalField(max_digits=10, decimal_places=1),
}


class TotalsApiView(ScopedAPIView, APIView):
    """Sessions, person-times and approved hours over a period, in the caller's scope."""

    access = "aggregate"
    model = VolunteerHours
    queryset = VolunteerHours.objects.none()
    filterset_class = TotalsFilterSet

    @extend_schema(
        parameters=[
            OpenApiParameter("unit", int),
            OpenApiParameter("start", str, description="YYYY-MM-DD"),
            OpenApiParameter("end", str, description="YYYY-MM-DD"),
            OpenApiParameter("by", str, enum=["unit", "person"]),
        ],
        responses=inline_serializer(
            "VolunteerTotals",
            {
                "sessions": serializers.IntegerField(),
                "person_times": serializers.IntegerField(),
                "hours": serializers.DecimalField(max_digits=10, decimal_places=1),
                "rows": inline_serializer("VolunteerTotalsRow", TOTAL_ROW_FIELDS, many=True),
            },
        ),
    )
    def get(self, request):
        filterset = bind_filters(TotalsFilterSet, request.query_params, VolunteerHours.objects.none(), request)
        if not filterset.is_valid():
            invalid = FiltersInvalid(filterset)
            return error_response("invalid", next(iter(invalid.errors.values()))[0], invalid.errors)
        values = filterset.form.cleaned_data
        period = {"start": values.get("start"), "end": values.get("end"), "unit": values.get("unit")}
        summary = totals(request.user, **period)
        rows = [
            {key: (str(value) if key == "hours" else value) for key, value in vars(row).items()}
            for row in totals_rows(request.user, values)
        ]
        return Response(
            {
                "sessions": summary.sessions,
                "person_times": summary.person_times,
                "hours": str(summary.hours),
                "rows": rows,
            }
        )


urlpatterns = [
    path("volunteer-hours/<int:pk>/approve/", HoursApproveApiView.as_view(), name="volunteer-hours-approve"),
    path(
        "volunteer-certificates/<int:pk>/revoke/",
        CertificateRevokeApiView.as_view(),
        name="volunteer-certificate-revoke",
    ),
    path("volunteer-totals/", TotalsApiView.as_view(), name="volunteer-totals"),
]
