"""The donations area's pages: /donations/ (donations, their totals), /donations/pairings/."""

from concentric.activities.crud_donations import NAMESPACE, DonationCrud, PairingCrud
from concentric.activities.views_donations import DonationTotalsExportPage, DonationTotalsPage

app_name = NAMESPACE

urlpatterns = [
    *PairingCrud.urls(),
    DonationCrud.route("totals/", DonationTotalsPage, "totals"),
    DonationCrud.route("totals/export/", DonationTotalsExportPage, "totals_export"),
    *DonationCrud.urls(),
]
