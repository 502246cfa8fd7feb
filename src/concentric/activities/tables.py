"""The columns of the activity list and its export, and of the activity-type dictionary."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from concentric.core.kit.tables import Column, Table


def place_of(activity) -> str:
    """Where it takes place: the venue's room, the venue, or the free address."""
    if activity.room_id:
        return f"{activity.venue.name} · {activity.room.name}" if activity.venue_id else activity.room.name
    if activity.venue_id:
        return activity.venue.name
    return activity.address


def time_of(activity) -> str:
    start, end = timezone.localtime(activity.starts_at), timezone.localtime(activity.ends_at)
    tail = end.strftime("%H:%M") if end.date() == start.date() else end.strftime("%Y-%m-%d %H:%M")
    return f"{start:%Y-%m-%d %H:%M}–{tail}"


def co_units_of(activity) -> str:
    return "、".join(unit.name for unit in activity.co_units.all())


class ActivityTable(Table):
    title = Column(_("Title"), "title", width=30)
    type = Column(_("Type"), "type.name", width=12, nowrap=True)
    unit = Column(_("Organising unit"), "org_unit.name", width=20)
    co_units = Column(_("Co-organising units"), co_units_of, width=24)
    time = Column(_("Time"), time_of, width=24, nowrap=True)
    place = Column(_("Place"), place_of, width=24)
    status = Column(_("Status"), "get_status_display", width=8, nowrap=True)
    participant_count = Column(_("Participants"), "participant_count", width=8)

    page = ("title", "type", "unit", "time", "place", "status", "participant_count")
    export = ("title", "type", "unit", "co_units", "time", "place", "status", "participant_count")


class ActivityTypeTable(Table):
    name = Column(_("Name"), "name")
    path_evidence = Column(_("On the member's path"), "get_path_evidence_display")
    is_volunteering = Column(_("Volunteer service"), "is_volunteering")
    sort = Column(_("Order"), "sort")
    is_active = Column(_("In use"), "is_active")


def participant_name(participant) -> str:
    return participant.person.name if participant.person_id else participant.guest_name


class ParticipantTable(Table):
    """The participants' export: guests' phones masked like on the pages."""

    activity = Column(_("Activity title"), "activity.title", width=30)
    date = Column(_("Date"), lambda participant: timezone.localdate(participant.activity.starts_at), width=12)
    name = Column(pgettext_lazy("person", "Name"), participant_name, width=12)
    unit = Column(_("Member's unit"), "person.org_unit.name", width=20)
    guest_phone = Column(_("Guest's phone"), "guest_phone", width=14, mask="phone")
    role = Column(_("Role"), "get_role_display", width=10)
    attended = Column(_("Attended"), "attended", width=8)
    check_in_method = Column(_("Check-in"), "get_check_in_method_display", width=10)
