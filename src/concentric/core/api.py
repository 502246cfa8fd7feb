"""API foundations: the scoped viewset base, keyset pagination and JSON error bodies.

A resource's viewset combines ``ScopedViewSetMixin`` with the DRF mixins it needs:

- reads: ``Model.objects.visible_to(user, action)`` with the action taken from the HTTP method
  (GET -> view, POST -> add, PATCH -> change, DELETE -> delete). A user whose roles grant the
  action on no unit at all gets 403; a row outside the user's units answers 404 like a missing one.
- writes: ``create_through_service`` / ``update_through_service`` / ``delete_through_service``;
  serializers only validate and present, they never save.
- errors: ``{"code", "message", "fields"}`` for every status, a stale version answers 409 "stale".
"""

from django.apps import apps
from django.core import signals
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.log import log_response
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import extend_schema_field
from rest_framework import (
    exceptions,
    permissions,
    serializers,
    status,
)
from rest_framework.fields import Field
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.pagination import CursorPagination
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from concentric.core import denials
from concentric.core.ids import as_integer, fits_id
from concentric.core.masking import mask, mask_date
from concentric.core.scoping import Action, action_for_method, can
from concentric.core.services import StaleRecord


class KeysetPagination(CursorPagination):
    """Cursor (keyset) paging: no COUNT(*), no deep OFFSET. Views set ``ordering``."""

    ordering = "-pk"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


class FileNegotiation(DefaultContentNegotiation):
    """For a route that answers a file (an export, an attached file): whatever the request
    accepts or ``format`` says, the file is the answer and errors are JSON."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


# --- permissions ----------------------------------------------------------------------------


class ScopedPermission(permissions.BasePermission):
    """Some role of the user grants the method's action on the view's model (403 otherwise).
    Which rows the action reaches is decided by the view's queryset (404 outside)."""

    def has_permission(self, request, view):
        if getattr(view, "action_map", None) is not None and view.action is None:
            return True  # a method this route does not serve: the view answers 405
        return can(request.user, action_for_method(request.method), view.model)


class ScopedAPIView:
    """Mixin of every API view that works on a model's records: the account checks of the
    settings' DEFAULT_PERMISSION_CLASSES (signed in, in good standing), then ScopedPermission."""

    def get_permissions(self):
        return [*super().get_permissions(), ScopedPermission()]

    def initial(self, request, *args, **kwargs):
        denials.note_records(request._request, self.model)  # before the permission checks
        super().initial(request, *args, **kwargs)


# --- serializers ----------------------------------------------------------------------------


class IdRelatedField(serializers.PrimaryKeyRelatedField):
    """A related record chosen by its id, which must fit the database (core.ids) before it is
    looked up: an out-of-range integer is refused as a record that does not exist, a float or a
    boolean as the wrong type. Serializers that write (ServiceSerializerMixin) make their
    related fields of this class; ``many=True`` checks each id."""

    def to_internal_value(self, data):
        if self.pk_field is None:
            number = as_integer(data)
            if number is None:
                self.fail("incorrect_type", data_type=type(data).__name__)
            if not fits_id(number):
                self.fail("does_not_exist", pk_value=data)
            data = number
        return super().to_internal_value(data)


class ScopedPrimaryKeyRelatedField(IdRelatedField):
    """A choice of related row limited to the rows the requesting user may see: an id outside
    the user's units is refused exactly like an id that does not exist. ``model`` is the related
    model or its label ("org.OrgUnit")."""

    def __init__(self, *, model, action: Action = Action.VIEW, **kwargs):
        self.related_model = model
        self.scope_action = action
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        model = apps.get_model(self.related_model) if isinstance(self.related_model, str) else self.related_model
        return model.objects.visible_to(getattr(request, "user", None), self.scope_action)


class MaskedCharField(serializers.CharField):
    """A sensitive value: written in clear, always read back masked (``mask(value, kind)``).
    A masked value sent back is refused, so a read-modify-write cannot overwrite the real one."""

    default_error_messages = {
        "masked": gettext_lazy("Enter the full value; a masked value cannot be saved."),
    }

    def __init__(self, *, kind: str, **kwargs):
        self.kind = kind
        kwargs.setdefault("allow_blank", True)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if "*" in value:
            self.fail("masked")
        return value

    def to_representation(self, value):
        return mask(value, self.kind)


@extend_schema_field({"type": "string", "example": "1950-**-**"})
class MaskedDateField(serializers.DateField):
    """A sensitive date (a member's birth date): written as a date, read back with the year only;
    a masked date sent back is refused as MaskedCharField refuses masked values."""

    default_error_messages = {"masked": MaskedCharField.default_error_messages["masked"]}

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, str) and "*" in data:
            self.fail("masked")
        return super().to_internal_value(data)

    def to_representation(self, value):
        return mask_date(value) if value else None


class ServiceSerializerMixin:
    """Serializers validate and present; saving is the service's job (see ScopedViewSetMixin)."""

    serializer_related_field = IdRelatedField  # the related fields a ModelSerializer makes itself

    def create(self, validated_data):
        raise NotImplementedError("writes go through services: call them from the viewset")

    def update(self, instance, validated_data):
        raise NotImplementedError("writes go through services: call them from the viewset")


class VersionField(serializers.IntegerField):
    """The optimistic-locking version: shown on reads, required on every change (PATCH body, or
    ``?version=`` on DELETE). Creation serializers declare it read-only."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault(
            "help_text", "The version you read; a change based on an older version is refused with 409 (stale)."
        )
        super().__init__(**kwargs)


def required_version(request) -> int:
    """The ``version`` a change is based on, from the body or the query string; 400 when missing."""
    raw = request.data.get("version") if hasattr(request.data, "get") else None
    if raw in (None, ""):
        raw = request.query_params.get("version")
    field = VersionField()
    if raw in (None, ""):
        raise exceptions.ValidationError({"version": [Field.default_error_messages["required"]]})
    try:
        return field.run_validation(raw)
    except exceptions.ValidationError as error:
        raise exceptions.ValidationError({"version": error.detail}) from None


# --- viewsets -------------------------------------------------------------------------------


class ScopedViewSetMixin(ScopedAPIView):
    """Base of every API resource. Subclasses set ``model``, ``serializer_class``, ``access``
    (on the class, usually "list": the access-matrix test requires it and works out read or write
    per route and HTTP method) and the ``*_through_service`` hooks their routes need."""

    model = None
    renderer_classes = [JSONRenderer]  # JSON only: no browsable HTML API beside the docs
    parser_classes = [JSONParser]
    http_method_names = ["get", "post", "patch", "delete", "head"]
    lookup_value_converter = "int"

    @property
    def scope_action(self) -> Action:
        return action_for_method(self.request.method)

    def get_queryset(self):
        return self.model.objects.visible_to(getattr(self.request, "user", None), self.scope_action)

    def perform_create(self, serializer):
        serializer.instance = self.create_through_service(dict(serializer.validated_data))

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)
        serializer.instance = self.update_through_service(serializer.instance, data, required_version(self.request))

    def perform_destroy(self, instance):
        self.delete_through_service(instance)

    def create_through_service(self, data: dict):
        raise exceptions.MethodNotAllowed(self.request.method)

    def update_through_service(self, instance, data: dict, version: int):
        raise exceptions.MethodNotAllowed(self.request.method)

    def delete_through_service(self, instance):
        raise exceptions.MethodNotAllowed(self.request.method)


class PartialUpdateModelMixin:
    """PATCH only (no PUT): send the fields to change and the ``version`` they were read at."""

    def partial_update(self, request, *args, **kwargs):
        instance = self.get_object()
        required_version(request)
        serializer = self.get_serializer(instance, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        self.perform_update(serializer)
        return Response(self.get_serializer(serializer.instance).data)


# --- errors ---------------------------------------------------------------------------------


def _as_list(value) -> list[str]:
    if isinstance(value, dict):
        return [f"{key}: {item}" for key, items in value.items() for item in _as_list(items)]
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in _as_list(item)]
    return [str(value)]


def _fields_of(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {str(key): _as_list(value) for key, value in detail.items()}
    return {"non_field_errors": _as_list(detail)}


def _to_drf(exc):
    if isinstance(exc, StaleRecord):
        error = exceptions.APIException(exc.messages[0], code="stale")
        error.status_code = status.HTTP_409_CONFLICT
        return error
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    return exc


def exception_handler(exc, context):
    """Every API error answers ``{"code", "message", "fields"}``; an unexpected exception too
    (500 "server_error", whatever DEBUG says: no traceback leaves the server)."""
    exc = _to_drf(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return _server_error(exc, context["request"])
    if isinstance(exc, exceptions.ValidationError):
        fields = _fields_of(exc.detail)
        general = fields.pop("non_field_errors", []) + fields.pop(NON_FIELD_ERRORS, [])
        message = general[0] if general else _("Please correct the errors below.")
        body = {"code": "invalid", "message": message, "fields": fields}
    else:
        codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
        body = {
            "code": codes if isinstance(codes, str) else "error",
            "message": str(getattr(exc, "detail", exc)),
            "fields": {},
        }
    response.data = body
    return response


def server_error_body() -> dict:
    return {"code": "server_error", "message": str(exceptions.APIException.default_detail), "fields": {}}


def _server_error(exc, request):
    """What Django does with an uncaught exception (the request_exception signal, the error log
    with its traceback), answered in the contract's format instead of Django's page."""
    django_request = getattr(request, "_request", request)
    set_rollback()
    signals.got_request_exception.send(sender=None, request=django_request)
    response = Response(server_error_body(), status=status.HTTP_500_INTERNAL_SERVER_ERROR)
    log_response(
        "%s: %s", "Internal Server Error", django_request.path, response=response, request=django_request, exception=exc
    )
    return response


def api_server_error(request):
    """The 500 of a failure under the API outside its views (the shell's handler500)."""
    return JsonResponse(server_error_body(), status=status.HTTP_500_INTERNAL_SERVER_ERROR)


def error_response(code: str, message: str, fields: dict | None = None, *, http_status=status.HTTP_400_BAD_REQUEST):
    return Response({"code": code, "message": message, "fields": fields or {}}, status=http_status)


@csrf_exempt  # it writes nothing: without this, an unsafe method got Django's CSRF page, not the 404
def api_not_found(request, *args, **kwargs):
    """Any path under the API that no route matches, by any method: a JSON 404, not the HTML page."""
    return JsonResponse(
        {"code": "not_found", "message": str(exceptions.NotFound.default_detail), "fields": {}},
        status=status.HTTP_404_NOT_FOUND,
    )


api_not_found.access = "public"
