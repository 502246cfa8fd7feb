"""The kit's pages as volunteer service adapts them: the hours list, whose rows lead to their
activity's hours, and the certificate's page (the printable sheet with the lines as issued, its
PDF link and, for the issuing unit's administrator, revoking)."""

from django.urls import reverse

from concentric.activities.services.certificate_pdf import intro_lines
from concentric.core.kit.pages import DetailPage, ListPage
from concentric.core.scoping import Action


class HoursListPage(ListPage):
    def row_url(self, row) -> str:
        return reverse("volunteering:activity_hours", args=[row.participant.activity_id])


class CertificateDetailPage(DetailPage):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        certificate = self.object
        context.update(
            intro=intro_lines(certificate),
            check_url=self.request.build_absolute_uri(reverse("volunteering:certificate_check")),
            can_revoke=self.crud.allows(self.request.user, Action.CHANGE, certificate),
        )
        return context
