"""The dashboard's figures as JSON (/api/v1/dashboard/?unit=&year=): the same figures as the page,
read from the rollups, in the caller's scope."""

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from concentric.core.api import error_response
from concentric.core.schema import ErrorSerializer
from concentric.dashboard.figures import dashboard
from concentric.dashboard.views import NO_UNIT, BadRequest, choice

NUMBER = serializers.FloatField()

HEADLINE = inline_serializer(
    "DashboardFigure",
    {
        "measure": serializers.CharField(),
        "label": serializers.CharField(),
        "value": NUMBER,
        "shown": serializers.CharField(),
        "unit_label": serializers.CharField(allow_blank=True),
        "url": serializers.CharField(),
    },
    many=True,
)
SERIES = inline_serializer(
    "DashboardSeries",
    {
        "name": serializers.CharField(),
        "type": serializers.ChoiceField(["bar", "line", "pie"]),
        "data": serializers.ListField(child=serializers.FloatField(allow_null=True)),
        "axis": serializers.IntegerField(required=False),
        "step": serializers.BooleanField(required=False),
    },
    many=True,
)
TABLE = inline_serializer(
    "DashboardTable",
    {
        "columns": serializers.ListField(child=serializers.CharField()),
        "rows": serializers.ListField(child=serializers.ListField(child=serializers.JSONField())),
        "decimals": serializers.ListField(child=serializers.IntegerField(allow_null=True)),
        "links": serializers.ListField(child=serializers.CharField()),
    },
)
CHART = inline_serializer(
    "DashboardChart",
    {
        "slug": serializers.CharField(),
        "title": serializers.CharField(),
        "kind": serializers.ChoiceField(["bar", "pie"]),
        "unit_label": serializers.CharField(allow_blank=True),
        "categories": serializers.ListField(child=serializers.CharField()),
        "series": SERIES,
        "table": TABLE,
    },
    many=True,
)
DASHBOARD = inline_serializer(
    "Dashboard",
    {
        "unit": inline_serializer("DashboardUnit", {"id": serializers.IntegerField(), "name": serializers.CharField()}),
        "year": serializers.IntegerField(),
        "start": serializers.DateField(),
        "end": serializers.DateField(),
        "headline": HEADLINE,
        "charts": CHART,
    },
)


class DashboardApiView(APIView):
    """The dashboard's headline figures and charts for a unit (default: the top of the caller's
    scope) and a year (default: this year)."""

    access = "aggregate"

    @extend_schema(
        parameters=[
            OpenApiParameter("unit", int, description="an org unit's id, in the caller's scope"),
            OpenApiParameter("year", int, description="this year or one of the five before it"),
        ],
        responses={200: DASHBOARD, 400: ErrorSerializer, 404: ErrorSerializer},
    )
    def get(self, request):
        try:
            unit, year = choice(request.query_params, request.user)
        except BadRequest as error:
            return error_response("invalid", str(error))
        if unit is None:
            return error_response("invalid", NO_UNIT())
        return Response(dashboard(request.user, unit, year))


urlpatterns = [path("dashboard/", DashboardApiView.as_view(), name="dashboard")]
