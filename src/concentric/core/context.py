"""Who is acting, from where: set per request by the middleware, read by audit_record."""

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    ip: str = ""


current = ContextVar("concentric_request_context", default=RequestContext())
