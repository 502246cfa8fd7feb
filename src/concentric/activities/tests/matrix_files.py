"""The route sweeps' declarations of the files kept on activities and donations (merged by matrix.py)."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from concentric.activities.choices import DonationKind, DonorKind, RecipientKind
from concentric.activities.models import Activity, ActivityFile, ActivityType, Donation, DonationReceipt
from concentric.core.scoping import Action
from concentric.core.tests.stored import stored_file
from tests.routes import Spec

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _activity(unit, key):
    activity = Activity.objects.create(
        org_unit=unit,
        title=f"矩阵{key}活动",
        type=ActivityType.objects.get_or_create(name="矩阵活动类型")[0],
        starts_at=datetime(2026, 5, 1, 9, tzinfo=SHANGHAI),
        ends_at=datetime(2026, 5, 1, 11, tzinfo=SHANGHAI),
    )
    return activity, activity.title


def _activity_file(unit, key):
    activity, _marker = _activity(unit, key)
    record = stored_file(ActivityFile, name=f"矩阵{key}活动照片.png", activity=activity)
    return record, record.name


def _donation(unit, key):
    donation = Donation.objects.create(
        org_unit=unit,
        donated_on=date(2026, 5, 1),
        donor_kind=DonorKind.ENTERPRISE,
        donor_name=f"矩阵{key}企业",
        recipient_kind=RecipientKind.NAMED,
        recipient_name="矩阵受赠人",
        kind=DonationKind.MONEY,
        amount=Decimal("100.00"),
    )
    return donation, donation.donor_name


def _donation_receipt(unit, key):
    donation, _marker = _donation(unit, key)
    record = stored_file(DonationReceipt, name=f"矩阵{key}收据.png", donation=donation)
    return record, record.name


FACTORIES = {ActivityFile: _activity_file, DonationReceipt: _donation_receipt}

ROUTE_SPECS = {
    # Answer the file itself, not a page naming it.
    "activity_files:files_file": Spec(ActivityFile, Action.VIEW, binary=True),
    "donation_files:receipts_file": Spec(DonationReceipt, Action.VIEW, binary=True),
    # Uploads are multipart forms.
    "api:activities-files-list": Spec(Activity, None, api=True, multipart=True),
    "api:donations-receipts-list": Spec(Donation, None, api=True, multipart=True),
}
