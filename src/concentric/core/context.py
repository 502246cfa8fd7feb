"""Who is acting, from where: set per request by the middleware, read by audit_record."""

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    ip: str = ""


# Outside a request (a management command, the import worker): no request id, no address.
NO_REQUEST = RequestContext()

current: ContextVar[RequestContext | None] = ContextVar("concentric_request_context", default=None)


def get() -> RequestContext:
    """The context of the request being served, or ``NO_REQUEST`` outside one."""
    value = current.get()
    return NO_REQUEST if value is None else value
