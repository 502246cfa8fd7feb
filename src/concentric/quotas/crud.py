"""The kit's declarations of quota rules and calendar days: pages, exports and API."""

from django.utils.translation import gettext_lazy as _

from concentric.core.kit.crud import Crud, Services
from concentric.quotas import services
from concentric.quotas.filtersets import CalendarDayFilterSet, QuotaRuleFilterSet
from concentric.quotas.forms import CalendarDayForm, QuotaRuleForm
from concentric.quotas.models import CalendarDay, QuotaRule
from concentric.quotas.tables import CalendarDayTable, QuotaRuleTable


class QuotaRuleCrud(Crud):
    model = QuotaRule
    namespace = "quotas"
    filterset_class = QuotaRuleFilterSet
    table = QuotaRuleTable
    ordering = ("period", "measure", "pk")
    page_size = 100
    form_class = QuotaRuleForm
    services = Services(
        create=services.quota_rule_create,
        update=services.quota_rule_update,
        delete=services.quota_rule_delete,
        id_kwarg="rule_id",
    )
    pages = ("list", "detail", "create", "edit", "delete", "export")
    names = {page: f"rule_{page}" for page in pages}
    paths = {
        "list": "rules/",
        "create": "rules/new/",
        "export": "rules/export/",
        "detail": "rules/<int:pk>/",
        "edit": "rules/<int:pk>/edit/",
        "delete": "rules/<int:pk>/delete/",
    }
    detail_fields = ("measure", "period", "minimum", "subtree", "valid_from", "valid_until")
    title = _("Quota rules")
    create_label = _("New quota rule")
    list_note = _(
        "Rules of the whole system (the defaults: one item each working day, one activity each week, a net "
        "increase of one member each month) are kept by the unit administrators of the top unit; a unit's "
        "administrator keeps the rules of their unit. For a measure and period, the rule of the nearest "
        "keeper applies: a unit's own rule replaces the one above it and the system's."
    )

    @classmethod
    def list_queryset(cls, user, queryset):
        return queryset.select_related("org_unit")

    @classmethod
    def object_queryset(cls, user, queryset):
        return queryset.select_related("org_unit")

    @classmethod
    def detail_values(cls, rule):
        return [(column.label, column.read(rule)) for _name, column in QuotaRuleTable.export_columns()]


class CalendarDayCrud(Crud):
    model = CalendarDay
    namespace = "quotas"
    filterset_class = CalendarDayFilterSet
    table = CalendarDayTable
    ordering = ("-day", "pk")
    page_size = 100
    form_class = CalendarDayForm
    services = Services(
        create=services.calendar_day_create,
        update=services.calendar_day_update,
        delete=services.calendar_day_delete,
        id_kwarg="day_id",
    )
    pages = ("list", "detail", "create", "edit", "delete", "export")
    names = {page: f"calendar_{page}" for page in pages}
    paths = {
        "list": "calendar/",
        "create": "calendar/new/",
        "export": "calendar/export/",
        "detail": "calendar/<int:pk>/",
        "edit": "calendar/<int:pk>/edit/",
        "delete": "calendar/<int:pk>/delete/",
    }
    detail_fields = ("day", "is_workday", "name")
    list_note = _(
        "Working days follow the official calendar (holidays and make-up working days). Enter a day here only "
        "to change it: a local adjustment, or for a year the official calendar does not know yet, where "
        "Monday to Friday are working days until the holidays and make-up days are entered. The quota "
        "boards judge working days by this calendar and say which one they used."
    )
    title = _("Working-day calendar")
    create_label = _("New calendar day")
