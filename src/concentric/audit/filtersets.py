"""The audit-log FilterSet shared by the page and its export. Dates are calendar days in the
project's time zone (Asia/Shanghai), turned into UTC instants for the query."""

from datetime import datetime, time, timedelta

import django_filters
from django import forms
from django.apps import apps
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concentric.audit.choices import ACTION_CHOICES, EXTRA_OBJECT_TYPES
from concentric.audit.models import AuditEvent
from concentric.core.auditing import Result


def object_type_choices() -> list[tuple[str, str]]:
    """Every scoped model by its name (the types services audit), plus the non-model types."""
    types = {
        model._meta.label_lower: str(model._meta.verbose_name)
        for model in apps.get_models()
        if getattr(model, "scope", None) is not None
    }
    types.update({key: str(label) for key, label in EXTRA_OBJECT_TYPES.items()})
    return sorted(types.items(), key=lambda item: item[1])


def object_type_label(code: str) -> str:
    return dict(object_type_choices()).get(code, code)


def start_of_day(day) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_default_timezone())


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class AuditEventFilterSet(django_filters.FilterSet):
    date_from = django_filters.DateFilter(label=_("From date"), method="filter_date_from", widget=DateInput())
    date_to = django_filters.DateFilter(label=_("To date"), method="filter_date_to", widget=DateInput())
    actor = django_filters.CharFilter(label=_("Actor"), field_name="actor_name", lookup_expr="icontains")
    action = django_filters.ChoiceFilter(label=_("Action"), choices=ACTION_CHOICES, empty_label=_("All"))
    object_type = django_filters.ChoiceFilter(label=_("Object type"), choices=object_type_choices, empty_label=_("All"))
    result = django_filters.ChoiceFilter(label=_("Result"), choices=Result.choices, empty_label=_("All"))
    q = django_filters.CharFilter(label=_("Text"), method="filter_text")

    class Meta:
        model = AuditEvent
        fields = ["date_from", "date_to", "actor", "action", "object_type", "result", "q"]

    def filter_date_from(self, queryset, name, value):
        return queryset.filter(occurred_at__gte=start_of_day(value))

    def filter_date_to(self, queryset, name, value):
        return queryset.filter(occurred_at__lt=start_of_day(value + timedelta(days=1)))

    def filter_text(self, queryset, name, value):
        """The object's name, its id, the reason, or the exact IP address or request id."""
        return queryset.filter(
            Q(object_repr__icontains=value)
            | Q(object_id=value)
            | Q(reason__icontains=value)
            | Q(ip=value)
            | Q(request_id=value)
        )
