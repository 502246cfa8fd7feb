"""The dashboard (驾驶舱): a unit's figures for a year, drawn with ECharts from the rollups, each
chart with its table and its export; the unit picker offers the units in the user's scope."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from concentric.core.export import FORMATS, export_response
from concentric.core.kit.tables import Column
from concentric.dashboard.figures import dashboard
from concentric.rollups import selectors

YEARS_BACK = 5


def NO_UNIT() -> str:
    return _("Your roles give you no unit whose figures you may read.")


class BadRequest(ValueError):
    pass


def years() -> list[int]:
    this_year = timezone.localdate().year
    return list(range(this_year, this_year - YEARS_BACK - 1, -1))


def choice(params, user):
    """(unit, year) asked by the parameters; None for the unit when the user's scope has none.
    BadRequest says what is wrong; Http404 a unit outside the scope."""
    units = selectors.scope_units(user)
    year_text = params.get("year", "")
    if year_text:
        if not year_text.isdigit() or int(year_text) not in years():
            raise BadRequest(_("Choose a year from the list: this year or one of the five before it."))
        year = int(year_text)
    else:
        year = timezone.localdate().year
    unit_text = params.get("unit", "")
    if unit_text:
        if not unit_text.isdigit() or len(unit_text) > 12:
            raise BadRequest(_("The unit must be given by its number."))
        unit = units.filter(pk=int(unit_text)).first()
        if unit is None:
            raise Http404
    else:
        unit = units.order_by("depth", "path").first()
    return unit, year


def cell_text(value, decimals) -> str:
    if value is None:
        return "—"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value:,.{decimals or 0}f}"
    return str(value)


def displayed(table: dict) -> list[tuple[list[str], str]]:
    """A chart's table as the page shows it: numbers with their decimals, and each row's link."""
    decimals = table["decimals"]
    return [
        ([cell_text(value, decimals[index]) for index, value in enumerate(row)], link)
        for row, link in zip(table["rows"], table["links"], strict=True)
    ]


def bad_request(request, error):
    context = {
        "status": 400,
        "icon": "bi-exclamation-triangle",
        "title": _("The dashboard cannot be shown"),
        "text": str(error),
    }
    return render(request, "core/error.html", context, status=400)


class DashboardPage(LoginRequiredMixin, View):
    """Headline figures and charts of a unit and the units below it, in the user's scope."""

    access = "aggregate"
    template_name = "dashboard/dashboard.html"

    def get(self, request):
        try:
            unit, year = choice(request.GET, request.user)
        except BadRequest as error:
            return bad_request(request, error)
        title = _("Dashboard")
        context = {
            "title": title,
            "breadcrumbs": [{"label": title, "url": ""}],
            "unit": unit,
            "year": year,
            "years": years(),
            "units": selectors.scope_units(request.user),
            "formats": FORMATS,
        }
        if unit is not None:
            data = dashboard(request.user, unit, year)
            context["data"] = data
            context["charts"] = [{**chart, "display": displayed(chart["table"])} for chart in data["charts"]]
        return render(request, self.template_name, context)


class DashboardExport(LoginRequiredMixin, View):
    """One chart's numbers as csv or xlsx (its table), audited like every export."""

    access = "aggregate"

    def get(self, request):
        try:
            unit, year = choice(request.GET, request.user)
            fmt = request.GET.get("format", "csv")
            if fmt not in FORMATS:
                raise BadRequest(_("Unknown export format."))
        except BadRequest as error:
            return bad_request(request, error)
        if unit is None:
            return bad_request(request, NO_UNIT())
        data = dashboard(request.user, unit, year)
        slug = request.GET.get("chart", "")
        chart = next((chart for chart in data["charts"] if chart["slug"] == slug), None)
        if chart is None:
            return bad_request(request, _("Unknown chart: choose one of the dashboard's charts."))
        table = chart["table"]
        columns = [Column(label, None, width=24 if index == 0 else 14) for index, label in enumerate(table["columns"])]
        return export_response(
            actor=request.user,
            queryset=selectors.scope_units(request.user).filter(pk__in=selectors.subtree_ids(request.user, unit)),
            columns=columns,
            fmt=fmt,
            title=f"{unit.name} {year} {chart['title']}",
            reason=f"dashboard: {slug} {unit.pk} {year}",
            rows=table["rows"],
        )
