"""The two pages anyone may open without signing in: checking in at an activity through its
signed link, and checking a certificate's number. Neither shows anything personal beyond what
it states: the check-in answers alike for members and guests; the certificate check shows the
masked name, the total hours, the issuing unit and whether it stands."""

from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache

from concentric.activities.services.certificates import certificate_find
from concentric.activities.services.checkin import Outcome, check_in, over_limit, read_link

CHECK_IN_TEMPLATE = "activities/volunteering/public_check_in.html"

MESSAGES = {
    Outcome.CHECKED_IN: gettext_lazy("You are checked in. Thank you for taking part!"),
    Outcome.ALREADY: gettext_lazy("You have already checked in; nothing was changed."),
    Outcome.AMBIGUOUS: gettext_lazy(
        "We could not tell who you are from this name and number. Please check in with the staff on site."
    ),
    Outcome.INVALID: gettext_lazy("This check-in link is not valid. Scan the QR code shown at the activity again."),
    Outcome.EXPIRED: gettext_lazy("Check-in for this activity has closed: the link has expired."),
    Outcome.NOT_OPEN: gettext_lazy("Check-in for this activity is not open."),
    Outcome.LIMITED: gettext_lazy("Too many check-in attempts. Please wait a few minutes and try again."),
}
ERRORS = frozenset({Outcome.INVALID, Outcome.EXPIRED, Outcome.NOT_OPEN, Outcome.LIMITED, Outcome.AMBIGUOUS})


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def mask_name(name: str) -> str:
    """张三 -> 张*, 欧阳娜娜 -> 欧***: the family name's first character alone."""
    name = (name or "").strip()
    return name[:1] + "*" * max(len(name) - 1, 1) if name else ""


@method_decorator(never_cache, name="dispatch")
class PublicCheckInPage(View):
    access = "public"
    http_method_names = ["get", "post"]

    def get(self, request):
        token = request.GET.get("t", "")
        state = read_link(token)
        return self.page(request, token, state.activity, state.outcome)

    def post(self, request):
        token = request.POST.get("t", "")
        name = request.POST.get("name", "").strip()[:50]
        digits = request.POST.get("digits", "").strip()
        state = read_link(token)
        if over_limit(token, client_address(request), state.activity):
            return self.page(request, token, state.activity, Outcome.LIMITED, status=429)
        if state.outcome is not None:
            return self.page(request, token, state.activity, state.outcome)
        errors = {}
        if not name:
            errors["name"] = _("Enter your name.")
        if len(digits) != 4 or not digits.isdigit():
            errors["digits"] = _("Enter the last four digits of your mobile phone number.")
        if errors:
            return self.page(request, token, state.activity, None, errors=errors, name=name, digits=digits)
        outcome = check_in(token=token, name=name, digits=digits, address=client_address(request))
        return self.page(request, token, state.activity, outcome)

    def page(self, request, token, activity, outcome, *, status=200, errors=None, name="", digits=""):
        link_error = outcome in (Outcome.INVALID, Outcome.EXPIRED, Outcome.NOT_OPEN)
        context = {
            "title": _("Check in"),
            "token": token,
            # What anybody holding the link may know: the activity's title and time, nothing else.
            "activity": None if outcome == Outcome.INVALID else activity,
            "outcome": outcome,
            "message": MESSAGES.get(outcome, ""),
            "is_error": outcome in ERRORS,
            "show_form": not link_error and outcome not in (Outcome.CHECKED_IN, Outcome.ALREADY),
            "errors": errors or {},
            "name": name,
            "digits": digits,
        }
        return render(request, CHECK_IN_TEMPLATE, context, status=status)


@method_decorator(never_cache, name="dispatch")
class CertificateCheckPage(View):
    access = "public"
    http_method_names = ["get"]

    def get(self, request):
        number = request.GET.get("number", "").strip()[:40]
        certificate = certificate_find(number) if number else None
        context = {
            "title": _("Check a volunteer service certificate"),
            "number": number,
            "asked": bool(number),
            "certificate": certificate,
            "masked_name": mask_name(certificate.person.name) if certificate else "",
        }
        return render(request, "activities/volunteering/public_certificate_check.html", context)
