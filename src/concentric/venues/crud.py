"""The venues app's declarations for the kit: venues with their rooms, the rooms' pages, room
bookings and the room-function dictionary."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from concentric.core.kit.crud import Crud, Services
from concentric.core.kit.records import ChildRecords
from concentric.core.scoping import Action
from concentric.core.services import lock_for_update
from concentric.venues import services
from concentric.venues.filtersets import BookingFilterSet, RoomFilterSet, VenueFilterSet
from concentric.venues.forms import BookingForm, RoomFunctionForm, VenueEditForm, VenueForm
from concentric.venues.models import Booking, Room, RoomFunction, Venue
from concentric.venues.tables import BookingTable, RoomFunctionTable, VenueTable
from concentric.venues.views import (
    BookingCreatePage,
    BookingDetailPage,
    RoomDetailPage,
    RoomFunctionListPage,
    VenueDetailPage,
)


class VenueCrud(Crud):
    model = Venue
    namespace = "venues"
    filterset_class = VenueFilterSet
    table = VenueTable
    ordering = ("name", "pk")
    form_class = VenueForm
    edit_form_class = VenueEditForm
    services = Services(
        create=services.venue_create, update=services.venue_update, delete=services.venue_delete, id_kwarg="venue_id"
    )
    pages = ("list", "detail", "create", "edit", "delete", "unmask", "export")
    page_classes = {"detail": VenueDetailPage}
    detail_template = "venues/venue_detail.html"
    title = _("Venues")
    create_label = _("New venue")

    @classmethod
    def list_queryset(cls, user, queryset):
        return queryset.select_related("org_unit").annotate(room_count=Count("rooms"))

    @classmethod
    def object_queryset(cls, user, queryset):
        return queryset.select_related("org_unit")

    @classmethod
    def detail_values(cls, venue):
        return [
            (_("Unit"), venue.org_unit.name),
            (_("Kind"), venue.get_kind_display()),
            (_("Address"), venue.address),
            (_("Opening hours"), venue.opening_hours),
            (_("Keeper"), venue.keeper),
            (_("Description"), venue.description),
            (_("In use"), venue.is_active),
        ]

    @classmethod
    def delete_confirmation(cls, venue):
        return gettext("Delete the venue “%(name)s” and its rooms? This cannot be undone.") % {"name": venue.name}

    @classmethod
    def sections(cls, user, venue):
        return [RoomRecords.section(venue)]


class RoomRecords(ChildRecords):
    """A venue's rooms, managed from the venue's page by whoever may change the venue."""

    model = Room
    parent_field = "venue"
    parent_crud = VenueCrud
    slug = "rooms"

    @classmethod
    def prepare(cls, room):
        others = Room.objects.filter(venue_id=room.venue_id, name=room.name.strip()).exclude(pk=room.pk)
        if others.exists():
            raise ValidationError({"name": gettext("This venue already has a room of this name.")})
        room.full_clean()

    @classmethod
    @transaction.atomic
    def delete(cls, *, actor, record_id: int, version: int) -> None:
        """A room ever booked stays (its bookings are the venue's history): mark it not in use."""
        room = lock_for_update(actor, Room, record_id, version=version, action=Action.DELETE)
        if room.bookings.exists():
            raise ValidationError(gettext("This room has bookings, so it cannot be deleted; mark it as not in use."))
        super().delete(actor=actor, record_id=record_id, version=version)


def room_create(*, actor, venue, **values):
    return RoomRecords.create(actor=actor, parent_id=venue.pk, **values)


def room_update(*, actor, room_id: int, version: int, **values):
    return RoomRecords.update(actor=actor, record_id=room_id, version=version, **values)


def room_delete(*, actor, room_id: int, version: int) -> None:
    RoomRecords.delete(actor=actor, record_id=room_id, version=version)


class RoomCrud(Crud):
    """A room's page (its calendar) and its API; rooms are added and changed on the venue's page."""

    model = Room
    namespace = "venues"
    filterset_class = RoomFilterSet
    ordering = ("venue_id", "name", "pk")
    services = Services(create=room_create, update=room_update, delete=room_delete, id_kwarg="room_id")
    pages = ("detail",)
    page_classes = {"detail": RoomDetailPage}
    names = {"detail": "room"}
    paths = {"detail": "rooms/<int:pk>/"}
    detail_template = "venues/room_detail.html"

    @classmethod
    def list_queryset(cls, user, queryset):
        return queryset.select_related("venue").prefetch_related("functions")

    @classmethod
    def object_queryset(cls, user, queryset):
        return queryset.select_related("venue", "venue__org_unit")

    @classmethod
    def object_label(cls, room):
        return room.name

    @classmethod
    def object_crumbs(cls, user, room, *, link_last: bool):
        return [
            *VenueCrud.object_crumbs(user, room.venue, link_last=True),
            {"label": room.name, "url": cls.url("detail", room.pk) if link_last else ""},
        ]


class BookingCrud(Crud):
    model = Booking
    namespace = "venues"
    filterset_class = BookingFilterSet
    table = BookingTable
    ordering = ("-starts_at", "-pk")
    form_class = BookingForm
    services = Services(create=services.booking_create, update=services.booking_update, id_kwarg="booking_id")
    pages = ("list", "detail", "create", "edit", "export")
    page_classes = {"create": BookingCreatePage, "detail": BookingDetailPage}
    names = {page: f"booking_{page}" for page in (*pages, "cancel")}
    paths = {
        "list": "bookings/",
        "create": "bookings/new/",
        "export": "bookings/export/",
        "detail": "bookings/<int:pk>/",
        "edit": "bookings/<int:pk>/edit/",
    }
    detail_template = "venues/booking_detail.html"
    title = _("Room bookings")
    create_label = _("Book a room")
    messages = {
        "created": _("The room was booked: %(name)s."),
        "saved": _("The booking was saved: %(name)s."),
    }

    @classmethod
    def list_queryset(cls, user, queryset):
        return queryset.select_related("room__venue", "org_unit")

    object_queryset = list_queryset

    @classmethod
    def export_ordering(cls):
        return ("starts_at", "pk")

    @classmethod
    def object_label(cls, booking):
        return f"{booking.room.venue.name} · {booking.room.name} {booking.purpose}"


class RoomFunctionCrud(Crud):
    """The room-function dictionary: every business role reads it; its editors add and rename entries."""

    model = RoomFunction
    namespace = "venues"
    table = RoomFunctionTable
    ordering = ("sort", "pk")
    page_size = 200
    form_class = RoomFunctionForm
    services = Services(
        create=services.room_function_create, update=services.room_function_update, id_kwarg="function_id"
    )
    pages = ("list", "create", "edit")
    page_classes = {"list": RoomFunctionListPage}
    names = {"list": "functions", "create": "function_create", "edit": "function_edit"}
    paths = {"list": "functions/", "create": "functions/new/", "edit": "functions/<int:pk>/edit/"}
    title = _("Room functions")
    create_label = _("New room function")

    @classmethod
    def parent_crumbs(cls):
        return [VenueCrud.list_crumb()]

    @classmethod
    def object_url(cls, function):
        return cls.url("list")
