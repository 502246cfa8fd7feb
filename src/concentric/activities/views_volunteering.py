"""The pages of volunteer service that the kit's standard pages do not give: an activity's
check-in code and hours, the actions on hours, the totals, a certificate's PDF and revoking."""

import qrcode
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from qrcode.image.svg import SvgPathImage

from concentric.activities.choices import HoursStatus
from concentric.activities.crud_volunteering import HoursCrud
from concentric.activities.filtersets_volunteering import TotalsFilterSet
from concentric.activities.models import Activity, Participant, VolunteerHours
from concentric.activities.selectors_volunteering import counted_hours, totals, totals_by_person, totals_by_unit
from concentric.activities.services import checkin
from concentric.activities.services.certificate_pdf import certificate_pdf
from concentric.activities.services.certificates import certificate_revoke
from concentric.activities.services.hours import (
    hours_approve,
    hours_correct,
    hours_delete,
    hours_record,
    hours_record_attendees,
)
from concentric.core.export import FORMATS, export_response
from concentric.core.forms import ALL, bootstrap
from concentric.core.kit.filters import bind_filters, describe_filters
from concentric.core.kit.pages import ObjectActionPage, ObjectPage, Page, export_refused
from concentric.core.kit.tables import Column
from concentric.core.scoping import Action, can


def qr_svg(data: str) -> str:
    """``data`` as an inline SVG QR code, drawn here (a path of the dark modules, no text)."""
    svg = qrcode.make(data, image_factory=SvgPathImage, border=2).to_string(encoding="unicode")
    return mark_safe(svg)  # nosec B308 B703  # qrcode's own markup: one path of the modules, no text


def activity_url(activity) -> str:
    """The activity's own page (the activities' pages), else its hours page."""
    try:
        return activity.get_absolute_url()
    except NoReverseMatch:
        return reverse("volunteering:activity_hours", args=[activity.pk])


def _activity_crumbs(activity, label: str) -> list[dict]:
    """An activity's page of its own (its hours, its check-in code) sits below the activity."""
    return [
        {"label": _("Activities"), "url": reverse("activities:list")},
        {"label": activity.title, "url": activity_url(activity)},
        {"label": label, "url": ""},
    ]


# --- check-in code ----------------------------------------------------------------------------


class CheckInCodePage(ObjectPage, TemplateView):
    """The QR code of the activity's check-in link, shown while check-in is open."""

    access = "detail"
    template_name = "activities/volunteering/checkin_code.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        activity = self.object
        check_in_window = checkin.window(activity)
        open_now = check_in_window.state == checkin.WindowState.OPEN
        link = ""
        if open_now:
            link = self.request.build_absolute_uri(
                reverse("volunteering:check_in") + "?t=" + checkin.token_for(activity)
            )
        context.update(
            title=_("Check-in code"),
            breadcrumbs=_activity_crumbs(activity, _("Check-in code")),
            open_now=open_now,
            link=link,
            qr_code=qr_svg(link) if link else "",
            window=check_in_window,
            grace_hours=settings.CHECK_IN_GRACE_HOURS,
            attended=Participant.objects.filter(activity=activity, attended=True).count(),
        )
        return context


# --- an activity's hours ----------------------------------------------------------------------


class ActivityHoursPage(ObjectPage, TemplateView):
    """Every participant with the entries of hours and what the user may do with them."""

    access = "detail"
    template_name = "activities/volunteering/activity_hours.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        activity, user = self.object, self.request.user
        entries = {}
        for entry in VolunteerHours.objects.filter(participant__activity=activity).order_by("id"):
            entries.setdefault(entry.participant_id, []).append(entry)
        participants = Participant.objects.filter(activity=activity).select_related("person").order_by("id")
        unit = activity.org_unit
        context.update(
            title=_("Volunteer hours: %(activity)s") % {"activity": activity.title},
            breadcrumbs=_activity_crumbs(activity, _("Volunteer hours")),
            activity=activity,
            rows=[(participant, entries.get(participant.pk, [])) for participant in participants],
            can_record=can(user, Action.ADD, VolunteerHours, unit),
            can_approve=can(user, Action.CHANGE, VolunteerHours, unit),
            can_check_in=can(user, Action.CHANGE, Activity, unit),
            approved=HoursStatus.APPROVED,
        )
        return context


class _ActivityHoursAction(ObjectActionPage):
    """A POST on an activity's hours page that returns to it."""

    object_action = Action.ADD

    def return_url(self) -> str:
        return reverse("volunteering:activity_hours", args=[self.object.pk])

    refused_url = return_url


class HoursRecordPage(_ActivityHoursAction):
    def act(self):
        post = self.request.POST
        participant = Participant.objects.filter(activity=self.object, pk=_int(post.get("participant"))).first()
        if participant is None:
            raise ValidationError(_("Choose a participant of this activity."))
        hours_record(
            actor=self.request.user,
            participant_id=participant.pk,
            hours=post.get("hours", ""),
            note=post.get("note", ""),
        )

    def done_message(self):
        return _("The hours were recorded and await approval.")


class HoursRecordAllPage(_ActivityHoursAction):
    def act(self):
        post = self.request.POST
        self.made = hours_record_attendees(
            actor=self.request.user, activity_id=self.object.pk, hours=post.get("hours", ""), note=post.get("note", "")
        )

    def done_message(self):
        return _("Hours were recorded for %(count)s attendees and await approval.") % {"count": self.made}


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class _EntryAction(ObjectActionPage):
    """A POST on one entry of hours, back to its activity's hours page."""

    def return_url(self) -> str:
        return HoursCrud.object_url(self.object)

    refused_url = return_url


class HoursApprovePage(_EntryAction):
    object_action = Action.CHANGE

    def act(self):
        hours_approve(actor=self.request.user, hours_id=self.object.pk)

    def done_message(self):
        return _("The hours were approved.")


class HoursCorrectPage(_EntryAction):
    object_action = Action.ADD

    def act(self):
        post = self.request.POST
        hours_correct(
            actor=self.request.user, hours_id=self.object.pk, hours=post.get("hours", ""), note=post.get("note", "")
        )

    def done_message(self):
        return _("The correction was recorded and awaits approval; the approved hours count until then.")


class HoursDeletePage(_EntryAction):
    object_action = Action.DELETE

    def act(self):
        hours_delete(actor=self.request.user, hours_id=self.object.pk)

    def done_message(self):
        return _("The entry was removed.")


# --- totals -----------------------------------------------------------------------------------


class TotalsPage(Page, TemplateView):
    """Sessions, person-times and hours per unit or member over a period, in the user's scope."""

    access = "aggregate"
    template_name = "activities/volunteering/totals.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset, values = totals_filters(self.request)
        bootstrap(filterset.form, empty_label=ALL)
        query = self.request.GET.copy()
        context.update(
            title=_("Volunteer service totals"),
            breadcrumbs=[{"label": _("Volunteer service totals"), "url": ""}],
            filterset=filterset,
            filter_errors=values is None,
            by=(values or {}).get("by") or "unit",
            query=query.urlencode(),
            export_url=reverse("volunteering:totals_export")
            if can(self.request.user, Action.EXPORT, VolunteerHours)
            else "",
        )
        if values is not None:
            context["summary"] = totals(self.request.user, **_period(values))
            context["rows"] = totals_rows(self.request.user, values)
        return context


def totals_filters(request):
    """(the bound FilterSet, its cleaned values or None when a value is invalid)."""
    filterset = bind_filters(TotalsFilterSet, request.GET, VolunteerHours.objects.none(), request)
    return filterset, (filterset.form.cleaned_data if filterset.is_valid() else None)


def _period(values) -> dict:
    return {"start": values.get("start"), "end": values.get("end"), "unit": values.get("unit")}


def totals_rows(user, values) -> list:
    if (values.get("by") or "unit") == "person":
        return totals_by_person(user, **_period(values))
    return totals_by_unit(user, **_period(values))


TOTAL_COLUMNS = {
    "unit": [Column(_("Unit"), "unit_name", width=20)],
    "person": [Column(_("Member"), "name", width=12), Column(_("Unit"), "unit_name", width=20)],
}


class TotalsExportPage(Page):
    """The totals as a file: figures, not records (``aggregate``), exported with the right to export."""

    access = "aggregate"
    model = VolunteerHours
    object_action = Action.EXPORT

    def get(self, request, *args, **kwargs):
        back = reverse("volunteering:totals")
        fmt = request.GET.get("format", "csv")
        if fmt not in FORMATS:
            return export_refused(request, {_("Format"): [_("Unknown export format.")]}, back=back)
        filterset, values = totals_filters(request)
        if values is None:
            labelled = {
                str(filterset.form.fields[name].label): errors for name, errors in filterset.form.errors.items()
            }
            return export_refused(request, labelled, back=back)
        by = values.get("by") or "unit"
        columns = [*TOTAL_COLUMNS[by]]
        if by == "unit":
            columns.append(Column(_("Sessions"), "sessions", width=8))
        columns += [Column(_("Person-times"), "person_times", width=10), Column(_("Hours"), "hours", width=10)]
        rows = [[column.read(row) for column in columns] for row in totals_rows(request.user, values)]
        return export_response(
            actor=request.user,
            queryset=counted_hours(request.user, **_period(values), action=Action.EXPORT).order_by("id"),
            rows=rows,
            columns=columns,
            fmt=fmt,
            title=_("Volunteer service totals"),
            reason=describe_filters(filterset),
        )


# --- certificates -----------------------------------------------------------------------------


class CertificatePdfPage(ObjectPage):
    access = "detail"

    def get(self, request, *args, **kwargs):
        response = HttpResponse(certificate_pdf(self.object), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{self.object.number}.pdf"'
        return response


class CertificateRevokePage(ObjectActionPage):
    object_action = Action.CHANGE

    def act(self):
        certificate_revoke(
            actor=self.request.user, certificate_id=self.object.pk, reason=self.request.POST.get("reason", "")
        )

    def done_message(self):
        return _("The certificate was revoked.")
