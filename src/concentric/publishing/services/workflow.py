"""The review of an item: draft → submitted → published, or returned with a comment → edited and
resubmitted; a published item may be withdrawn, with the reason.

A community worker (staff) or administrator of the item's unit submits it; a unit administrator
of the item's unit or of a unit above it (the community's or the subdistrict's) returns,
publishes and withdraws it; a leader reads. Every step is on the item's timeline (ItemEvent) and
in the audit log, in the same transaction; the featured members' path steps follow publishing.
The publish time is the moment of publishing: a time given earlier is refused (backdating)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concentric.core.auditing import audit_record
from concentric.core.policies import UNIT_ADMINS
from concentric.core.scoping import Action, user_scope
from concentric.core.services import StaleRecord, lock, lock_for_update
from concentric.publishing.choices import ItemStatus, Transition
from concentric.publishing.models import Item
from concentric.publishing.services.features import sync_evidence
from concentric.publishing.services.items import check_publish_time, record_event
from concentric.publishing.services.public import public_changed
from concentric.rollups.services import tallies

# transition -> (the statuses it leaves from, the status it reaches)
STEPS = {
    Transition.SUBMIT: ({ItemStatus.DRAFT}, ItemStatus.SUBMITTED),
    Transition.RESUBMIT: ({ItemStatus.RETURNED}, ItemStatus.SUBMITTED),
    Transition.RETURN: ({ItemStatus.SUBMITTED}, ItemStatus.RETURNED),
    Transition.PUBLISH: ({ItemStatus.SUBMITTED}, ItemStatus.PUBLISHED),
    Transition.WITHDRAW: ({ItemStatus.PUBLISHED}, ItemStatus.WITHDRAWN),
}
REVIEW = frozenset({Transition.RETURN, Transition.PUBLISH, Transition.WITHDRAW})


def may_review(user, item) -> bool:
    """A unit administrator over the item's unit (its own or a unit above)."""
    return user_scope(user).covers(UNIT_ADMINS, item.org_unit)


def may_submit(user, item) -> bool:
    return Item.objects.visible_to(user, Action.CHANGE).filter(pk=item.pk).exists()


def allowed_transitions(user, item) -> list[str]:
    """The steps ``user`` may take on ``item`` now (the item page's buttons)."""
    allowed = []
    for transition, (sources, _target) in STEPS.items():
        if item.status not in sources:
            continue
        may = may_review(user, item) if transition in REVIEW else may_submit(user, item)
        if may:
            allowed.append(transition)
    return allowed


def _lock(actor, item_id: int, version, transition: str) -> Item:
    if transition in REVIEW:
        item = lock(actor, Item, item_id, action=Action.VIEW)
        if not isinstance(version, int) or isinstance(version, bool) or item.version != version:
            raise StaleRecord()
        if not may_review(actor, item):
            raise PermissionDenied(_("Only an administrator of the item's unit or of a unit above it may do this."))
    else:
        item = lock_for_update(actor, Item, item_id, version=version)
    if item.status not in STEPS[transition][0]:
        raise ValidationError(
            _("This step is not possible for an item that is “%(status)s”.") % {"status": item.get_status_display()},
            code="wrong_status",
        )
    return item


def _move(actor, item, transition: str, comment: str = "") -> Item:
    before = item.status
    item.status = STEPS[transition][1]
    item.version += 1
    with tallies(item):  # published, it counts (on its publish day, in each column); withdrawn, no more
        item.save()
    record_event(item, transition, actor, comment)
    changes = {"status": [before, item.status]}
    if transition == Transition.PUBLISH:
        changes["published_at"] = [None, item.published_at.isoformat()]
    audit_record(actor=actor, action="update", obj=item, changes=changes, reason=comment)
    return item


@transaction.atomic
def item_submit(*, actor, item_id: int, version: int) -> Item:
    """Send a draft (or a returned item, edited) for review."""
    item = lock(actor, Item, item_id, action=Action.VIEW)
    transition = Transition.RESUBMIT if item.status == ItemStatus.RETURNED else Transition.SUBMIT
    item = _lock(actor, item_id, version, transition)
    if not item.columns.exists():
        raise ValidationError(_("Choose at least one column before submitting."))
    if not item.title.strip() or not item.body_text.strip():
        raise ValidationError(_("An item needs a title and a body before it is submitted."))
    return _move(actor, item, transition)


@transaction.atomic
def item_return(*, actor, item_id: int, version: int, comment: str) -> Item:
    """Send a submitted item back to its writers, saying what to change."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Say what should be changed before returning the item.")})
    item = _lock(actor, item_id, version, Transition.RETURN)
    return _move(actor, item, Transition.RETURN, comment[:500])


@transaction.atomic
def item_publish(*, actor, item_id: int, version: int, published_at=None, comment: str = "") -> Item:
    """Publish a submitted item now: its publish time is this moment (one given earlier is
    backdating, refused); its featured members get the publicity step on their path."""
    check_publish_time(published_at, publishing=True)
    item = _lock(actor, item_id, version, Transition.PUBLISH)
    today = timezone.localdate()
    closed = [column.name for column in item.columns.all() if not column.is_open_on(today)]
    if closed:
        raise ValidationError(
            _("The column “%(name)s” is not open for items now; choose another before publishing.")
            % {"name": closed[0]}
        )
    item.published_at, item.published_by = timezone.now(), actor
    item = _move(actor, item, Transition.PUBLISH, (comment or "").strip()[:500])
    sync_evidence(actor, item)
    public_changed()
    return item


@transaction.atomic
def item_withdraw(*, actor, item_id: int, version: int, comment: str) -> Item:
    """Take a published item down, with the reason; its members' publicity steps go with it.
    It keeps its publish time on record but no longer counts as published."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Give the reason for withdrawing the item.")})
    item = _lock(actor, item_id, version, Transition.WITHDRAW)
    item = _move(actor, item, Transition.WITHDRAW, comment[:500])
    sync_evidence(actor, item)
    public_changed()
    return item


TRANSITION_SERVICES = {
    Transition.SUBMIT: item_submit,
    Transition.RETURN: item_return,
    Transition.PUBLISH: item_publish,
    Transition.WITHDRAW: item_withdraw,
}
