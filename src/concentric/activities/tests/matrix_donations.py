"""The donations area's factories for the route sweeps (tests/routes.py): one pairing project
and one donation owned by a given unit, each with the text that shows it on its pages."""

from datetime import date
from decimal import Decimal

from concentric.activities.choices import DonationKind, DonorKind, RecipientKind
from concentric.activities.models import Donation, PairingProject


def _pairing(unit, key):
    project = PairingProject.objects.create(
        org_unit=unit, name=f"矩阵{key}结对项目", partner="恩施鹤峰", start_on=date(2024, 1, 1)
    )
    return project, project.name


def _donation(unit, key):
    """A money donation to a named recipient: the recipient's name shows it on the list, its page,
    the export and the totals export alike."""
    donation = Donation.objects.create(
        org_unit=unit,
        donated_on=date(2024, 5, 1),
        donor_kind=DonorKind.ENTERPRISE,
        donor_name=f"矩阵{key}企业",
        recipient_kind=RecipientKind.NAMED,
        recipient_name=f"矩阵{key}受赠方",
        kind=DonationKind.MONEY,
        amount=Decimal("100.00"),
    )
    return donation, donation.recipient_name


FACTORIES = {PairingProject: _pairing, Donation: _donation}
