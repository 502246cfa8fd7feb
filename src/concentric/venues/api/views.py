from concentric.core.kit.api import CrudDeleteMixin, CrudReadViewSet, CrudViewSet
from concentric.venues.api.serializers import (
    BookingCreateSerializer,
    BookingSerializer,
    RoomCreateSerializer,
    RoomFunctionSerializer,
    RoomSerializer,
    VenueCreateSerializer,
    VenueSerializer,
)
from concentric.venues.crud import BookingCrud, RoomCrud, RoomFunctionCrud, VenueCrud


class VenueViewSet(CrudDeleteMixin, CrudViewSet):
    """Venues of the user's units and of the units above them (seen, not changed); the keeper's
    phone is masked. PATCH and DELETE need the ``version`` read."""

    crud = VenueCrud
    serializer_class = VenueSerializer
    create_serializer_class = VenueCreateSerializer


class RoomViewSet(CrudDeleteMixin, CrudViewSet):
    """Rooms of the venues the user sees; added, changed and removed by whoever may change the venue."""

    crud = RoomCrud
    serializer_class = RoomSerializer
    create_serializer_class = RoomCreateSerializer


class RoomFunctionViewSet(CrudReadViewSet):
    """The room-function dictionary (接待, 展示, 议事 …), read-only here: its editors keep it on its pages."""

    crud = RoomFunctionCrud
    serializer_class = RoomFunctionSerializer


class BookingViewSet(CrudViewSet):
    """Room bookings of the user's units. An overlap with another booking of the room is refused
    (400, naming it); cancel with PATCH ``status=cancelled``."""

    crud = BookingCrud
    serializer_class = BookingSerializer
    create_serializer_class = BookingCreateSerializer
