"""One FilterSet for each list page, its export and the API: columns, and items by column, unit,
status, period (publish date), author and words of the title or text."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from concentric.core.forms import UnitChoiceField
from concentric.core.kit.filters import BooleanFilter
from concentric.core.scoping import Action
from concentric.org.selectors import visible_units
from concentric.publishing.choices import ItemStatus
from concentric.publishing.models import Column, Item

DATE = forms.DateInput(attrs={"type": "date"})


def _user(request):
    return getattr(request, "user", None)


def _visible_units(request):
    return visible_units(_user(request))


def _columns(request):
    return Column.objects.visible_to(_user(request), Action.VIEW).order_by("sort", "pk")


def _authors(request):
    """The accounts that wrote an item the user sees."""
    users = Item._meta.get_field("author").related_model.objects
    written = Item.objects.visible_to(_user(request), Action.VIEW).exclude(author=None).values("author")
    return users.filter(pk__in=written).order_by("full_name", "pk")


class UnitFilterChoice(django_filters.ModelChoiceFilter):
    field_class = UnitChoiceField


class AuthorField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.full_name or user.username


class AuthorChoice(django_filters.ModelChoiceFilter):
    field_class = AuthorField


class ColumnFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name"), method="filter_name")
    unit = UnitFilterChoice(
        label=_("Owning unit (with subunits)"), queryset=_visible_units, method="filter_unit", empty_label=_("All")
    )
    is_public = BooleanFilter(label=_("Public"))
    is_active = BooleanFilter(label=_("In use"))

    class Meta:
        model = Column
        fields = []

    def filter_name(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(name__icontains=value) if value else queryset

    @extend_schema_field(OpenApiTypes.INT)  # the unit's id
    def filter_unit(self, queryset, name, value):
        return queryset.filter(org_unit__path__startswith=value.path)


class ItemFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("published_from"), cleaned.get("published_until")
        if start and end and start > end:
            self.add_error("published_until", _("The end of the period is before its start."))
        return cleaned


class ItemFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Title or text"), method="filter_words")
    column = django_filters.ModelChoiceFilter(
        label=pgettext_lazy("information item", "Column"),
        queryset=_columns,
        method="filter_column",
        empty_label=_("All"),
    )
    unit = UnitFilterChoice(
        label=_("Unit (with subunits)"), queryset=_visible_units, method="filter_unit", empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        label=pgettext_lazy("information item", "Status"), choices=ItemStatus.choices, empty_label=_("All")
    )
    published_from = django_filters.DateFilter(label=_("Published from"), method="filter_from", widget=DATE)
    published_until = django_filters.DateFilter(label=_("Published until"), method="filter_until", widget=DATE)
    author = AuthorChoice(label=_("Author"), queryset=_authors, empty_label=_("All"))

    class Meta:
        model = Item
        fields = []
        form = ItemFilterForm

    def filter_words(self, queryset, name, value):
        words = value.split()[:5]
        for word in words:
            queryset = queryset.filter(Q(title__icontains=word) | Q(body_text__icontains=word))
        return queryset

    @extend_schema_field(OpenApiTypes.INT)  # the column's id
    def filter_column(self, queryset, name, value):
        return queryset.filter(pk__in=Item.objects.filter(columns=value).values("pk"))

    @extend_schema_field(OpenApiTypes.INT)  # the unit's id
    def filter_unit(self, queryset, name, value):
        return queryset.filter(org_unit__path__startswith=value.path)

    def filter_from(self, queryset, name, value):
        return queryset.filter(published_at__date__gte=value)

    def filter_until(self, queryset, name, value):
        return queryset.filter(published_at__date__lte=value)
