"""What the reports app brings to the shell (core.registry): the year-end review's page (and its
settings), on the workbench beside the dashboard."""

from django.utils.translation import gettext_lazy as _

from concentric.core import registry
from concentric.core.scoping import Action
from concentric.reports.models import ReviewGroup, ReviewVersion

registry.add_menu_group("workbench", _("Workbench"), order=0)
registry.add_menu_item(
    registry.MenuItem(
        "workbench",
        _("Year-end review"),
        "reports:review",
        "journal-richtext",
        model=ReviewVersion,
        action=Action.EXPORT,
        also=("reports:word_template", "reports:wordings", "reports:wording_create", "reports:wording_edit"),
        order=120,
    )
)
registry.add_menu_item(
    registry.MenuItem(
        "workbench",
        _("Headline groups"),
        "reports:groups",
        "collection",
        model=ReviewGroup,
        also=("reports:group_create", "reports:group_edit"),
        order=130,
    )
)
registry.add_pages("reports/", "concentric.reports.urls")
