"""Check-in by phone: the activity's page shows a QR code whose link carries a signed token
(the activity's id); whoever opens it gives a name and the phone's last four digits and is marked
attended, matched to a registered participant, else to a member of the organising unit's scope,
else recorded as a guest. Nothing in the answer tells which, nor anything about anybody."""

import hashlib
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone

from concentric.activities.choices import ActivityStatus, CheckInMethod, ParticipantRole
from concentric.activities.models import Activity, Participant
from concentric.activities.services.evidence import sync_evidence
from concentric.core import ratelimit
from concentric.core.auditing import audit_record
from concentric.core.crypto import normalise
from concentric.people.selectors import members_named_under
from concentric.rollups.services import tallies

SALT = "concentric.activities.check-in"
OPENS_BEFORE_START = timedelta(minutes=30)
ANONYMOUS = "anonymous"
# Attempts within WINDOW_SECONDS: per address (a person typing), per link (a crowd at one door).
WINDOW_SECONDS = 600
LIMIT_PER_ADDRESS = 20
LIMIT_PER_TOKEN = 600


class Outcome(StrEnum):
    CHECKED_IN = "checked_in"
    ALREADY = "already"
    AMBIGUOUS = "ambiguous"
    INVALID = "invalid"  # forged or malformed
    EXPIRED = "expired"
    NOT_OPEN = "not_open"  # before the activity starts, or cancelled
    LIMITED = "limited"


@dataclass(frozen=True)
class LinkState:
    outcome: Outcome | None  # None: the link is good now
    activity: Activity | None = None


def grace() -> timedelta:
    return timedelta(hours=settings.CHECK_IN_GRACE_HOURS)


def token_for(activity) -> str:
    return signing.dumps({"activity": activity.pk}, salt=SALT, compress=True)


class WindowState(StrEnum):
    NOT_YET = "not_yet"
    OPEN = "open"
    ENDED = "ended"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Window:
    """When check-in by phone opens and closes (the end plus the grace period), and where it stands."""

    opens_at: object
    closes_at: object
    state: WindowState


def window(activity, now=None) -> Window:
    now = now or timezone.now()
    opens_at, closes_at = activity.starts_at - OPENS_BEFORE_START, activity.ends_at + grace()
    if activity.status == ActivityStatus.CANCELLED:
        state = WindowState.CANCELLED
    elif now < opens_at:
        state = WindowState.NOT_YET
    elif now > closes_at:
        state = WindowState.ENDED
    else:
        state = WindowState.OPEN
    return Window(opens_at, closes_at, state)


def can_show_code(activity, now=None) -> bool:
    """A held activity, or a planned one about to start or running, until its link expires."""
    return window(activity, now).state == WindowState.OPEN


def read_link(token: str, now=None) -> LinkState:
    """What a check-in link stands for: its activity, or why it cannot be used."""
    try:
        data = signing.loads(token or "", salt=SALT)
        activity_id = int(data["activity"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return LinkState(Outcome.INVALID)
    activity = Activity.objects.select_related("type", "org_unit").filter(pk=activity_id).first()
    if activity is None:
        return LinkState(Outcome.INVALID)
    now = now or timezone.now()
    if now > activity.ends_at + grace():
        return LinkState(Outcome.EXPIRED, activity)
    if not can_show_code(activity, now):
        return LinkState(Outcome.NOT_OPEN, activity)
    return LinkState(None, activity)


def over_limit(token: str, address: str, activity=None) -> bool:
    """Count this attempt; whether the address or the link (its activity's, whichever code was
    scanned; else the text given) has had too many lately. Both are counted every time."""
    link = f"activity:{activity.pk}" if activity is not None else hashlib.sha256((token or "").encode()).hexdigest()
    over = [
        ratelimit.hit(f"checkin:ip:{address}", limit=LIMIT_PER_ADDRESS, window=WINDOW_SECONDS),
        ratelimit.hit(f"checkin:link:{link}", limit=LIMIT_PER_TOKEN, window=WINDOW_SECONDS),
    ]
    return any(over)


def last_four(value: str) -> str:
    digits = "".join(ch for ch in normalise(value or "") if ch.isdigit())
    return digits[-4:] if len(digits) >= 4 else ""


def _member_matches(person, digits: str) -> bool:
    return digits in {last_four(person.phone), last_four(person.phone2)} - {""}


def _find(activity, name: str, digits: str) -> tuple[list, list]:
    """(registered participants who match, members of the organising unit's scope who match)."""
    registered = []
    for participant in Participant.objects.filter(activity=activity).select_related("person"):
        if participant.person_id:
            if participant.person.name == name and _member_matches(participant.person, digits):
                registered.append(participant)
        elif participant.guest_name == name and last_four(participant.guest_phone) == digits:
            registered.append(participant)
    if registered:
        return registered, []
    members = [
        person for person in members_named_under(name=name, unit=activity.org_unit) if _member_matches(person, digits)
    ]
    return [], members


@transaction.atomic
def check_in(*, token: str, name: str, digits: str, address: str = "", now=None) -> Outcome:
    """Mark the person attended at the link's activity; a second check-in changes nothing."""
    state = read_link(token, now)
    if state.outcome is not None:
        return state.outcome
    activity = Activity.objects.select_for_update().select_related("type").get(pk=state.activity.pk)
    registered, members = _find(activity, name, digits)
    if len(registered) > 1 or len(members) > 1:
        return Outcome.AMBIGUOUS
    participant = registered[0] if registered else None
    if participant is None and members:
        participant = Participant(activity=activity, person=members[0], role=_role_for(activity))
    elif participant is None:
        participant = Participant(activity=activity, guest_name=name, guest_phone=digits, role=_role_for(activity))
    if participant.attended:
        return Outcome.ALREADY
    created = participant.pk is None
    if not created:
        participant.version += 1
    participant.attended = True
    participant.checked_in_at = now or timezone.now()
    participant.check_in_method = CheckInMethod.PHONE
    participant.full_clean()
    with tallies(*([] if created else [participant])) as tracked:
        participant.save()
        tracked.add(participant)
    sync_evidence(None, participant)
    audit_record(
        actor=None,
        actor_name=ANONYMOUS,
        action="check_in",
        object_type="activities.activity",
        object_id=str(activity.pk),
        object_repr=activity.title,
        org_unit_id=activity.org_unit_id,
        changes={
            "participant": [None, participant.pk],
            "registered": [None, not created],
            "member": [None, bool(participant.person_id)],
        },
    )
    return Outcome.CHECKED_IN


def _role_for(activity) -> str:
    return ParticipantRole.VOLUNTEER if activity.type.is_volunteering else ParticipantRole.PARTICIPANT
