"""The columns of the volunteer hours list and the certificates list, for the page and the export."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concentric.core.kit.tables import Column, Table


def _who(entry) -> str:
    return str(entry.participant)


def _activity_date(entry):
    return timezone.localdate(entry.participant.activity.starts_at)


def _state(entry) -> str:
    if not entry.is_current:
        return _("Replaced by a correction")
    return entry.get_status_display()


class HoursTable(Table):
    who = Column(_("Volunteer"), _who, width=12, nowrap=True)
    activity = Column(_("Activity name"), "participant.activity.title", width=30)
    date = Column(_("Date"), _activity_date, width=12, nowrap=True)
    unit = Column(_("Organising unit"), "participant.activity.org_unit.name", width=16)
    hours = Column(_("Hours"), "hours", width=8, nowrap=True)
    status = Column(_("Status"), _state, width=12, nowrap=True)
    note = Column(_("Note"), "note", width=24)
    recorded_by = Column(_("Recorded by"), "recorded_by.full_name", width=12)
    approved_by = Column(_("Approved by"), "approved_by.full_name", width=12)
    page = ("who", "activity", "date", "unit", "hours", "status")


def _state_of_certificate(certificate) -> str:
    return _("Revoked") if certificate.revoked_at else _("Valid")


class CertificateTable(Table):
    number = Column(_("Number"), "number", width=22, nowrap=True)
    person = Column(_("Member"), "person.name", width=12, nowrap=True)
    period_start = Column(_("From"), "period_start", width=12, nowrap=True)
    period_end = Column(_("Until"), "period_end", width=12, nowrap=True)
    total_hours = Column(_("Total hours"), "total_hours", width=10, nowrap=True)
    unit = Column(_("Issuing unit"), "org_unit.name", width=16)
    issued_at = Column(_("Issued at"), "issued_at", width=18, nowrap=True)
    state = Column(_("Status"), _state_of_certificate, width=10, nowrap=True)
