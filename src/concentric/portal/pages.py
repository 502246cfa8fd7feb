"""What every portal answer shares: the rate limit per address, the cache of rendered pages keyed
by the public generation (publishing.selectors.public_generation), and the headers of a public,
cacheable, script-free page.

A page served from the cache runs no database query: the limit, the generation and the page are
all read from the shared cache. A page is rendered without the request's context processors (no
user, no menu, no CSRF token: the portal has none of them), so its first rendering reads only
what the view's selectors read."""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.views import View

from concentric.core import ratelimit
from concentric.core.kit.file_pages import stored_file_response
from concentric.core.middleware import client_ip
from concentric.publishing.selectors import SHARED_CACHE, public_generation

RATE_WINDOW_SECONDS = 60
PAGE_SECONDS = 3600  # a rendered page stays in the cache this long at most (a new generation ends it sooner)
MAX_AGE_SECONDS = 300  # how long browsers and shared caches on the way may keep a public answer
# No script at all, nothing from elsewhere, no frame, no form posting anywhere but here.
PAGE_POLICY = "; ".join(
    [
        "default-src 'none'",
        "img-src 'self'",
        "style-src 'self'",
        "font-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)


def shared_cache():
    return caches[SHARED_CACHE]


def public_headers(response):
    response["Cache-Control"] = f"public, max-age={MAX_AGE_SECONDS}"
    return response


def page_response(content: str, status: int = 200) -> HttpResponse:
    response = HttpResponse(content, status=status)
    response["Content-Security-Policy"] = PAGE_POLICY
    response["X-Content-Type-Options"] = "nosniff"
    return response


def render_page(template: str, context: dict) -> str:
    return render_to_string(template, {"portal_home": reverse("portal:home"), **context})


def not_found() -> HttpResponse:
    """What any record that is not public answers, exactly as one that does not exist."""
    return page_response(render_page("portal/404.html", {}), status=404)


def too_many() -> HttpResponse:
    response = page_response(render_page("portal/429.html", {}), status=429)
    response["Retry-After"] = str(RATE_WINDOW_SECONDS)
    return response


class PortalView(View):
    """A portal answer: open to anybody, GET only, counted against the address's rate."""

    access = "public"
    http_method_names = ["get", "head"]

    def dispatch(self, request, *args, **kwargs):
        address = client_ip(request) or "unknown"
        limited = ratelimit.hit(
            f"portal:rate:{address}", limit=settings.PORTAL_RATE, window=RATE_WINDOW_SECONDS, cache=shared_cache()
        )
        if limited:
            return too_many()
        return super().dispatch(request, *args, **kwargs)


class PortalPage(PortalView):
    """A rendered page, served from the cache while nothing public changed. ``context`` answers
    the page's context, or None for a record that is not public (404, never cached)."""

    template_name = ""

    def query(self) -> dict:
        """The query parameters the page reads, cleaned: they, not the raw query string, key the cache."""
        return {}

    def context(self, **kwargs) -> dict | None:
        raise NotImplementedError  # abstract: each page reads its own records

    def cache_key(self, params: dict) -> str:
        request = self.request
        where = f"{request.scheme}://{request.get_host()}{request.path}?{sorted(params.items())}"
        digest = hashlib.sha256(where.encode()).hexdigest()
        return f"portal:page:{public_generation()}:{get_language()}:{digest}"

    def get(self, request, **kwargs):
        params = self.query()
        key = self.cache_key(params)
        content = shared_cache().get(key)
        if content is None:
            context = self.context(**params, **kwargs)
            if context is None:
                return not_found()
            context.setdefault("page_url", request.build_absolute_uri(request.path))
            content = render_page(self.template_name, context)
            shared_cache().set(key, content, PAGE_SECONDS)
        return public_headers(page_response(content))


class PortalFile(PortalView):
    """A stored file of a public item, with the safe headers of core's file serving."""

    def find(self, pk):
        """(the file field, its type, the name it is served under), or None when not public."""
        raise NotImplementedError  # abstract: each kind of file has its own record

    def get(self, request, pk):
        found = self.find(pk)
        if found is None:
            return not_found()
        file, content_type, name = found
        try:
            response = stored_file_response(file, content_type=content_type, name=name)
        except Http404:
            return not_found()
        return public_headers(response)
