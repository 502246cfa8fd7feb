"""Duplicates: the same ID number is refused; a suspected duplicate is queued for review."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from concentric.core.auditing import audit_record
from concentric.core.scoping import Action
from concentric.core.services import lock
from concentric.people.models import DuplicateCase, DuplicateReason, DuplicateStatus, Person


def detail_path(person: Person) -> str:
    """The record's page, or "" while the people pages are not routed."""
    try:
        return reverse("people:detail", args=[person.pk])
    except NoReverseMatch:
        return ""


def refuse_hard_duplicate(actor, person: Person) -> None:
    """Refuse a document number another record (in any unit) already has; name the existing
    record and link to it only when the actor may see it."""
    if not person.id_number:
        return
    digest = Person._meta.get_field("id_number_index").digest(person.id_number)
    existing = Person.objects.filter(id_number_index=digest).exclude(pk=person.pk).select_related("org_unit").first()
    if existing is None:
        return
    if not Person.objects.visible_to(actor).filter(pk=existing.pk).exists():
        message = _(
            "A record with this document number already exists in a unit outside yours. "
            "Ask the unit that keeps it, or your superior unit, to transfer it."
        )
    else:
        params = {"name": existing.name, "unit": existing.org_unit.name, "url": detail_path(existing)}
        if params["url"]:
            message = (
                _("A record with this document number already exists: %(name)s, %(unit)s. Open it: %(url)s") % params
            )
        else:
            message = _("A record with this document number already exists: %(name)s, %(unit)s.") % params
    raise ValidationError({"id_number": message}, code="duplicate")


def queue_suspected_duplicates(person: Person) -> list[DuplicateCase]:
    """Open a case for each other record with the same name and birth date, or the same name
    and a shared phone. Existing cases (open, dismissed or merged) are left as they are."""
    reasons = {}
    others = Person.objects.exclude(pk=person.pk).filter(name=person.name)
    if person.birth_date:
        for pk in others.filter(birth_date=person.birth_date).values_list("pk", flat=True):
            reasons.setdefault(pk, DuplicateReason.NAME_BIRTH)
    digests = [d for d in (person.phone_index, person.phone2_index) if d]
    if digests:
        shared_phone = Q(phone_index__in=digests) | Q(phone2_index__in=digests)
        for pk in others.filter(shared_phone).values_list("pk", flat=True):
            reasons.setdefault(pk, DuplicateReason.NAME_PHONE)
    created = []
    for other_pk, reason in sorted(reasons.items()):
        a, b = sorted((person.pk, other_pk))
        case, was_created = DuplicateCase.objects.get_or_create(
            person_a_id=a, person_b_id=b, defaults={"reason": reason}
        )
        if was_created:
            created.append(case)
    return created


@transaction.atomic
def duplicate_dismiss(*, actor, case_id: int, reason: str = "") -> DuplicateCase:
    """Mark a suspected duplicate as two different people; the actor must be able to change both."""
    case = lock(actor, DuplicateCase, case_id, action=Action.CHANGE)
    lock(actor, Person, case.person_b_id, action=Action.CHANGE)
    if case.status != DuplicateStatus.OPEN:
        raise ValidationError(_("This case has already been resolved."))
    case.status = DuplicateStatus.DISMISSED
    case.resolved_by = actor
    case.resolved_at = timezone.now()
    case.save(update_fields=["status", "resolved_by", "resolved_at"])
    audit_record(
        actor=actor,
        action="duplicate.dismiss",
        obj=case,
        changes={"status": ["open", "dismissed"]},
        reason=reason.strip(),
    )
    return case
