"""Session lifetime and the gates a signed-in user must pass before using the platform."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concentric.accounts.passwords import password_expired
from concentric.accounts.security import needs_second_factor

SESSION_LAST_SEEN = "concentric_last_seen"
SESSION_STARTED = "concentric_started"
# The idle clock is written at most this often: a session row rewritten on every request
# would make every page a database write. Idle sessions end at most this much early.
LAST_SEEN_RESOLUTION_SECONDS = 30

# Paths a user may reach while a gate (second factor, password change) is pending.
GATE_EXEMPT_PREFIXES = ("/static/", "/healthz", "/i18n/", "/accounts/")


API_PREFIX = "/api/"
_GATE_MESSAGES = {
    "accounts:otp": (
        "second_factor_required",
        gettext_lazy("Verify your authenticator code on the sign-in page first."),
    ),
    "accounts:password_change": (
        "password_change_required",
        gettext_lazy("Change your password on the sign-in page first."),
    ),
}


def _to_login(request):
    url = f"{reverse(settings.LOGIN_URL)}?timeout=1"
    if request.path.startswith(API_PREFIX):
        return JsonResponse(
            {"code": "session_expired", "message": _("Your session has ended. Please sign in again."), "fields": {}},
            status=401,
        )
    # Read the header itself: HtmxMiddleware runs after this one, so request.htmx is not set yet.
    if request.headers.get("HX-Request") == "true":
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


def _gate(request, url_name):
    """Send the user to a gate page, coming back afterwards to the page they asked for
    (API calls get a JSON error instead)."""
    if request.path.startswith(API_PREFIX):
        code, message = _GATE_MESSAGES[url_name]
        return JsonResponse({"code": code, "message": str(message), "fields": {}}, status=403)
    url = reverse(url_name)
    if request.method == "GET" and request.path != "/":
        url = f"{url}?{urlencode({'next': request.get_full_path()})}"
    return redirect(url)


class SessionTimeoutMiddleware:
    """Ends sessions idle longer than SESSION_IDLE_SECONDS or older than SESSION_COOKIE_AGE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            started = request.session.get(SESSION_STARTED, now)
            last_seen = request.session.get(SESSION_LAST_SEEN, now)
            if now - last_seen > settings.SESSION_IDLE_SECONDS or now - started > settings.SESSION_COOKIE_AGE:
                from concentric.accounts.services import session_expire

                session_expire(request=request)
                return _to_login(request)
            if SESSION_STARTED not in request.session:
                request.session[SESSION_STARTED] = started
            if now - last_seen >= LAST_SEEN_RESOLUTION_SECONDS or SESSION_LAST_SEEN not in request.session:
                request.session[SESSION_LAST_SEEN] = now
        return self.get_response(request)


class AccountGateMiddleware:
    """Administrators must pass TOTP; everyone must replace an expired or initial password."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not request.path.startswith(GATE_EXEMPT_PREFIXES):
            if not user.is_verified() and needs_second_factor(user):
                return _gate(request, "accounts:otp")
            if user.must_change_password or password_expired(user):
                return _gate(request, "accounts:password_change")
        return self.get_response(request)
