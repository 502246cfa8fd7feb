"""The venues pages that differ from the kit's: the venue's and room's pages with their
calendars, a venue's calendar, a booking's page and its cancellation, the dictionary's list
(room use: views_usage)."""

from datetime import date

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.generic import TemplateView

from concentric.core.kit import pages
from concentric.core.scoping import Action, can
from concentric.core.services import StaleRecord
from concentric.venues import calendar, services
from concentric.venues.choices import BookingStatus
from concentric.venues.models import Booking, Room, RoomFunction
from concentric.venues.selectors import room_bookings, rooms_visible

# --- calendars ------------------------------------------------------------------------------


class CalendarMixin:
    """A week or month calendar of ``calendar_rooms()`` (``?view=week|month&date=YYYY-MM-DD``);
    an htmx request (the prev/next buttons) answers the calendar alone."""

    calendar_template = "venues/partials/calendar.html"
    show_rooms = False  # a venue's calendar names the room of each booking

    def calendar_rooms(self):
        raise NotImplementedError  # abstract: the room's page, the venue's calendar

    def calendar_context(self) -> dict:
        query = self.request.GET
        view = query.get("view") if query.get("view") in calendar.VIEWS else calendar.WEEK
        raw = query.get("date", "").strip()
        error = ""
        try:
            anchor = parse_date(raw) if raw else timezone.localdate()
        except ValueError:
            anchor = None
        if anchor is None or not date(1900, 1, 1) <= anchor <= date(2999, 12, 31):
            error, anchor = (
                _("The date “%(value)s” is not valid; today is shown.") % {"value": raw[:20]},
                timezone.localdate(),
            )
        period = calendar.period_of(view, anchor)
        rooms = self.calendar_rooms()
        bookings = list(room_bookings(rooms, period.starts, period.ends))
        own = set(
            Booking.objects.visible_to(self.request.user, Action.VIEW)
            .filter(pk__in=[booking.pk for booking in bookings])
            .values_list("pk", flat=True)
        )
        days = calendar.days_of(period, bookings)
        return {
            "calendar": {
                "view": view,
                "period": period,
                "days": days,
                "weeks": calendar.weeks_of(days),
                "own": own,
                "error": error,
                "show_rooms": self.show_rooms,
                "today": timezone.localdate(),
                "path": self.request.path,
                "count": len(bookings),
            }
        }

    def get(self, request, *args, **kwargs):
        htmx = getattr(request, "htmx", None)
        if htmx and not htmx.boosted and not htmx.history_restore_request:
            return render(request, self.calendar_template, {**self.calendar_context(), "object": self.object})
        return super().get(request, *args, **kwargs)


def can_book(user) -> bool:
    return can(user, Action.ADD, Booking)


class VenueDetailPage(pages.DetailPage):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rooms = rooms_visible(self.request.user, self.object).prefetch_related("functions")
        context.update(rooms=rooms, can_book=can_book(self.request.user) and self.object.is_active)
        return context


class VenueCalendarPage(CalendarMixin, pages.ObjectPage, TemplateView):
    """The bookings of all the venue's rooms."""

    access = "detail"
    template_name = "venues/venue_calendar.html"
    show_rooms = True

    def calendar_rooms(self):
        return Room.objects.filter(venue=self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        title = _("Calendar of %(venue)s") % {"venue": self.object.name}
        context.update(
            title=title,
            breadcrumbs=[
                *self.crud.object_crumbs(self.request.user, self.object, link_last=True),
                {"label": _("Calendar"), "url": ""},
            ],
            can_book=can_book(self.request.user) and self.object.is_active,
            **self.calendar_context(),
        )
        return context


class RoomDetailPage(CalendarMixin, pages.DetailPage):
    """The room, its functions and its calendar."""

    def calendar_rooms(self):
        return Room.objects.filter(pk=self.object.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        room = self.object
        context.update(
            title=f"{room.venue.name} · {room.name}",
            functions=room.functions.all(),
            can_book=can_book(self.request.user) and room.is_active and room.venue.is_active,
            venue_url=reverse("venues:detail", args=[room.venue_id]),
            **self.calendar_context(),
        )
        return context


# --- bookings -------------------------------------------------------------------------------


class BookingCreatePage(pages.CreatePage):
    def get_initial(self):
        """``?room=<id>&date=YYYY-MM-DD`` (a room's 预订 button, a calendar's day) starts there."""
        initial = super().get_initial()
        room_id = self.request.GET.get("room", "")
        if room_id.isdigit() and rooms_visible(self.request.user).filter(pk=int(room_id)).exists():
            initial["room"] = int(room_id)
        try:
            day = parse_date(self.request.GET.get("date", ""))
        except ValueError:
            day = None
        if day is not None:
            initial["starts_at"] = f"{day.isoformat()}T09:00"
            initial["ends_at"] = f"{day.isoformat()}T11:00"
        return initial


class BookingDetailPage(pages.DetailPage):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        booking = self.object
        context.update(
            fields=[
                (_("Venue"), booking.room.venue.name),
                (_("Room"), booking.room.name),
                (_("Booking unit"), booking.org_unit.name),
                (pgettext("date and time", "From"), timezone.localtime(booking.starts_at).strftime("%Y-%m-%d %H:%M")),
                (pgettext("date and time", "Until"), timezone.localtime(booking.ends_at).strftime("%Y-%m-%d %H:%M")),
                (_("Purpose"), booking.purpose),
                (_("Contact person"), booking.contact),
                (_("Status"), booking.get_status_display()),
                (_("Booked for"), booking.source),
            ],
            held=bool(booking.source),
            can_change=context["can_change"] and not booking.source and booking.status == BookingStatus.BOOKED,
            cancel_url=self.crud.url("cancel", booking.pk),
        )
        return context


class BookingCancelPage(pages.ObjectActionPage):
    """POST with the version read: the booking is cancelled and its slot free again."""

    object_action = Action.CHANGE

    def act(self):
        version = pages.posted_version(self.request)
        if version is None:
            raise StaleRecord()
        services.booking_cancel(actor=self.request.user, booking_id=self.object.pk, version=version)

    def done_message(self):
        return _("The booking was cancelled; the room is free at that time again.")


# --- the room-function dictionary -----------------------------------------------------------


class RoomFunctionListPage(pages.ListPage):
    """Rows open the entry's form for the dictionary's editors; others read the list only."""

    def row_url(self, function):
        return self.crud.url("edit", function.pk) if can(self.request.user, Action.CHANGE, RoomFunction) else ""
