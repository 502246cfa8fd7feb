import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from concentric.accounts.api.serializers import RoleAssignmentSerializer, UserCreateSerializer, UserSerializer
from concentric.accounts.api.tokens import api_token_issue, api_token_revoke
from concentric.core.roles import Role
from concentric.accounts.filtersets import UserFilterSet
from concentric.accounts.models import RoleAssignment, User
from concentric.accounts.services import role_grant, role_revoke, user_create, user_update
from concentric.core.api import (
    KeysetPagination,
    PartialUpdateModelMixin,
    ScopedViewSetMixin,
)
from concentric.core.filtering import FilterSet


class UserPagination(KeysetPagination):
    ordering = "username"


class UserViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    PartialUpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Accounts the user may see (unit and system administrators within their units, the security
    administrator to grant roles). Accounts are disabled with ``is_active``, never deleted."""

    access = "list"
    model = User
    serializer_class = UserSerializer
    filterset_class = UserFilterSet
    pagination_class = UserPagination

    def get_queryset(self):
        return super().get_queryset().select_related("org_unit")

    def get_serializer_class(self):
        return UserCreateSerializer if self.action == "create" else UserSerializer

    def create_through_service(self, data):
        try:
            return user_create(actor=self.request.user, initial_role=data.pop("initial_role", "") or "", **data)
        except DjangoValidationError as error:
            if hasattr(error, "error_dict"):
                raise
            # The one check that answers a bare list is the password policy.
            raise DjangoValidationError({"password": error.messages}) from error

    def update_through_service(self, instance, data, version):
        return user_update(actor=self.request.user, user_id=instance.pk, version=version, **data)


class RoleAssignmentPagination(KeysetPagination):
    ordering = "-id"


class RoleAssignmentFilterSet(FilterSet):
    """Plain ids: a filter never says whether an id outside the user's units exists."""

    user = django_filters.NumberFilter(field_name="user_id")
    org_unit = django_filters.NumberFilter(field_name="org_unit_id")
    role = django_filters.ChoiceFilter(choices=Role.choices)

    class Meta:
        model = RoleAssignment
        fields = ["user", "org_unit", "role"]


class RoleAssignmentViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Roles held on units. Unit administrators grant and revoke business roles within their
    units; the security administrator any role. Nobody changes their own roles."""

    access = "list"
    model = RoleAssignment
    serializer_class = RoleAssignmentSerializer
    filterset_class = RoleAssignmentFilterSet
    pagination_class = RoleAssignmentPagination

    def get_queryset(self):
        return super().get_queryset().select_related("user", "org_unit")

    def create_through_service(self, data):
        return role_grant(actor=self.request.user, user=data["user"], org_unit=data["org_unit"], role=data["role"])

    def delete_through_service(self, instance):
        role_revoke(actor=self.request.user, assignment_id=instance.pk)


class OwnTokenView(APIView):
    """Your own API token, for scripts: send it as ``Authorization: Token <key>``. Obtained from a
    signed-in browser session only (a token cannot renew itself); POST replaces the old token."""

    access = "write"
    authentication_classes = [SessionAuthentication]
    renderer_classes = [JSONRenderer]

    @extend_schema(
        request=None,
        responses={
            201: inline_serializer(
                "ApiToken",
                {
                    "token": serializers.CharField(),
                    "created": serializers.DateTimeField(),
                    "expires_at": serializers.DateTimeField(),
                },
            )
        },
    )
    def post(self, request):
        token = api_token_issue(user=request.user)
        return Response(
            {"token": token.key, "created": token.created, "expires_at": token.expires_at},
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=None, responses={204: None})
    def delete(self, request):
        api_token_revoke(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
