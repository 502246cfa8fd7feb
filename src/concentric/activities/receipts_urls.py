"""The pages of a donation's receipts (core.kit.files), under donations/."""

from concentric.activities.files import DonationReceipts

app_name = "donation_files"
urlpatterns = DonationReceipts.urls()
