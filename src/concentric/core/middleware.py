import secrets

from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.http import HttpResponseNotFound
from django.http.request import split_domain_port
from django.utils.translation import gettext as _

from concentric.core import context, registry

# No external origin anywhere: every script, style, font and image comes from this server.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def client_ip(request) -> str:
    """The client's address. Behind CONCENTRIC_TRUSTED_PROXIES reverse proxies, each appends the
    address it received from to X-Forwarded-For, so the client is that many entries from the end;
    entries further left were written by the client and are not trusted."""
    proxies = settings.TRUSTED_PROXIES
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies][:45]
    return request.META.get("REMOTE_ADDR", "")


class RequestIdMiddleware:
    """Gives each request an id (echoed in X-Request-ID) and publishes it with the client IP
    to the audit context."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = secrets.token_hex(8)
        token = context.current.set(context.RequestContext(request_id=request.request_id, ip=client_ip(request)))
        try:
            response = self.get_response(request)
        finally:
            context.current.reset(token)
        response["X-Request-ID"] = request.request_id
        return response


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # Pages with personal data must not linger in shared browser caches.
            response.setdefault("Cache-Control", "no-store")
        return response


def is_public_path(path: str) -> bool:
    """Whether ``path`` is in a public part of the site (core.registry.add_pages(public=True))."""
    return path.startswith(registry.public_prefixes())


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's, except in the public parts of the site: there the request holds an empty session
    that is neither loaded from the cookie nor saved, so the request reads and writes no session
    (no query, no Set-Cookie, no Vary: Cookie) and a signed-in user is anonymous like everybody:
    the pages are the same for all and may be cached as such."""

    def process_request(self, request):
        if is_public_path(request.path_info):
            request.session = self.SessionStore()
            return
        super().process_request(request)

    def process_response(self, request, response):
        if is_public_path(request.path_info):
            return response
        return super().process_response(request, response)


class PublicHostMiddleware:
    """A request for one of CONCENTRIC_PORTAL_HOSTS (the names the internet reaches the platform by,
    through the gateway) gets only the public parts of the site and the static files; any other
    path answers 404 before a session, a user or a view is involved."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        hosts = settings.PORTAL_HOSTS
        if hosts and self.host(request) in hosts:
            path = request.path_info
            if not (is_public_path(path) or path.startswith(settings.STATIC_URL)):
                return HttpResponseNotFound(_("Page not found"), content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    @staticmethod
    def host(request) -> str:
        domain, _port = split_domain_port(request.META.get("HTTP_HOST", "") or request.META.get("SERVER_NAME", ""))
        return domain.lower()
