import django_filters
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from concentric.accounts.api.serializers import RoleAssignmentSerializer, UserCreateSerializer, UserSerializer
from concentric.accounts.api.tokens import api_token_issue, api_token_revoke
from concentric.accounts.crud import UserCrud
from concentric.accounts.models import RoleAssignment, User
from concentric.accounts.services import role_grant, role_revoke
from concentric.core.api import KeysetPagination, ScopedViewSetMixin
from concentric.core.kit.api import CrudViewSet
from concentric.core.roles import Role
from concentric.core.scoping import Action
from concentric.org.selectors import visible_units


class UserViewSet(CrudViewSet):
    """Accounts the user may see (unit and system administrators within their units, the security
    administrator to grant roles). Accounts are disabled with ``is_active``, never deleted."""

    crud = UserCrud
    serializer_class = UserSerializer
    create_serializer_class = UserCreateSerializer

    def create_through_service(self, data):
        data["initial_role"] = data.get("initial_role") or ""
        return super().create_through_service(data)


class RoleAssignmentPagination(KeysetPagination):
    ordering = "-id"


def _visible_users(request):
    return User.objects.visible_to(getattr(request, "user", None), Action.VIEW)


def _visible_units(request):
    return visible_units(getattr(request, "user", None))


class RoleAssignmentFilterSet(django_filters.FilterSet):
    """An account or a unit outside the user's scope is refused exactly as one that does not
    exist is (the same 400): the filter says nothing of what lies beyond the scope."""

    user = django_filters.ModelChoiceFilter(queryset=_visible_users)
    org_unit = django_filters.ModelChoiceFilter(queryset=_visible_units)
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
