"""Demo data of the donations area for `make run`: the subdistrict's pairing with 恩施鹤峰
(poverty relief and school aid) with the article's 50,000 yuan and 5,000 masks, and a few more
donations from members and enterprises, written through the services."""

from datetime import date
from decimal import Decimal

from concentric.activities.choices import DonationKind, DonorKind, RecipientKind
from concentric.activities.models import PairingProject
from concentric.activities.services.donations import donation_create
from concentric.activities.services.pairing import pairing_create
from concentric.people.selectors import person_list

PARTNER = "湖北省恩施州鹤峰县"


def load_demo_donations(context: dict) -> int:
    """The pairing project and its donations, unless the subdistrict has it already."""
    actor, units = context["users"]["hubin_admin"], context["units"]
    subdistrict = units["hubin"]
    if PairingProject.objects.filter(org_unit=subdistrict, partner=PARTNER).exists():
        return 0
    project = pairing_create(
        actor=actor,
        org_unit=subdistrict,
        name="恩施鹤峰结对帮扶",
        partner=PARTNER,
        start_on=date(2020, 3, 1),
        description="东西部协作结对：产业脱贫帮扶与助学帮扶（资助困难学生、捐赠学习用品）。",
    )
    to_project = {"recipient_kind": RecipientKind.PAIRING, "pairing": project}
    donations = [
        dict(
            org_unit=subdistrict,
            donated_on=date(2026, 4, 18),
            donor_kind=DonorKind.GROUP,
            donor_name="湖滨街道统一战线成员",
            kind=DonationKind.MONEY,
            amount=Decimal("50000.00"),
            remarks="晴雨公益：脱贫帮扶资金",
            **to_project,
        ),
        dict(
            org_unit=subdistrict,
            donated_on=date(2026, 2, 10),
            donor_kind=DonorKind.GROUP,
            donor_name="湖滨街道新的社会阶层人士联谊会",
            kind=DonationKind.GOODS,
            item="口罩",
            quantity=Decimal(5000),
            quantity_unit="只",
            **to_project,
        ),
        {
            "org_unit": units["hubin-buxingjie"],
            "donated_on": date(2026, 9, 1),
            "donor_kind": DonorKind.ENTERPRISE,
            "donor_name": "湖滨步行街商户联合会",
            "kind": DonationKind.GOODS,
            "item": "图书",
            "quantity": Decimal(300),
            "quantity_unit": "册",
            "recipient_kind": RecipientKind.NAMED,
            "recipient_name": "鹤峰县走马镇中心小学",
        },
        dict(
            org_unit=units["hubin-buxingjie"],
            donated_on=date(2025, 12, 20),
            donor_kind=DonorKind.ENTERPRISE,
            donor_name="杭州湖滨商贸有限公司",
            kind=DonationKind.MONEY,
            amount=Decimal("10000.00"),
            remarks="助学帮扶",
            **to_project,
        ),
    ]
    members = list(person_list(user=actor).filter(org_unit=units["hubin-dongpo"]).order_by("pk")[:3])
    for member, amount in zip(members, ("2000.00", "1000.50", "800.00"), strict=False):
        donations.append(
            dict(
                org_unit=member.org_unit,
                donated_on=date(2026, 6, 1),
                donor_kind=DonorKind.MEMBER,
                donor_person=member,
                kind=DonationKind.MONEY,
                amount=Decimal(amount),
                **to_project,
            )
        )
    for values in donations:
        donation_create(actor=actor, **values)
    return 1 + len(donations)
