"""The donation pages that differ from the kit's: the list's amount cell, the pairing project's
page (its activities, its donations and their totals) and the totals page with its export."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from concentric.activities.choices import RecipientKind
from concentric.activities.display_donations import donor_text, figure_text, yuan_text
from concentric.activities.donation_totals import donation_totals, overall
from concentric.activities.models import Activity, Donation, PairingProject
from concentric.core.export import FORMATS, export_response
from concentric.core.forms import ALL, bootstrap
from concentric.core.kit import pages
from concentric.core.kit.filters import FiltersInvalid, bind_filters, filtered
from concentric.core.kit.tables import Column
from concentric.core.scoping import Action, can
from concentric.core.working_unit import within_working_unit

GROUPINGS = (
    ("by_year", gettext_lazy("By year")),
    ("by_unit", gettext_lazy("By recording unit")),
    ("by_donor_kind", gettext_lazy("By donor kind")),
    ("by_recipient", gettext_lazy("By recipient")),
)


class DonationListPage(pages.ListPage):
    def cell_amount(self, donation):
        return yuan_text(donation.amount)


class PairingDetailPage(pages.DetailPage):
    """The project, its activities, and its donations with their totals (money and each kind of
    goods apart), as far as the user sees them."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, project = self.request.user, self.object
        donations = (
            Donation.objects.visible_to(user, Action.VIEW)
            .filter(pairing=project)
            .select_related("donor_person", "org_unit")
            .order_by("-donated_on", "-pk")
        )
        context.update(
            activities=Activity.objects.visible_to(user, Action.VIEW)
            .filter(pairing=project)
            .select_related("type", "org_unit")
            .order_by("-starts_at", "-pk"),
            donations=[(donation, donor_text(donation), figure_text(donation)) for donation in donations],
            totals=overall(donations),
            can_add_donation=can(user, Action.ADD, Donation),
        )
        return context


class TotalsMixin:
    """The donations the totals read: the user's scope (and working unit), then the filters."""

    def scoped(self, action: Action):
        user = self.request.user
        return within_working_unit(self.request, Donation.objects.visible_to(user, action))


class DonationTotalsPage(TotalsMixin, pages.Page, TemplateView):
    """Totals per period, unit, donor kind and recipient, through the list's filters. An invalid
    filter shows its error and no figures (never those of another filter)."""

    access = "aggregate"
    template_name = "activities/donation_totals.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        crud = self.crud
        filterset = bind_filters(crud.filterset_class, self.request.GET, self.scoped(Action.VIEW), self.request)
        bootstrap(filterset.form, empty_label=ALL)
        title = _("Donation totals")
        query = self.request.GET.copy()
        context.update(
            title=title,
            breadcrumbs=[*crud.list_crumbs(), {"label": title, "url": ""}],
            filterset=filterset,
            query=query.urlencode(),
            export_url=crud.url("totals_export") if can(self.request.user, Action.EXPORT, Donation) else "",
            results_only=self.results_only,
        )
        if filterset.is_valid():
            totals = donation_totals(filterset.qs)
            context.update(
                overall=totals["overall"],
                groupings=[(label, totals[key]) for key, label in GROUPINGS],
            )
        return context

    results_only = pages.ListPage.results_only  # an htmx refresh answers the figures alone

    def get_template_names(self):
        return [f"{self.template_name}#results"] if self.results_only else [self.template_name]


TOTALS_COLUMNS = [
    Column(gettext_lazy("Grouping"), None, width=14),
    Column(gettext_lazy("Line"), None, width=30),
    Column(gettext_lazy("Kind"), None, width=8),
    Column(gettext_lazy("Amount (yuan)"), None, width=16),
    Column(gettext_lazy("Item"), None, width=16),
    Column(gettext_lazy("Quantity"), None, width=12),
    Column(gettext_lazy("Unit of measure"), None, width=10),
    Column(gettext_lazy("Number of donations"), None, width=10),
]


def totals_rows(totals: dict):
    """One row for a line's money and one for each kind of goods: never a figure adding both."""
    groups = [(_("Overall"), [totals["overall"]]), *((label, totals[key]) for key, label in GROUPINGS)]
    for grouping, lines in groups:
        for line in lines:
            if line.money_count:
                yield [str(grouping), line.label, _("Money"), line.money, "", None, "", line.money_count]
            for goods in line.goods:
                yield [str(grouping), line.label, _("Goods"), None, goods.item, goods.quantity, goods.unit, goods.count]


class DonationTotalsExportPage(TotalsMixin, pages.ExportPage):
    """The totals page's figures as a file (csv or xlsx), through the same filters; audited."""

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("format", "csv")
        back = self.crud.url("totals")
        if fmt not in FORMATS:
            return pages.export_refused(request, {_("Format"): [_("Unknown export format.")]}, back=back)
        data = request.GET.copy()
        data.pop("format", None)
        try:
            donations, reason = filtered(self.crud.filterset_class, data, self.scoped(Action.EXPORT), request)
        except FiltersInvalid as invalid:
            return pages.export_refused(request, invalid.labelled, back=back)
        return export_response(
            actor=request.user,
            queryset=donations,
            columns=TOTALS_COLUMNS,
            fmt=fmt,
            title=_("Donation totals"),
            reason=reason,
            rows=list(totals_rows(donation_totals(donations))),
        )


class DonationCreatePage(pages.CreatePage):
    def get_initial(self):
        """Today's date; ``?pairing=<id>`` (the project page's 登记捐赠) starts as a donation to
        that project."""
        initial = {**super().get_initial(), "donated_on": timezone.localdate()}
        pairing_id = self.request.GET.get("pairing", "")
        if pairing_id.isdigit() and len(pairing_id) < 10:
            project = (
                PairingProject.objects.visible_to(self.request.user, Action.VIEW).filter(pk=int(pairing_id)).first()
            )
            if project is not None:
                initial.update(recipient_kind=RecipientKind.PAIRING, pairing=project, org_unit=project.org_unit)
        return initial
