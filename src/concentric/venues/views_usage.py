"""Room use in a period: the figures per venue, room and function, and their export."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from concentric.core.export import FORMATS, export_response
from concentric.core.forms import BootstrapForm
from concentric.core.kit import pages
from concentric.core.kit.tables import Column
from concentric.core.scoping import Action, can
from concentric.venues import calendar
from concentric.venues.models import Booking
from concentric.venues.statistics import bookings_in_period, room_usage


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
            # Rooms have the longest names: their table takes the whole width, below the other two.
            groups=[
                (_("Per venue"), usage.venues, "usage-venues", "col-12 col-lg-6"),
                (_("Per function"), usage.functions, "usage-functions", "col-12 col-lg-6"),
                (_("Per room"), usage.rooms, "usage-rooms", "col-12"),
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
            title=_("Room use"),
            reason=f"room use: {period[0].isoformat()}..{period[1].isoformat()}",
            rows=rows,
        )

    def back(self):
        return self.crud.url("usage")
