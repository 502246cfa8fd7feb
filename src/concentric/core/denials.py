"""Refused access, audited: MLPS level 3 asks for security events, not only successful operations.

A 403 anywhere (page or API), and a 404 on a record's route when the record exists outside the
user's units, leave an audit event with result "denied": who, which route, which record was
asked for. A crawler cannot flood the log: at most DENIALS_PER_WINDOW events per user and route
in each window of DENIAL_WINDOW_SECONDS (counted in the cache of each serving process); further
refusals in the window are not recorded again.
"""

from django.core.cache import cache

from concentric.core.auditing import Result, audit_record

DENIALS_PER_WINDOW = 10
DENIAL_WINDOW_SECONDS = 600


def record_denial(request, *, object_type: str = "", object_id="", reason: str = "") -> None:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return
    match = getattr(request, "resolver_match", None)
    route = match.view_name if match else request.path[:200]
    if object_id in ("", None) and match is not None:
        object_id = match.kwargs.get("pk", "")
    key = f"concentric:denied:{user.pk}:{route}"
    if cache.add(key, 1, DENIAL_WINDOW_SECONDS):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # the window ended between the two calls
            cache.set(key, 1, DENIAL_WINDOW_SECONDS)
            count = 1
    if count > DENIALS_PER_WINDOW:
        return
    audit_record(
        actor=user, action="access", object_type=object_type, object_id=str(object_id)[:64],
        object_repr=f"{request.method} {request.path}"[:200], result=Result.DENIED,
        reason=(f"route={route}; {reason}" if reason else f"route={route}")[:500],
    )


def record_if_out_of_scope(request, model, pk) -> None:
    """A record's route answered 404: audited as denied when the record exists (out of scope)."""
    try:
        exists = model._default_manager.filter(pk=pk).exists()
    except (ValueError, TypeError, OverflowError):
        return
    if exists:
        record_denial(request, object_type=model._meta.label_lower, object_id=pk, reason="outside the user's units")


class DeniedAccessMiddleware:
    """Audits every 403 answered to a signed-in user (pages and API alike)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403:
            record_denial(request, reason="forbidden")
        return response
