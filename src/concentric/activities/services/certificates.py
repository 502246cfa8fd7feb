"""志愿服务记录证明: issued by a unit (谁记录谁证明: the hours its own subtree recorded and
approved) for one member and a period, with the lines kept as issued and a number nobody can
guess; revoking is recorded, never deleted. Both are audited."""

import secrets
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from concentric.activities.models import Certificate
from concentric.activities.selectors_volunteering import certificate_lines
from concentric.core.auditing import audit_record
from concentric.core.scoping import Action
from concentric.core.services import lock, require
from concentric.people.selectors import person_get

NUMBER_PREFIX = "ZYFW"


def new_number(issued_on) -> str:
    """ZYFW-2026-7K3Q9X2M4P: the year and ten random letters and digits (not enumerable)."""
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    return f"{NUMBER_PREFIX}-{issued_on.year}-{''.join(secrets.choice(alphabet) for _ in range(10))}"


@transaction.atomic
def certificate_issue(*, actor, person_id: int, org_unit, period_start, period_end) -> Certificate:
    require(actor, Action.ADD, Certificate, org_unit)
    if period_start is None or period_end is None or period_end < period_start:
        raise ValidationError({"period_end": _("The period must end on or after the day it starts.")})
    if period_end > timezone.localdate():
        raise ValidationError(
            {"period_end": _("A certificate covers hours already served: the period cannot end in the future.")}
        )
    person = person_get(user=actor, pk=person_id)
    lines = certificate_lines(actor, person_id=person.pk, unit=org_unit, start=period_start, end=period_end)
    if not lines:
        raise ValidationError(
            _("%(name)s has no approved volunteer hours recorded by this unit in this period.") % {"name": person.name}
        )
    certificate = Certificate(
        org_unit=org_unit,
        person=person,
        period_start=period_start,
        period_end=period_end,
        total_hours=sum((Decimal(line["hours"]) for line in lines), Decimal("0")),
        lines=lines,
        issued_by=actor,
    )
    for _attempt in range(5):
        certificate.number = new_number(timezone.localdate())
        try:
            with transaction.atomic():
                certificate.full_clean(exclude=["revoked_by"])  # set by revoking, not issuing
                certificate.save()
            break
        except (IntegrityError, ValidationError) as error:
            if isinstance(error, ValidationError) and "number" not in getattr(error, "error_dict", {}):
                raise
    else:
        raise ValidationError(_("No free certificate number was found; try again."))
    audit_record(
        actor=actor,
        action="issue",
        obj=certificate,
        org_unit_id=org_unit.pk,
        changes={
            "person": [None, person.pk],
            "period": [None, f"{period_start}..{period_end}"],
            "total_hours": [None, str(certificate.total_hours)],
        },
    )
    return certificate


@transaction.atomic
def certificate_revoke(*, actor, certificate_id: int, reason: str) -> Certificate:
    certificate = lock(actor, Certificate, certificate_id, action=Action.CHANGE)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the certificate is revoked.")})
    if certificate.revoked_at is not None:
        raise ValidationError(_("This certificate was revoked already."))
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = actor
    certificate.revoke_reason = reason[:200]
    certificate.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    audit_record(
        actor=actor,
        action="revoke",
        obj=certificate,
        org_unit_id=certificate.org_unit_id,
        changes={"revoked": [False, True]},
        reason=certificate.revoke_reason,
    )
    return certificate


def certificate_find(number: str) -> Certificate | None:
    """The certificate with this number, for the public check (no scope: the number is the key)."""
    text = (number or "").strip().upper()
    if not text or len(text) > 30:
        return None
    return Certificate.objects.filter(number=text).select_related("person", "org_unit").first()


def certificate_get(*, actor, certificate_id: int) -> Certificate:
    found = (
        Certificate.objects.visible_to(actor, Action.VIEW)
        .select_related("person", "org_unit")
        .filter(pk=certificate_id)
        .first()
    )
    if found is None:
        raise Http404
    return found
