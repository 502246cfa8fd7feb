"""The API routes of the files kept on activities and donations (no app_name: the API's namespace)."""

from concentric.activities.files import ActivityFiles, DonationReceipts

urlpatterns = [*ActivityFiles.api_urls(), *DonationReceipts.api_urls()]
