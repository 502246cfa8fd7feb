"""The path board: people per stage, who is stuck, this year's recommendations."""

from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from concentric.core.kit import pages
from concentric.people.choices import STAGE_ORDER, Stage
from concentric.people.forms import StuckForm
from concentric.people.selectors import stage_board

DEFAULT_STUCK_DAYS = 180


class StageBoardPage(pages.Page, TemplateView):
    access = "aggregate"
    template_name = "people/board.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = StuckForm(self.request.GET or None, actor=self.request.user, initial={"days": DEFAULT_STUCK_DAYS})
        context.update(
            title=_("Path board"),
            breadcrumbs=[*self.crud.list_crumbs(), {"label": _("Path board"), "url": ""}],
            form=form,
        )
        if form.is_bound and not form.is_valid():
            return context  # the errors beside the fields, and no figures: never those of another filter
        unit = form.cleaned_data["unit"] if form.is_bound else None
        days = (form.cleaned_data["days"] if form.is_bound else None) or DEFAULT_STUCK_DAYS
        board = stage_board(user=self.request.user, unit=unit, stuck_after_days=days)
        labels = dict(Stage.choices)
        context.update(
            days=days,
            board=board,
            stage_counts=[(labels[""], board["per_stage"][""], "")]
            + [(labels[stage], board["per_stage"][stage.value], stage.value) for stage in STAGE_ORDER],
        )
        return context
