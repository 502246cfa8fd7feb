"""Signing in and out, the second factor and the user's own password."""

import base64
import time
from urllib.parse import urlencode

import django_otp
import qrcode
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, update_session_auth_hash
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice
from qrcode.image.svg import SvgPathImage

from concentric.accounts import services
from concentric.accounts.forms import LoginForm, PasswordChangeForm, TokenForm, policy_help_texts
from concentric.accounts.middleware import SESSION_LAST_SEEN, SESSION_STARTED
from concentric.accounts.passwords import password_expired
from concentric.accounts.security import needs_second_factor

LOGIN_TEMPLATE = "accounts/login.html"
STANDALONE_LAYOUT = "accounts/standalone.html"


def safe_next(request, default: str = "") -> str:
    """The ``next`` target if it stays on this site, else ``default`` (the home page)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default or reverse(settings.LOGIN_REDIRECT_URL)


def _login_page(request, form, *, status=200, locked_out=False):
    context = {
        "form": form,
        "next": safe_next(request, default=""),
        "timed_out": request.GET.get("timeout") == "1",
        "locked_out": locked_out,
        "title": _("Sign in"),
    }
    if locked_out:
        context["lockout_message"] = _(
            "This account is locked after %(failures)d failed sign-in attempts. Try again in %(minutes)d minutes."
        ) % {
            "failures": settings.AXES_FAILURE_LIMIT,
            "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        }
    return render(request, LOGIN_TEMPLATE, context, status=status)


@method_decorator([sensitive_post_parameters("password"), never_cache], name="dispatch")
class LoginView(View):
    access = "public"

    def get(self, request):
        if request.user.is_authenticated:
            return redirect(safe_next(request))
        return _login_page(request, LoginForm())

    def post(self, request):
        form = LoginForm(request.POST)
        if not form.is_valid():
            return _login_page(request, form)
        username, password = form.cleaned_data["username"], form.cleaned_data["password"]
        # A blocked attempt is audited once, as a lockout, by lockout_response; a wrong password
        # (including the one that triggers the lock) is audited here as a failed login.
        was_locked = AxesProxyHandler.is_locked(request, {"username": username})
        user = authenticate(request=request, username=username, password=password)
        if user is None:
            if not was_locked:
                services.login_failed(username=username, locked_out=False)
            # Generic on purpose: it must not tell whether the username exists.
            form.add_error(None, _("The username or password is not correct."))
            return _login_page(request, form)  # AxesMiddleware swaps in lockout_response when locked
        login(request, user)  # cycles the session key
        now = time.time()
        request.session[SESSION_STARTED] = now
        request.session[SESSION_LAST_SEEN] = now
        services.login_succeeded(user=user)
        target = safe_next(request)
        if needs_second_factor(user):
            return redirect(f"{reverse('accounts:otp')}?{urlencode({'next': target})}")
        return redirect(target)


def lockout_response(request, original_response=None, credentials=None):
    """django-axes calls this for every blocked sign-in attempt (AXES_LOCKOUT_CALLABLE)."""
    username = (get_client_username(request, credentials) or "").strip()
    if not getattr(request, "concentric_lockout_audited", False):
        request.concentric_lockout_audited = True
        services.login_failed(username=username, locked_out=True)
    return _login_page(request, LoginForm(initial={"username": username}), status=429, locked_out=True)


@require_POST
def logout_view(request):
    services.logged_out(request=request)  # flushes the server-side session
    messages.info(request, _("You have signed out."))
    return redirect(settings.LOGOUT_REDIRECT_URL)


logout_view.access = "public"


# --- second factor ----------------------------------------------------------------------------


def qr_svg(data: str) -> str:
    """The QR code of ``data`` as inline SVG (path only: no style attribute, CSP-safe). qrcode
    writes the markup itself: the width, the view box and a path of the dark modules, so no text
    of ``data`` appears in it."""
    image = qrcode.make(data, image_factory=SvgPathImage, border=2)
    return image.to_string(encoding="unicode")


def grouped_secret(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for typing into an app by hand."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@method_decorator(never_cache, name="dispatch")
class OTPView(LoginRequiredMixin, View):
    """Enrol an authenticator (no confirmed device yet, or re-binding once verified) or verify a code."""

    access = "write"
    template_name = "accounts/otp.html"

    def confirmed_device(self):
        return TOTPDevice.objects.filter(user=self.request.user, confirmed=True).order_by("-pk").first()

    def may_enrol(self, device) -> bool:
        # Replacing a bound authenticator needs this session to have passed it first.
        return device is None or self.request.user.is_verified()

    def render_page(self, form, *, mode, device=None, status=200):
        context = {
            "form": form,
            "mode": mode,
            "next": safe_next(self.request),
            "title": _("Authenticator"),
            "layout": "base.html" if mode in ("done", "offer") else STANDALONE_LAYOUT,
            "breadcrumbs": [{"label": _("Authenticator"), "url": ""}],
            "required": needs_second_factor(self.request.user),
        }
        if mode == "enrol":
            svg = qr_svg(device.config_url)
            qr_code = mark_safe(svg)  # nosec B308 B703  # qrcode's own markup: one path of the modules, no text (qr_svg)
            context.update(
                qr_code=qr_code,
                secret=grouped_secret(device),
                otpauth_url=device.config_url,
            )
        return render(self.request, self.template_name, context, status=status)

    def pending_device(self):
        return TOTPDevice.objects.filter(user=self.request.user, confirmed=False).order_by("-pk").first()

    def enrolment_device(self, *, restart=False):
        pending = self.pending_device()
        if pending is None or restart:
            pending = services.totp_device_start(user=self.request.user)
        return pending

    def get(self, request):
        device = self.confirmed_device()
        wants_enrol = device is None or request.GET.get("enrol") == "1"
        if wants_enrol and self.may_enrol(device):
            if needs_second_factor(request.user):
                # The gate sends these accounts here to enrol: the page starts it.
                return self.render_page(TokenForm(), mode="enrol", device=self.enrolment_device())
            # Anyone else enrols only by choice, by a POST: a GET writes nothing for them.
            pending = self.pending_device()
            if pending is None:
                return self.render_page(None, mode="offer")
            return self.render_page(TokenForm(), mode="enrol", device=pending)
        if request.user.is_verified():
            return self.render_page(None, mode="done")
        return self.render_page(TokenForm(), mode="verify")

    def post(self, request):
        device = self.confirmed_device()
        form = TokenForm(request.POST)
        if request.POST.get("step") == "start" and self.may_enrol(device):
            # Enrolment chosen on the offer page: keeps a key already shown, if any.
            return self.render_page(TokenForm(), mode="enrol", device=self.enrolment_device())
        if request.POST.get("step") == "restart" and self.may_enrol(device):
            # A new key replaces the pending one: a write, so only on POST.
            return self.render_page(TokenForm(), mode="enrol", device=self.enrolment_device(restart=True))
        if request.POST.get("step") == "enrol" and self.may_enrol(device):
            pending = self.enrolment_device()
            if form.is_valid() and services.totp_device_confirm(
                user=request.user, device=pending, token=form.cleaned_data["token"]
            ):
                django_otp.login(request, pending)
                messages.success(request, _("Your authenticator is bound. Enter its code at each sign-in."))
                return redirect(safe_next(request))
            if form.is_valid():
                form.add_error("token", _("The code is not correct or has expired. Try the current code."))
            return self.render_page(form, mode="enrol", device=pending)
        if device is None:
            return redirect("accounts:otp")
        if form.is_valid():
            allowed, _details = device.verify_is_allowed()
            ok = allowed and device.verify_token(form.cleaned_data["token"])
            services.totp_verified(user=request.user, ok=ok)
            if ok:
                django_otp.login(request, device)
                return redirect(safe_next(request))
            form.add_error(
                "token",
                _("The code is not correct or has expired. Try the current code.")
                if allowed
                else _("Too many wrong codes. Wait a moment and try again."),
            )
        return self.render_page(form, mode="verify")


# --- own password -------------------------------------------------------------------------


@method_decorator([sensitive_post_parameters(), never_cache], name="dispatch")
class PasswordChangeView(LoginRequiredMixin, View):
    access = "write"
    template_name = "accounts/password_change.html"

    def render_page(self, form):
        user = self.request.user
        forced = user.must_change_password or password_expired(user)
        context = {
            "form": form,
            "title": _("Change password"),
            "forced": forced,
            "expired": password_expired(user),
            "help_texts": policy_help_texts(),
            "next": safe_next(self.request),
            "layout": STANDALONE_LAYOUT if forced else "base.html",
            "breadcrumbs": [{"label": _("Change password"), "url": ""}],
        }
        return render(self.request, self.template_name, context)

    def get(self, request):
        return self.render_page(PasswordChangeForm())

    def post(self, request):
        form = PasswordChangeForm(request.POST)
        if form.is_valid():
            try:
                services.password_change(
                    user=request.user,
                    old_password=form.cleaned_data["old_password"],
                    new_password=form.cleaned_data["new_password"],
                )
            except ValidationError as error:
                add_password_errors(form, error)
            else:
                update_session_auth_hash(request, request.user)  # stay signed in with the new hash
                messages.success(request, _("Your password has been changed."))
                return redirect(safe_next(request))
        return self.render_page(form)


def add_password_errors(form, error: ValidationError, field: str = "new_password") -> None:
    """Policy errors from validate_password carry no field: they belong to the new password."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(field, error.messages)
