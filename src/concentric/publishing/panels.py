"""The member page's panel of the items featuring the member (信息宣传), in the viewer's scope."""

from django.template.loader import render_to_string

from concentric.core.scoping import Action, can
from concentric.publishing.models import ItemFeature
from concentric.publishing.selectors import person_features

PANEL_SIZE = 50


def person_items_panel(user, person) -> str | None:
    if not can(user, Action.VIEW, ItemFeature):
        return None
    features = list(person_features(user=user, person_id=person.pk)[: PANEL_SIZE + 1])
    return render_to_string(
        "publishing/person_panel.html", {"features": features[:PANEL_SIZE], "more": len(features) > PANEL_SIZE}
    )
