"""The article's rule for the subdistrict and its communities, "每日有信息、每周有活动、每月有增量":
one information item published each working day, one activity held each week, and a net
increase of at least one member on the register each month (rules of the whole system)."""

from datetime import date
from decimal import Decimal

from django.db import migrations

DEFAULTS = (
    ("items_published", "workday"),
    ("activities_held", "week"),
    ("members", "month"),
)
KINDS = ["community", "subdistrict"]
IN_FORCE_FROM = date(2020, 1, 1)


def seed(apps, schema_editor):
    QuotaRule = apps.get_model("quotas", "QuotaRule")
    for measure, period in DEFAULTS:
        if not QuotaRule.objects.filter(org_unit__isnull=True, measure=measure, period=period).exists():
            QuotaRule.objects.create(
                org_unit=None,
                unit_kinds=KINDS,
                measure=measure,
                period=period,
                minimum=Decimal(1),
                subtree=False,
                valid_from=IN_FORCE_FROM,
            )


def unseed(apps, schema_editor):
    QuotaRule = apps.get_model("quotas", "QuotaRule")
    for measure, period in DEFAULTS:
        QuotaRule.objects.filter(org_unit__isnull=True, measure=measure, period=period, version=1).delete()


class Migration(migrations.Migration):
    dependencies = [("quotas", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
