"""The columns of the rule and calendar lists and of their exports."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from concentric.core.kit.tables import Column, Table
from concentric.org.choices import UnitKind
from concentric.quotas.models import plain


def _keeper(rule):
    return rule.org_unit.name if rule.org_unit_id else gettext("The whole system (default)")


def _kinds(rule):
    labels = dict(UnitKind.choices)
    return "、".join(str(labels.get(kind, kind)) for kind in rule.unit_kinds or [])


def _minimum(rule):
    return plain(rule.minimum)


class QuotaRuleTable(Table):
    title = Column(_("Rule"), "title", width=36)
    measure = Column(_("Measure"), "measure_label", width=20)
    period = Column(_("Period"), "get_period_display", width=10, nowrap=True)
    minimum = Column(_("Minimum"), _minimum, width=10, nowrap=True)
    unit_kinds = Column(_("Units bound"), _kinds, width=20)
    subtree = Column(_("Count the units below"), "subtree", width=10)
    keeper = Column(_("Kept by"), _keeper, width=20)
    valid_from = Column(_("In force from"), "valid_from", width=12, nowrap=True)
    valid_until = Column(_("In force until"), "valid_until", width=12, nowrap=True)

    page = ("title", "unit_kinds", "keeper", "valid_from", "valid_until")


class CalendarDayTable(Table):
    day = Column(_("Day"), "day", width=12, nowrap=True)
    is_workday = Column(_("Working day"), "is_workday", width=10)
    name = Column(_("Name"), "name", width=30)
