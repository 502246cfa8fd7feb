"""Files kept on activities and donations (core.kit.files): an activity's photos and attachments,
a donation's receipts, each shown on its record's page."""

from django.utils.translation import gettext_lazy as _

from concentric.activities.models import Activity, ActivityFile, DonationReceipt
from concentric.core.kit.files import RecordFiles


class ActivityFiles(RecordFiles):
    """Photos and attachments (images, PDF, Office documents); the activity's co-organisers see
    them, its organising unit keeps them."""

    model = ActivityFile
    parent_field = "activity"
    slug = "files"
    namespace = "activity_files"
    api_prefix = "activities"
    title = _("Photos and attachments")


class DonationReceipts(RecordFiles):
    model = DonationReceipt
    parent_field = "donation"
    slug = "receipts"
    namespace = "donation_files"
    api_prefix = "donations"


def load_demo_photos(context: dict) -> int:
    """A photo of each demo activity, uploaded by the subdistrict's administrator."""
    return ActivityFiles.load_demo_pictures(
        actor=context["users"]["hubin_admin"], parents=Activity.objects.order_by("id"), colour=(30, 90, 160)
    )
