"""The declarations of volunteer service's pages: hours, certificates, and the activity pages
this area adds (check-in code, hours of an activity)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from concentric.activities.filtersets_volunteering import CertificateFilterSet, HoursFilterSet
from concentric.activities.forms_volunteering import CertificateIssueForm
from concentric.activities.models import Activity, Certificate, VolunteerHours
from concentric.activities.services.certificates import certificate_issue
from concentric.activities.tables_volunteering import CertificateTable, HoursTable
from concentric.activities.views_kit import CertificateDetailPage, HoursListPage
from concentric.core.kit.crud import Crud, Services

NAMESPACE = "volunteering"


class HoursCrud(Crud):
    model = VolunteerHours
    namespace = NAMESPACE
    filterset_class = HoursFilterSet
    table = HoursTable
    ordering = ("-id",)
    pages = ("list", "export")
    page_classes = {"list": HoursListPage}
    names = {"list": "hours", "export": "hours_export"}
    paths = {"list": "hours/", "export": "hours/export/"}
    title = _("Volunteer hours")

    @classmethod
    def list_queryset(cls, user, queryset):
        return queryset.select_related(
            "participant__person", "participant__activity__org_unit", "recorded_by", "approved_by"
        )

    @classmethod
    def object_url(cls, obj) -> str:
        return reverse("volunteering:activity_hours", args=[obj.participant.activity_id])


class CertificateCrud(Crud):
    model = Certificate
    namespace = NAMESPACE
    filterset_class = CertificateFilterSet
    table = CertificateTable
    ordering = ("-id",)
    form_class = CertificateIssueForm
    services = Services(create=certificate_issue)
    pages = ("list", "detail", "create", "export")
    names = {
        "list": "certificates",
        "detail": "certificate",
        "create": "certificate_issue",
        "export": "certificates_export",
    }
    paths = {
        "list": "certificates/",
        "detail": "certificates/<int:pk>/",
        "create": "certificates/new/",
        "export": "certificates/export/",
    }
    title = _("Volunteer service certificates")
    create_label = _("Issue a certificate")
    messages = {"created": _("Certificate %(name)s was issued.")}
    page_classes = {"detail": CertificateDetailPage}
    detail_template = "activities/volunteering/certificate.html"

    @classmethod
    def list_queryset(cls, user, queryset):
        return queryset.select_related("person", "org_unit")

    @classmethod
    def object_queryset(cls, user, queryset):
        return queryset.select_related("person", "org_unit", "issued_by", "revoked_by")


class ActivityVolunteeringCrud(Crud):
    """The activity as this area's pages see it (its own pages are the activities' app's)."""

    model = Activity
    namespace = NAMESPACE
    pages = ()

    @classmethod
    def object_url(cls, obj) -> str:
        return reverse("volunteering:activity_hours", args=[obj.pk])

    @classmethod
    def list_crumbs(cls) -> list[dict]:
        return [{"label": _("Volunteer hours"), "url": reverse("volunteering:hours")}]
