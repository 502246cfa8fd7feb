"""The compliance board (定期定量): a unit's rules for a month, its children side by side, and
the last twelve months; read from the rollups, limited to the units the user may see."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from concentric.core.kit import pages
from concentric.quotas.board import BoardForm
from concentric.quotas.periods import month_label
from concentric.quotas.selectors import board


def chosen_board(request):
    """(form, board) of the request: a unit outside the user's units is refused like an unknown
    one (the form's error); no board while the form is invalid or the user sees no unit."""
    user = request.user
    form = BoardForm(request.GET or None, user=user)
    if form.is_bound and not form.is_valid():
        return form, None
    if not form.is_bound:
        form.cleaned_data = {}
    unit, month = form.chosen()
    if unit is None:
        return form, None
    return form, board(user=user, unit=unit, month=month)


def board_url(unit, month) -> str:
    return f"{reverse('quotas:board')}?unit={unit.pk}&month={month.strftime('%Y-%m')}"


class BoardPage(pages.Page, TemplateView):
    access = "aggregate"
    template_name = "quotas/board.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, found = chosen_board(self.request)
        title = _("Quota compliance")
        context.update(title=title, breadcrumbs=[{"label": title, "url": ""}], form=form, board=found)
        if found is not None:
            if not form.is_bound:
                form.initial = {"unit": found.unit.pk, "month": found.month.strftime("%Y-%m")}
            context.update(
                month_label=month_label(found.month),
                children=[
                    (child, board_url(child, found.month), [rows.get(key) for key, _title in found.child_columns])
                    for child, rows in found.children
                ],
                history=[
                    {**line, "cells": [(month_label(month), row) for month, row in line["months"]]}
                    for line in found.history
                ],
            )
        context["rules_url"] = reverse("quotas:rule_list")
        return context
