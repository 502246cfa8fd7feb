"""The OpenAPI schema of the API as the server answers it, for client generators and fuzzers.

drf-spectacular documents each operation's success answer; ``AutoSchema`` (DEFAULT_SCHEMA_CLASS)
adds the errors the operation can answer, all in the contract's format (component ``Error``):

- 400 when the operation takes a body or query parameters (invalid values, malformed JSON);
- 401 when its first authentication answers a challenge (token: ``WWW-Authenticate: Token``);
- 403 always (a role that does not grant the action, an account to fix first, a missing CSRF
  token on a session);
- 404 when a record is named in the path or the list is paged (an unknown cursor);
- 409 for a change or deletion based on a ``version`` (stale);
- 415 when the operation takes a body (a media type it does not parse).

``dependent_choices`` documents a choice whose valid values depend on another field's value;
``postprocess_links`` adds the OpenAPI links from an answer naming a record to the operations on
that record, with the ``version`` they need, for clients and stateful fuzzing to follow.
"""

import re
from collections.abc import Iterable, Mapping

from drf_spectacular import openapi
from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.plumbing import force_instance
from rest_framework import serializers

ERROR_STATUSES = {
    400: "The request is invalid: ``fields`` names each wrong field (code ``invalid``, ``parse_error``).",
    401: "Not signed in, or the token is unknown or expired.",
    403: "Your roles do not allow this, or your account must be put in order first.",
    404: "No such record within your units, or no such page.",
    409: "The record changed since you read it (code ``stale``): read it again.",
    415: "The request body's media type is not accepted here.",
}


class ErrorSerializer(serializers.Serializer):
    """Every error answer of the API."""

    code = serializers.CharField(help_text="What went wrong, for programs: invalid, not_found, stale, …")
    message = serializers.CharField(help_text="What went wrong, for people, in the request's language.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="The messages of each field in error; empty when the error is not about fields.",
    )

    class Meta:
        ref_name = "Error"


class AutoSchema(openapi.AutoSchema):
    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        error = {"application/json": {"schema": self.resolve_serializer(ErrorSerializer, "response").ref}}
        for code in self.error_statuses(operation):
            operation["responses"].setdefault(str(code), {"content": error, "description": ERROR_STATUSES[code]})
        return operation

    def error_statuses(self, operation) -> list[int]:
        names = {(parameter["in"], parameter["name"]) for parameter in operation.get("parameters", [])}
        paging = self._paging_parameters()
        body = "requestBody" in operation
        statuses = [403]
        if body or any(where == "query" and name not in paging for where, name in names):
            statuses.append(400)  # the paging parameters are never refused: a bad size is ignored
        if self._challenges():
            statuses.append(401)
        if any(where == "path" for where, _name in names) or any(("query", name) in names for name in paging[:1]):
            statuses.append(404)  # a record of the path, or a list page's cursor
        if (
            self.method == "PATCH"
            or (self.method == "DELETE" and ("query", "version") in names)
            or (self.method == "POST" and body and self._body_takes_version())
        ):
            statuses.append(409)
        if body:
            statuses.append(415)
        return sorted(statuses)

    def _body_takes_version(self) -> bool:
        """An action on a record that carries the version read (an activity's status change)."""
        serializer = force_instance(self.get_request_serializer())
        field = serializer.fields.get("version") if hasattr(serializer, "fields") else None
        return field is not None and not field.read_only

    def _paging_parameters(self) -> tuple[str, ...]:
        """The cursor's parameter, then the page size's, when the operation is a paged list."""
        paginator = self._get_paginator() if self._is_list_view() else None
        names = (getattr(paginator, "cursor_query_param", None), getattr(paginator, "page_size_query_param", None))
        return tuple(name for name in names if name)

    def _challenges(self) -> bool:
        """Whether an anonymous request answers 401 (DRF answers 403 when the view's first
        authentication has no challenge to send, as a session has none)."""
        authenticators = self.view.get_authenticators()
        return bool(authenticators) and bool(authenticators[0].authenticate_header(self.view.request))


DEPENDENT_CHOICES = "x-dependent-choices"  # moved into oneOf by postprocess_dependent_choices


def dependent_choices(*, on: str, field: str, choices: Mapping[str, Iterable[str]]):
    """Class decorator of a serializer whose ``field`` accepts, for each value of ``on``, only the
    values ``choices`` gives: its request schema says so (``oneOf`` one branch per value of
    ``on``), so generated requests can satisfy it. The server still checks it."""

    def decorate(serializer_class):
        branches = [
            {"properties": {on: {"enum": [str(value)]}, field: {"enum": sorted(str(item) for item in allowed)}}}
            for value, allowed in choices.items()
        ]

        class DependentChoices(OpenApiSerializerExtension):
            target_class = serializer_class

            def map_serializer(self, auto_schema, direction):
                schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
                if direction == "request":
                    schema[DEPENDENT_CHOICES] = branches
                return schema

        return serializer_class

    return decorate


def postprocess_dependent_choices(result, generator, **kwargs):
    """A POSTPROCESSING_HOOK after drf-spectacular's enum naming, which would otherwise take each
    branch's few values for a choice set of its own and name them all alike."""
    for schema in result.get("components", {}).get("schemas", {}).values():
        branches = schema.pop(DEPENDENT_CHOICES, None)
        if branches:
            schema["oneOf"] = branches
    return result


HTTP_METHODS = ("get", "post", "put", "patch", "delete")
LIST_RECORD = "/results/0"  # the first record of a paged list's answer


def postprocess_links(result, generator, **kwargs):
    """A POSTPROCESSING_HOOK: each answer that holds a record (a created one, a read one, the first
    of a list) links to the operations on that record: ``…/{id}/`` and the paths below it. The
    record's ``id`` fills their path, its ``version`` their ``version`` (query or body)."""
    paths = result.get("paths", {})
    schemas = result.get("components", {}).get("schemas", {})
    for path, item in paths.items():
        if re.search(r"\{\w+\}", path.removesuffix("{id}/")):
            continue  # a path below a record (its path steps): what it answers is not ``{id}``'s
        record_path = path if path.endswith("{id}/") else f"{path}{{id}}/"
        targets = [
            operation
            for target_path, target_item in paths.items()
            if target_path.startswith(record_path)
            for method, operation in target_item.items()
            if method in HTTP_METHODS
        ]
        for method, operation in item.items():
            if method not in HTTP_METHODS:
                continue
            for status, response in operation["responses"].items():
                pointer, record = _record_of(response, schemas) if status.startswith("2") else ("", None)
                if record is None or "id" not in record:
                    continue
                links = {
                    target["operationId"]: _link(target, pointer, record, schemas)
                    for target in targets
                    if not (target is operation and method == "get")  # reading it again tells nothing
                }
                if links:
                    response["links"] = links
    return result


def _link(target, pointer: str, record: dict, schemas) -> dict:
    link = {"operationId": target["operationId"], "parameters": {"path.id": f"$response.body#{pointer}/id"}}
    if "version" in record:
        if any(p["in"] == "query" and p["name"] == "version" for p in target.get("parameters", [])):
            link["parameters"]["query.version"] = f"$response.body#{pointer}/version"
        elif "version" in _request_properties(target, schemas):
            link["requestBody"] = {"version": f"$response.body#{pointer}/version"}
    return link


def _resolve(schema, schemas):
    while isinstance(schema, dict) and "$ref" in schema:
        schema = schemas.get(schema["$ref"].rsplit("/", 1)[-1], {})
    return schema or {}


def _record_of(response, schemas) -> tuple[str, dict | None]:
    """Where the answer's record is (JSON pointer) and its properties; None when it holds none."""
    schema = _resolve(response.get("content", {}).get("application/json", {}).get("schema"), schemas)
    properties = schema.get("properties", {})
    if "results" in properties:
        return LIST_RECORD, _resolve(properties["results"].get("items"), schemas).get("properties")
    return "", properties or None


def _request_properties(operation, schemas) -> dict:
    content = operation.get("requestBody", {}).get("content", {})
    return _resolve(content.get("application/json", {}).get("schema"), schemas).get("properties", {})
