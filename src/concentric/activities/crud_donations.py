"""The kit's declarations of pairing projects and donations: pages, exports and API."""

from django.utils.translation import gettext_lazy as _

from concentric.activities.choices import DonationKind
from concentric.activities.display_donations import donor_text, figure_text, recipient_text
from concentric.activities.filtersets_donations import DonationFilterSet, PairingFilterSet
from concentric.activities.forms_donations import DonationForm, PairingForm
from concentric.activities.models import Donation, PairingProject
from concentric.activities.services.donations import donation_create, donation_delete, donation_update
from concentric.activities.services.pairing import pairing_create, pairing_delete, pairing_update
from concentric.activities.tables_donations import DonationTable, PairingTable
from concentric.activities.views_donations import DonationCreatePage, DonationListPage, PairingDetailPage
from concentric.core.kit.crud import Crud, Services

NAMESPACE = "donations"


class DonationCrud(Crud):
    model = Donation
    namespace = NAMESPACE
    filterset_class = DonationFilterSet
    table = DonationTable
    ordering = ("-donated_on", "-pk")
    form_class = DonationForm
    services = Services(create=donation_create, update=donation_update, delete=donation_delete, id_kwarg="donation_id")
    page_classes = {"list": DonationListPage, "create": DonationCreatePage}
    title = _("Donations")
    create_label = _("New donation")
    messages = {
        "created": _("The donation “%(name)s” was recorded."),
        "saved": _("The donation “%(name)s” was saved."),
        "deleted": _("The donation “%(name)s” was deleted."),
    }

    @classmethod
    def list_queryset(cls, user, queryset):
        return queryset.select_related("org_unit", "donor_person", "pairing", "activity")

    @classmethod
    def object_queryset(cls, user, queryset):
        return cls.list_queryset(user, queryset)

    @classmethod
    def object_label(cls, donation) -> str:
        return f"{donation.donated_on:%Y-%m-%d} {donor_text(donation)}"

    @classmethod
    def detail_values(cls, donation) -> list[tuple[str, object]]:
        return [
            (_("Date"), donation.donated_on),
            (_("Donor kind"), donation.get_donor_kind_display()),
            (_("Donor"), donor_text(donation)),
            (_("To"), donation.get_recipient_kind_display()),
            (_("Recipient"), recipient_text(donation)),
            (_("Kind"), donation.get_kind_display()),
            (_("Amount (yuan)") if donation.kind == DonationKind.MONEY else _("Goods"), figure_text(donation)),
            (_("Recording unit"), donation.org_unit.name),
            (_("Remarks"), donation.remarks),
        ]


class PairingCrud(Crud):
    model = PairingProject
    namespace = NAMESPACE
    filterset_class = PairingFilterSet
    table = PairingTable
    ordering = ("-start_on", "-pk")
    form_class = PairingForm
    services = Services(create=pairing_create, update=pairing_update, delete=pairing_delete, id_kwarg="pairing_id")
    names = {page: f"pairing_{page}" for page in ("list", "detail", "create", "edit", "delete", "export")}
    paths = {
        "list": "pairings/",
        "create": "pairings/new/",
        "export": "pairings/export/",
        "detail": "pairings/<int:pk>/",
        "edit": "pairings/<int:pk>/edit/",
        "delete": "pairings/<int:pk>/delete/",
    }
    page_classes = {"detail": PairingDetailPage}
    detail_template = "activities/pairing_detail.html"
    title = _("Pairing projects")
    create_label = _("New pairing project")

    @classmethod
    def list_queryset(cls, user, queryset):
        return queryset.select_related("org_unit")

    @classmethod
    def object_queryset(cls, user, queryset):
        return cls.list_queryset(user, queryset)

    @classmethod
    def detail_values(cls, project) -> list[tuple[str, object]]:
        return [
            (_("Partner"), project.partner),
            (_("Unit"), project.org_unit.name),
            (_("From"), project.start_on),
            (_("Until"), project.end_on),
            (_("Description"), project.description),
        ]
