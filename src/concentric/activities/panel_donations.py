"""The member page's panel of the member's donations, as far as the user sees them."""

from django.template.loader import render_to_string

from concentric.activities.display_donations import figure_text, recipient_text
from concentric.activities.donation_totals import overall
from concentric.activities.models import Donation
from concentric.core.scoping import Action, can

PANEL_ROWS = 20


def person_donations_panel(user, person) -> str | None:
    """The member's donations the user may see (the latest first, with their totals), or None
    when the user may see no donations at all."""
    if not can(user, Action.VIEW, Donation):
        return None
    donations = (
        Donation.objects.visible_to(user, Action.VIEW)
        .filter(donor_person=person)
        .select_related("pairing", "activity")
        .order_by("-donated_on", "-pk")
    )
    rows = [(donation, recipient_text(donation), figure_text(donation)) for donation in donations[:PANEL_ROWS]]
    return render_to_string(
        "activities/person_donations_panel.html",
        {"rows": rows, "totals": overall(donations), "more": max(donations.count() - PANEL_ROWS, 0)},
    )
