"""Helpers of the donations area's tests: a member, a pairing project, donations through the services."""

from datetime import date
from decimal import Decimal

from concentric.activities.choices import DonationKind, DonorKind, RecipientKind
from concentric.activities.services.donations import donation_create
from concentric.activities.services.pairing import pairing_create
from concentric.people.models import Category
from concentric.people.services import person_create


def member(actor, unit, name="张捐赠"):
    return person_create(actor=actor, org_unit=unit, name=name, main_category=Category.objects.get(code="non-party"))


def project(actor, unit, name="恩施鹤峰结对帮扶"):
    return pairing_create(actor=actor, org_unit=unit, name=name, partner="恩施州鹤峰县", start_on=date(2020, 3, 1))


def money(actor, unit, amount, *, on=date(2026, 4, 1), **values):
    values.setdefault("donor_kind", DonorKind.ENTERPRISE)
    values.setdefault("donor_name", "湖滨商贸公司")
    values.setdefault("recipient_kind", RecipientKind.NAMED)
    values.setdefault("recipient_name", "鹤峰县走马镇中心小学")
    return donation_create(
        actor=actor, org_unit=unit, donated_on=on, kind=DonationKind.MONEY, amount=Decimal(amount), **values
    )


def goods(actor, unit, item, quantity, measure, *, on=date(2026, 4, 1), **values):
    values.setdefault("donor_kind", DonorKind.GROUP)
    values.setdefault("donor_name", "新联会")
    values.setdefault("recipient_kind", RecipientKind.NAMED)
    values.setdefault("recipient_name", "鹤峰县走马镇中心小学")
    return donation_create(
        actor=actor,
        org_unit=unit,
        donated_on=on,
        kind=DonationKind.GOODS,
        item=item,
        quantity=Decimal(quantity),
        quantity_unit=measure,
        **values,
    )
