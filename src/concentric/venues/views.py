"""The venues pages that differ from the kit's: the venue's and room's pages with their
calendars, a venue's calendar, a booking's page and its cancellation, the dictionary's list, and
the use statistics with their export."""

from datetime import date, timedelta

from django import forms
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from concentric.core.export import FORMATS, export_response
from concentric.core.forms import BootstrapForm
from concentric.core.kit import pages
from concentric.core.kit.tables import Column
from concentric.core.scoping import Action, can
from concentric.core.services import StaleRecord
from concentric.venues import calendar, services
from concentric.venues.choices import BookingStatus
from concentric.venues.models import Booking, Room, RoomFunction
from concentric.venues.selectors import room_bookings, rooms_visible
from concentric.venues.statistics import bookings_in_period, room_usage

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
                (_("From"), timezone.localtime(booking.starts_at).strftime("%Y-%m-%d %H:%M")),
                (_("Until"), timezone.localtime(booking.ends_at).strftime("%Y-%m-%d %H:%M")),
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


# --- statistics -----------------------------------------------------------------------------


class UsageForm(BootstrapForm):
    date_from = forms.DateField(
        label=gettext_lazy("From date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    date_to = forms.DateField(
        label=gettext_lazy("To date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end:
            if end < start:
                self.add_error("date_to", _("The end of the period is before its start."))
            elif (end - start).days > 3660:
                self.add_error("date_to", _("Choose a period of at most ten years."))
        return cleaned


def this_month() -> dict:
    today = timezone.localdate()
    return {"date_from": today.replace(day=1), "date_to": calendar.add_months(today, 1) - timedelta(days=1)}


class UsageMixin:
    def usage_form(self):
        data = self.request.GET if {"date_from", "date_to"} & set(self.request.GET) else None
        return UsageForm(data, initial=this_month())

    def period(self, form):
        if form.is_bound:
            return (form.cleaned_data["date_from"], form.cleaned_data["date_to"]) if form.is_valid() else None
        initial = this_month()
        return initial["date_from"], initial["date_to"]


class UsagePage(UsageMixin, pages.Page, TemplateView):
    """Bookings and hours booked per venue, room and function in a period, in the user's scope."""

    access = "aggregate"
    template_name = "venues/usage.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.usage_form()
        period = self.period(form)
        title = _("Room use")
        usage = room_usage(self.request.user, *period) if period else None
        context.update(
            title=title,
            breadcrumbs=[*self.crud.list_crumbs(), {"label": title, "url": ""}],
            form=form,
            usage=usage,
            groups=[
                (_("Per venue"), usage.venues, "usage-venues"),
                (_("Per room"), usage.rooms, "usage-rooms"),
                (_("Per function"), usage.functions, "usage-functions"),
            ]
            if usage
            else [],
            query=self.request.GET.urlencode(),
            can_export=can(self.request.user, Action.EXPORT, Booking),
        )
        return context


USAGE_COLUMNS = [
    Column(gettext_lazy("Grouped by"), None, width=10),
    Column(gettext_lazy("Name"), None, width=30),
    Column(gettext_lazy("Unit"), None, width=20),
    Column(gettext_lazy("Bookings"), None, width=10),
    Column(gettext_lazy("Hours booked"), None, width=12),
]


class UsageExportPage(UsageMixin, pages.Page):
    """The room-use figures as csv or xlsx; audited like every export."""

    access = "aggregate"
    object_action = Action.EXPORT

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("format", "csv")
        if fmt not in FORMATS:
            return pages.export_refused(request, {_("Format"): [_("Unknown export format.")]}, back=self.back())
        form = self.usage_form()
        period = self.period(form)
        if period is None:
            errors = {
                str(form.fields[name].label) if name in form.fields else "": list(messages)
                for name, messages in form.errors.items()
            }
            return pages.export_refused(request, errors, back=self.back())
        usage = room_usage(request.user, *period)
        groups = ((_("Venue"), usage.venues), (_("Room"), usage.rooms), (_("Function"), usage.functions))
        rows = [[group, row.label, row.unit, row.bookings, row.hours] for group, found in groups for row in found]
        rows.append([_("Total"), "", "", usage.total.bookings, usage.total.hours])
        return export_response(
            actor=request.user,
            queryset=bookings_in_period(request.user, *period),
            columns=USAGE_COLUMNS,
            fmt=fmt,
            basename="room-use",
            title=_("Room use"),
            reason=f"room use: {period[0].isoformat()}..{period[1].isoformat()}",
            rows=rows,
        )

    def back(self):
        return self.crud.url("usage")
