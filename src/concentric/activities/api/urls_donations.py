from django.urls import path

from concentric.activities.api.views_donations import DonationTotalsApiView

urlpatterns = [
    path("donations/totals/", DonationTotalsApiView.as_view(), name="donation-totals"),
]
