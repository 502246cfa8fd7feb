"""The organisation pages that differ from the kit's standard ones (org.crud declares them all)."""

from django.db.models import Min
from django.utils.html import format_html

from concentric.core import registry
from concentric.core.forms import INDENT
from concentric.core.kit import pages
from concentric.core.scoping import Action, can
from concentric.org.filtersets import OrgUnitFilterSet
from concentric.org.models import OrgUnit


class OrgUnitListPage(pages.ListPage):
    """The tree, indented, until a filter is used: then the matching units, flat."""

    def get_context_data(self, **kwargs):
        filterset = OrgUnitFilterSet(self.request.GET or None, queryset=OrgUnit.objects.none())
        self.tree_mode = not filterset.is_filtered()
        self.top_depth = self.base_queryset().aggregate(top=Min("depth"))["top"] or 0
        return super().get_context_data(**kwargs)

    def cell_name(self, unit):
        if not self.tree_mode:
            return unit.name
        level = unit.depth - self.top_depth
        return format_html("{}{}{}", INDENT * level, "└ " if level else "", unit.name)


class OrgUnitDetailPage(pages.DetailPage):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, unit = self.request.user, self.object
        visible = OrgUnit.objects.visible_to(user, Action.VIEW)
        figures = [(figure, figure.count(user, unit)) for figure in registry.unit_figures()]
        context.update(
            parent_visible=unit.parent_id is not None and visible.filter(pk=unit.parent_id).exists(),
            children=visible.filter(parent=unit).order_by("path"),
            figures=[(figure, count) for figure, count in figures if count is not None],
            can_add=can(user, Action.ADD, OrgUnit, unit),
        )
        return context


class OrgUnitCreatePage(pages.CreatePage):
    def get_initial(self):
        """``?parent=<id>`` (the 新增下级单位 button of a unit's page) starts under that unit."""
        initial = super().get_initial()
        parent_id = self.request.GET.get("parent", "")
        if parent_id.isdigit():
            parent = OrgUnit.objects.visible_to(self.request.user, Action.ADD).filter(pk=int(parent_id)).first()
            if parent is not None:
                initial["parent"] = parent
        return initial
