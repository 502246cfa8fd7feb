"""Volunteer service's pages, under volunteering/: totals, hours, certificates, an activity's
check-in code and hours, and the two public pages (check-in, certificate check)."""

from django.urls import path

from concentric.activities.crud_volunteering import ActivityVolunteeringCrud, CertificateCrud, HoursCrud
from concentric.activities.views_public import CertificateCheckPage, PublicCheckInPage
from concentric.activities.views_volunteering import (
    ActivityHoursPage,
    CertificatePdfPage,
    CertificateRevokePage,
    CheckInCodePage,
    HoursApprovePage,
    HoursCorrectPage,
    HoursDeletePage,
    HoursRecordAllPage,
    HoursRecordPage,
    TotalsExportPage,
    TotalsPage,
)

app_name = "volunteering"

urlpatterns = [
    HoursCrud.route("", TotalsPage, "totals"),
    HoursCrud.route("export/", TotalsExportPage, "totals_export"),
    *HoursCrud.urls(),
    HoursCrud.route("hours/<int:pk>/approve/", HoursApprovePage, "hours_approve"),
    HoursCrud.route("hours/<int:pk>/correct/", HoursCorrectPage, "hours_correct"),
    HoursCrud.route("hours/<int:pk>/delete/", HoursDeletePage, "hours_delete"),
    ActivityVolunteeringCrud.route("activity/<int:pk>/", ActivityHoursPage, "activity_hours"),
    ActivityVolunteeringCrud.route("activity/<int:pk>/check-in-code/", CheckInCodePage, "check_in_code"),
    ActivityVolunteeringCrud.route("activity/<int:pk>/record/", HoursRecordPage, "hours_record"),
    ActivityVolunteeringCrud.route("activity/<int:pk>/record-all/", HoursRecordAllPage, "hours_record_all"),
    *CertificateCrud.urls(),
    CertificateCrud.route("certificates/<int:pk>/pdf/", CertificatePdfPage, "certificate_pdf"),
    CertificateCrud.route("certificates/<int:pk>/revoke/", CertificateRevokePage, "certificate_revoke"),
    path("check-in/", PublicCheckInPage.as_view(), name="check_in"),
    path("certificate-check/", CertificateCheckPage.as_view(), name="certificate_check"),
]
