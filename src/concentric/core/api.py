"""API foundations: the scoped viewset base, keyset pagination and JSON error bodies."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class KeysetPagination(CursorPagination):
    """Cursor (keyset) paging: no COUNT(*), no deep OFFSET. Views set ``ordering``."""

    ordering = "-pk"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


def _flatten(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {
            str(key): [str(item) for item in (value if isinstance(value, list) else [value])]
            for key, value in detail.items()
        }
    return {}


def exception_handler(exc, context):
    """Every API error answers ``{"code", "message", "fields"}``."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten(exc.detail) if isinstance(exc.detail, dict) else {"non_field_errors": _flatten({"x": exc.detail})["x"]}
        general = fields.pop("non_field_errors", [])
        message = general[0] if general else _("Please correct the errors below.")
        body = {"code": "invalid", "message": message, "fields": fields}
    else:
        code = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
        body = {"code": code if isinstance(code, str) else "error", "message": str(getattr(exc, "detail", exc)), "fields": {}}
    response.data = body
    return response


def error_response(code: str, message: str, fields: dict | None = None, *, http_status=status.HTTP_400_BAD_REQUEST):
    return Response({"code": code, "message": message, "fields": fields or {}}, status=http_status)
