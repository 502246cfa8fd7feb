"""The registry's measures (core.measures): members on the register by main category and by
stage, members newly registered, and members put forward (the 使用 step of the path)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from concentric.core.measures import Measure, Part
from concentric.people.choices import STAGE_ORDER, Stage
from concentric.people.models import Category

PERSON = "people.Person"
DEPARTURE = "people.Departure"
BY_CATEGORY = ("main_category",)


def category_names(keys: list[str]) -> dict[str, str]:
    ids = [int(key) for key in keys if key.isdigit()]
    return {str(pk): name for pk, name in Category.objects.filter(pk__in=ids).values_list("pk", "name")}


def stage_names(keys: list[str]) -> dict[str, str]:
    labels = dict(Stage.choices)
    return {key: str(labels[key]) for key in keys if key in labels}


def stage_position(key: str) -> int:
    """Along the path (发现 → 培养 → 使用 → 管理), members not started on it last."""
    return STAGE_ORDER.index(key) if key in STAGE_ORDER else len(STAGE_ORDER)


# On the register: each member counts from the day they were registered, in their current unit
# and under their main category; a departure takes them off on the day they left.
MEMBERS = Measure(
    key="members",
    label=_("Members on the register"),
    kind="stock",
    unit_label=_("people"),
    key_label=_("main category"),
    key_names=category_names,
    parts=(
        Part(PERSON, day="created_at", key=BY_CATEGORY),
        Part(DEPARTURE, day="registered_on", key=BY_CATEGORY, label=_("Members registered, since removed")),
        Part(DEPARTURE, day="removed_on", key=BY_CATEGORY, sign=-1, label=_("Members removed from the register")),
    ),
    order=10,
)

# Registered in a period (whether or not they have left since): the year's new members.
MEMBERS_REGISTERED = Measure(
    key="members_registered",
    label=_("Members newly registered"),
    unit_label=_("people"),
    key_label=_("main category"),
    key_names=category_names,
    parts=(
        Part(PERSON, day="created_at", key=BY_CATEGORY),
        Part(DEPARTURE, day="registered_on", key=BY_CATEGORY, label=_("Members registered, since removed")),
    ),
    order=11,
)

# The members on the register by the stage of their path they are in now.
MEMBERS_BY_STAGE = Measure(
    key="members_by_stage",
    label=_("Members by stage"),
    kind="stock",
    unit_label=_("people"),
    key_label=_("stage"),
    key_names=stage_names,
    key_order=stage_position,
    parts=(Part(PERSON, day="created_at", key=("stage",)),),
    order=12,
)

# Members put forward: each 使用 step recorded on a member's path, on its date.
RECOMMENDATIONS = Measure(
    key="recommendations",
    label=_("Members put forward"),
    unit_label=_("person-times"),
    parts=(
        Part(
            "people.PathEvent",
            day="occurred_on",
            unit="person__org_unit",
            where=Q(stage=Stage.USE),
            moved_by=((PERSON, "person"),),
        ),
    ),
    order=13,
)

ALL = (MEMBERS, MEMBERS_REGISTERED, MEMBERS_BY_STAGE, RECOMMENDATIONS)
