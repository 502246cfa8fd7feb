from decimal import Decimal

from rest_framework import serializers

from concentric.core.api import ScopedPrimaryKeyRelatedField, ServiceSerializerMixin, VersionField
from concentric.org.choices import UnitKind
from concentric.quotas.choices import Period
from concentric.quotas.forms import measure_choices
from concentric.quotas.models import CalendarDay, QuotaRule


class MeasureField(serializers.CharField):
    """A registered measure's key (the registry's, read when the request comes: a later app's
    measures are accepted without a change here)."""

    default_error_messages = {"invalid_choice": serializers.ChoiceField.default_error_messages["invalid_choice"]}

    def __init__(self, **kwargs):
        super().__init__(max_length=40, **kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if value not in dict(measure_choices()):
            self.fail("invalid_choice", input=value)
        return value


class QuotaRuleSerializer(ServiceSerializerMixin, serializers.ModelSerializer):
    org_unit = ScopedPrimaryKeyRelatedField(
        model="org.OrgUnit", allow_null=True, required=False, help_text="The keeping unit; null: the whole system."
    )
    unit_kinds = serializers.ListField(
        child=serializers.ChoiceField(choices=UnitKind.choices), min_length=1, max_length=10
    )
    measure = MeasureField(help_text="A registered measure's key (items_published, activities_held, members …).")
    period = serializers.ChoiceField(choices=Period.choices)
    minimum = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=Decimal("0.01"), coerce_to_string=True
    )
    title = serializers.SerializerMethodField()
    version = VersionField()

    class Meta:
        model = QuotaRule
        fields = [
            "id",
            "title",
            "org_unit",
            "unit_kinds",
            "measure",
            "period",
            "minimum",
            "subtree",
            "valid_from",
            "valid_until",
            "version",
        ]

    def get_title(self, rule) -> str:
        return rule.title()


class QuotaRuleCreateSerializer(QuotaRuleSerializer):
    version = VersionField(read_only=True)


class CalendarDaySerializer(ServiceSerializerMixin, serializers.ModelSerializer):
    version = VersionField()

    class Meta:
        model = CalendarDay
        fields = ["id", "day", "is_workday", "name", "version"]


class CalendarDayCreateSerializer(CalendarDaySerializer):
    version = VersionField(read_only=True)
