"""The measures of activities, volunteer service and donations (core.measures).

They count what the activities' own selectors count, so a figure reads the same on every page:
held activities by the local day they start, in their organising unit (co-organisers see a
shared activity but do not count it: one activity counts once); their attendees (person-times);
volunteer service as ``selectors_volunteering`` counts it (sessions: held activities of a
volunteer service type; person-times and hours: the approved entries in force at them); and
donations on the day they were made, money in yuan and goods per item and unit of measure.
"""

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from concentric.activities.choices import ActivityStatus, DonationKind, HoursStatus
from concentric.activities.models import ActivityType
from concentric.core.measures import KEY_SEPARATOR, Measure, Part

TYPE = "activities.ActivityType"
ACTIVITY = "activities.Activity"
PARTICIPANT = "activities.Participant"
HOURS = "activities.VolunteerHours"
DONATION = "activities.Donation"

HELD = Q(status=ActivityStatus.HELD)
# The entries of volunteer hours that count (selectors_volunteering.counted_hours).
COUNTED_HOURS = Q(
    status=HoursStatus.APPROVED,
    is_current=True,
    participant__activity__status=ActivityStatus.HELD,
    participant__activity__type__is_volunteering=True,
)
# An entry's day, unit and whether it counts follow its participant, activity and type.
HOURS_MOVED_BY = (
    (PARTICIPANT, "participant"),
    (ACTIVITY, "participant__activity"),
    (TYPE, "participant__activity__type"),
)


def type_names(keys: list[str]) -> dict[str, str]:
    ids = [int(key) for key in keys if key.isdigit()]
    return {str(pk): name for pk, name in ActivityType.objects.filter(pk__in=ids).values_list("pk", "name")}


def goods_names(keys: list[str]) -> dict[str, str]:
    """ "口罩（只）": the item and its unit of measure."""
    names = {}
    for key in keys:
        item, _separator, unit = key.partition(KEY_SEPARATOR)
        names[key] = _("%(item)s (%(unit)s)") % {"item": item, "unit": unit} if unit else item
    return names


ACTIVITIES_HELD = Measure(
    key="activities_held",
    label=gettext_lazy("Activities held"),
    unit_label=pgettext_lazy("unit of a figure", "activities"),
    key_label=gettext_lazy("activity type"),
    key_names=type_names,
    parts=(Part(ACTIVITY, day="starts_at", key=("type",), where=HELD),),
    order=20,
)

# Person-times: the participants who attended a held activity (members and guests alike).
PARTICIPATION = Measure(
    key="participation",
    label=gettext_lazy("Participation"),
    unit_label=pgettext_lazy("unit of a figure", "person-times"),
    parts=(
        Part(
            PARTICIPANT,
            day="activity__starts_at",
            unit="activity__org_unit",
            where=Q(attended=True, activity__status=ActivityStatus.HELD),
            moved_by=((ACTIVITY, "activity"),),
        ),
    ),
    order=21,
)

VOLUNTEER_SESSIONS = Measure(
    key="volunteer_sessions",
    label=gettext_lazy("Volunteer service sessions"),
    unit_label=pgettext_lazy("unit of a figure", "sessions"),
    parts=(
        Part(
            ACTIVITY,
            day="starts_at",
            where=HELD & Q(type__is_volunteering=True),
            moved_by=((TYPE, "type"),),
        ),
    ),
    order=30,
)

VOLUNTEER_PERSON_TIMES = Measure(
    key="volunteer_person_times",
    label=gettext_lazy("Volunteer service person-times"),
    unit_label=pgettext_lazy("unit of a figure", "person-times"),
    parts=(
        Part(
            HOURS,
            day="participant__activity__starts_at",
            unit="participant__activity__org_unit",
            where=COUNTED_HOURS,
            moved_by=HOURS_MOVED_BY,
        ),
    ),
    order=31,
)

VOLUNTEER_HOURS = Measure(
    key="volunteer_hours",
    label=gettext_lazy("Volunteer service hours"),
    unit_label=pgettext_lazy("unit of a figure", "hours"),
    decimals=1,
    parts=(
        Part(
            HOURS,
            day="participant__activity__starts_at",
            unit="participant__activity__org_unit",
            value="hours",
            where=COUNTED_HOURS,
            moved_by=HOURS_MOVED_BY,
        ),
    ),
    order=32,
)

DONATIONS_MONEY = Measure(
    key="donations_money",
    label=gettext_lazy("Donations of money"),
    unit_label=pgettext_lazy("unit of a figure", "yuan"),
    decimals=2,
    parts=(Part(DONATION, day="donated_on", value="amount", where=Q(kind=DonationKind.MONEY)),),
    order=40,
)

# Goods are never added across items or units of measure: the key is both (口罩 + 只).
DONATIONS_GOODS = Measure(
    key="donations_goods",
    label=gettext_lazy("Donations of goods"),
    decimals=2,
    key_label=gettext_lazy("item and unit of measure"),
    key_names=goods_names,
    parts=(
        Part(
            DONATION,
            day="donated_on",
            key=("item", "quantity_unit"),
            value="quantity",
            where=Q(kind=DonationKind.GOODS),
        ),
    ),
    order=41,
)

ALL = (
    ACTIVITIES_HELD,
    PARTICIPATION,
    VOLUNTEER_SESSIONS,
    VOLUNTEER_PERSON_TIMES,
    VOLUNTEER_HOURS,
    DONATIONS_MONEY,
    DONATIONS_GOODS,
)
