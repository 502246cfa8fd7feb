"""Donation and pairing project services: scope, the kinds' fields, exact figures, versions,
no-op writes, audit, and refused input that changes nothing."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from concentric.activities.choices import DonationKind, DonorKind, RecipientKind
from concentric.activities.models import Donation, PairingProject
from concentric.activities.services.donations import donation_create, donation_delete, donation_update
from concentric.activities.services.pairing import pairing_delete, pairing_update
from concentric.activities.tests.donation_helpers import goods, member, money, project
from concentric.audit.models import AuditEvent
from concentric.core.services import StaleRecord

pytestmark = pytest.mark.django_db


def test_a_member_donation_to_a_project_is_recorded_and_audited(users, tree):
    actor = users["c1_staff"]
    person = member(actor, tree["C1"])
    pairing = project(actor, tree["C1"])
    donation = donation_create(
        actor=actor,
        org_unit=tree["C1"],
        donated_on=date(2026, 5, 1),
        donor_kind=DonorKind.MEMBER,
        donor_person=person,
        donor_name="ignored for a member",
        recipient_kind=RecipientKind.PAIRING,
        pairing=pairing,
        recipient_name="ignored for a project",
        kind=DonationKind.MONEY,
        amount="50,000.00",
        item="ignored for money",
    )
    donation.refresh_from_db()
    assert donation.amount == Decimal("50000.00")
    assert (donation.donor_name, donation.recipient_name, donation.item, donation.quantity) == ("", "", "", None)
    event = AuditEvent.objects.get(action="create", object_type="activities.donation", object_id=str(donation.pk))
    assert event.changes["amount"] == [None, "50000.00"]
    assert str(donation) == f"2026-05-01 张捐赠 → {pairing.name}"


def test_goods_keep_no_amount_and_need_item_quantity_and_unit(users, tree):
    actor = users["c1_staff"]
    masks = goods(actor, tree["C1"], "口罩", "5000", "只", amount=Decimal(9))
    assert (masks.amount, masks.quantity, masks.quantity_unit) == (None, Decimal("5000.00"), "只")
    with pytest.raises(ValidationError) as refused:
        donation_create(
            actor=actor,
            org_unit=tree["C1"],
            donated_on=date(2026, 5, 1),
            donor_kind=DonorKind.GROUP,
            donor_name="新联会",
            recipient_kind=RecipientKind.NAMED,
            recipient_name="小学",
            kind=DonationKind.GOODS,
        )
    assert set(refused.value.message_dict) == {"item", "quantity", "quantity_unit"}
    assert Donation.objects.count() == 1


def test_refused_input_names_each_field_and_writes_nothing(users, tree):
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        donation_create(
            actor=users["c1_staff"],
            org_unit=tree["C1"],
            donated_on=date(2026, 5, 1),
            donor_kind=DonorKind.ENTERPRISE,
            donor_name=" ",
            recipient_kind=RecipientKind.PAIRING,
            kind=DonationKind.MONEY,
            amount="5,00",
        )
    assert set(refused.value.message_dict) == {"donor_name", "pairing", "amount"}
    assert Donation.objects.count() == 0
    assert AuditEvent.objects.count() == before


def test_members_projects_and_units_outside_the_scope_are_refused(users, tree):
    c2_member = member(users["c2_staff"], tree["C2"], name="李岳王")
    c2_project = project(users["c2_staff"], tree["C2"], name="岳王结对")
    with pytest.raises(ValidationError) as refused:
        donation_create(
            actor=users["c1_staff"],
            org_unit=tree["C1"],
            donated_on=date(2026, 5, 1),
            donor_kind=DonorKind.MEMBER,
            donor_person=c2_member,
            recipient_kind=RecipientKind.PAIRING,
            pairing=c2_project,
            kind=DonationKind.MONEY,
            amount="100",
        )
    assert set(refused.value.message_dict) == {"donor_person", "pairing"}
    with pytest.raises(PermissionDenied):
        money(users["c1_staff"], tree["C2"], "100")
    with pytest.raises(PermissionDenied):
        money(users["c1_leader"], tree["C1"], "100")  # leaders read, they do not record
    assert Donation.objects.count() == 0


def test_update_switches_kind_clears_goods_and_keeps_versions(users, tree):
    actor = users["c1_staff"]
    donation = goods(actor, tree["C1"], "口罩", "5000", "只")
    changed = donation_update(actor=actor, donation_id=donation.pk, version=1, kind=DonationKind.MONEY, amount="5万")
    assert (changed.kind, changed.amount, changed.item, changed.quantity, changed.version) == (
        "money",
        Decimal("50000.00"),
        "",
        None,
        2,
    )
    events = AuditEvent.objects.filter(action="update", object_id=str(donation.pk))
    assert events.count() == 1
    assert events.get().changes["item"] == ["口罩", ""]
    # The same values again: nothing written, no new version, no event.
    same = donation_update(actor=actor, donation_id=donation.pk, version=2, amount="50,000")
    assert same.version == 2 and events.count() == 1
    with pytest.raises(StaleRecord):
        donation_update(actor=actor, donation_id=donation.pk, version=1, amount="1")
    with pytest.raises(Http404):
        donation_update(actor=users["c2_staff"], donation_id=donation.pk, version=2, amount="1")
    with pytest.raises(PermissionDenied):
        donation_update(actor=actor, donation_id=donation.pk, version=2, org_unit=tree["C2"])
    donation.refresh_from_db()
    assert (donation.amount, donation.org_unit_id, donation.version) == (Decimal("50000.00"), tree["C1"].pk, 2)


def test_delete_takes_the_version_and_is_audited(users, tree):
    actor = users["c1_staff"]
    donation = money(actor, tree["C1"], "10.00")
    with pytest.raises(StaleRecord):
        donation_delete(actor=actor, donation_id=donation.pk, version=7)
    donation_delete(actor=actor, donation_id=donation.pk, version=1)
    assert not Donation.objects.exists()
    assert AuditEvent.objects.filter(action="delete", object_type="activities.donation").count() == 1


def test_pairing_project_period_move_and_delete(users, tree):
    admin = users["sub_admin"]
    pairing = project(admin, tree["S"])
    with pytest.raises(ValidationError) as refused:
        pairing_update(actor=admin, pairing_id=pairing.pk, version=1, end_on=date(2019, 1, 1))
    assert "end_on" in refused.value.message_dict
    with pytest.raises(Http404):  # a community does not see its subdistrict's project
        pairing_update(actor=users["c1_staff"], pairing_id=pairing.pk, version=1, name="改名")
    moved = pairing_update(actor=admin, pairing_id=pairing.pk, version=1, org_unit=tree["C1"])
    assert moved.version == 2
    money(admin, tree["S"], "100", recipient_kind=RecipientKind.PAIRING, pairing=moved)
    with pytest.raises(ValidationError):
        pairing_delete(actor=admin, pairing_id=pairing.pk, version=2)
    Donation.objects.all().delete()
    pairing_delete(actor=admin, pairing_id=pairing.pk, version=2)
    assert not PairingProject.objects.exists()
    actions = list(AuditEvent.objects.filter(object_type="activities.pairingproject").values_list("action", flat=True))
    assert sorted(actions) == ["create", "delete", "update"]
