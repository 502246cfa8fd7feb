"""Refused access, audited: MLPS level 3 asks for security events, not only successful operations.

Every 403 answered to a signed-in user (page or API), and every 404 on a record's route when the
record exists but is outside what the user may reach, leaves one audit event with result
"denied": who, which route (in ``reason``), which kind of record and which one was asked for.
``DeniedAccessMiddleware`` sees every answer, so any view is covered, the kit's or its own; the
route's view names its records with ``model`` and the URL names the record ``pk``.

A crawler cannot flood the log: at most DENIALS_PER_WINDOW events per user and route in each
window of DENIAL_WINDOW_SECONDS (counted in the cache of each serving process); further refusals
in the window are not recorded again.
"""

from concentric.core import ratelimit
from concentric.core.auditing import Result, audit_record
from concentric.core.scoping import Action, action_for_method

DENIALS_PER_WINDOW = 10
DENIAL_WINDOW_SECONDS = 600
FORBIDDEN = "forbidden"
OUT_OF_SCOPE = "outside the user's units"


def _route_view(match):
    """The class (or function) of the view a URL resolved to: where ``model`` is declared."""
    func = match.func
    return getattr(func, "cls", None) or getattr(func, "view_class", None) or func


def note_records(request, model) -> None:
    """Name the records the request's view works on, for a view whose class does not (one page
    for every import kind): called by the kit's pages and the API's views as they start."""
    request.records_model = model


def _route_model(request, match):
    noted = getattr(request, "records_model", None)
    if noted is not None:
        return noted
    return getattr(_route_view(match), "model", None) if match is not None else None


def _over_limit(user, route: str) -> bool:
    return ratelimit.hit(f"concentric:denied:{user.pk}:{route}", limit=DENIALS_PER_WINDOW, window=DENIAL_WINDOW_SECONDS)


def record_denial(request, *, reason: str) -> None:
    """The "denied" access event of this request, within the per-user-and-route limit."""
    user = request.user
    match = getattr(request, "resolver_match", None)
    route = match.view_name if match else request.path[:200]
    if _over_limit(user, route):
        return
    model = _route_model(request, match)
    audit_record(
        actor=user,
        action="access",
        object_type=model._meta.label_lower if model is not None else "",
        object_id=str(match.kwargs.get("pk", "") if match else "")[:64],
        object_repr=f"{request.method} {request.path}"[:200],
        result=Result.DENIED,
        reason=f"route={route}; {reason}"[:500],
    )


def _out_of_scope(request, match) -> bool:
    """Whether a 404 on this route hid a record that exists beyond the user's reach: for a page,
    one the user may not see; for the API, one the method's action does not reach."""
    model, pk = _route_model(request, match), match.kwargs.get("pk")
    if model is None or pk is None:
        return False
    try:
        if not model._default_manager.filter(pk=pk).exists():
            return False
    except (ValueError, TypeError, OverflowError):
        return False
    if not hasattr(model.objects, "visible_to"):
        return True
    is_api = getattr(match.func, "cls", None) is not None
    action = action_for_method(request.method) if is_api else Action.VIEW
    return not model.objects.visible_to(request.user, action).filter(pk=pk).exists()


class DeniedAccessMiddleware:
    """Audits every 403, and every 404 hiding an existing record, answered to a signed-in user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        status = response.status_code
        if status not in (403, 404):
            return response
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return response
        match = getattr(request, "resolver_match", None)
        if status == 403:
            record_denial(request, reason=FORBIDDEN)
        elif match is not None and _out_of_scope(request, match):
            record_denial(request, reason=OUT_OF_SCOPE)
        return response
