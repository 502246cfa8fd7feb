"""The one user filter, shared by the user list page, the API and exports."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from concentric.accounts.models import RoleAssignment, User
from concentric.core.forms import UnitChoiceField
from concentric.core.roles import Role
from concentric.core.scoping import Action
from concentric.org.selectors import visible_units


def _visible_units(request):
    return visible_units(getattr(request, "user", None))


class UnitFilterChoice(django_filters.ModelChoiceFilter):
    field_class = UnitChoiceField


class UserFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Username or name"), method="filter_text")
    unit = UnitFilterChoice(
        label=_("Unit (with subunits)"), queryset=_visible_units, method="filter_unit", empty_label=_("All")
    )
    role = django_filters.ChoiceFilter(
        label=_("Role"), choices=Role.choices, method="filter_role", empty_label=_("All")
    )
    active = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("1", _("Active")), ("0", _("Disabled"))],
        method="filter_active",
        empty_label=_("All"),
    )

    class Meta:
        model = User
        fields = []

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(username__icontains=value) | Q(full_name__icontains=value))

    @extend_schema_field(OpenApiTypes.INT)  # the unit's id (the OpenAPI schema cannot guess it)
    def filter_unit(self, queryset, name, value):
        return queryset.filter(org_unit__path__startswith=value.path)

    def filter_role(self, queryset, name, value):
        user = getattr(self.request, "user", None)
        holders = RoleAssignment.objects.visible_to(user, Action.VIEW).filter(role=value).values("user_id")
        return queryset.filter(pk__in=holders)

    def filter_active(self, queryset, name, value):
        return queryset.filter(is_active=value == "1")
