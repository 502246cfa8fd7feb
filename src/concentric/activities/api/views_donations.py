"""The API of pairing projects and donations (CRUD through the kit) and of the donation totals."""

from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from concentric.activities.api.serializers_donations import (
    DonationCreateSerializer,
    DonationSerializer,
    PairingCreateSerializer,
    PairingSerializer,
)
from concentric.activities.crud_donations import DonationCrud, PairingCrud
from concentric.activities.donation_totals import donation_totals
from concentric.activities.models import Donation
from concentric.core.api import ScopedAPIView, error_response
from concentric.core.kit.api import CrudDeleteMixin, CrudViewSet
from concentric.core.kit.filters import FiltersInvalid, filtered
from concentric.core.scoping import Action


class PairingViewSet(CrudDeleteMixin, CrudViewSet):
    """Pairing projects (结对帮扶) of the user's units. PATCH and DELETE need the ``version`` read."""

    crud = PairingCrud
    serializer_class = PairingSerializer
    create_serializer_class = PairingCreateSerializer


class DonationViewSet(CrudDeleteMixin, CrudViewSet):
    """Donations of the user's units, filtered like the list page. ``amount`` and ``quantity``
    are strings with two places; a money donation has no goods and goods no amount."""

    crud = DonationCrud
    serializer_class = DonationSerializer
    create_serializer_class = DonationCreateSerializer


class DonationTotalsApiView(ScopedAPIView, APIView):
    """Totals of the donations in the user's scope through the list's filters: money (yuan, as a
    string) and each kind of goods apart, overall, by year, unit, donor kind and recipient."""

    access = "aggregate"
    model = Donation
    # Read by the schema only, to document the filters.
    queryset = Donation.objects.none()
    filter_backends = [DjangoFilterBackend]
    filterset_class = DonationCrud.filterset_class

    @extend_schema(filters=True, responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        donations = Donation.objects.visible_to(request.user, Action.VIEW)
        try:
            donations, _reason = filtered(self.filterset_class, request.query_params, donations, request)
        except FiltersInvalid as invalid:
            return error_response("invalid", _("Please correct the errors below."), invalid.errors)
        totals = donation_totals(donations)
        return Response(
            {
                "overall": totals["overall"].as_dict(),
                **{key: [line.as_dict() for line in totals[key]] for key in totals if key != "overall"},
            }
        )
