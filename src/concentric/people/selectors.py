"""Reads of the member registry, always through ``visible_to``."""

from datetime import timedelta
from types import SimpleNamespace

from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.utils import timezone

from concentric.core.kit.filters import filtered
from concentric.core.scoping import Action
from concentric.people.choices import STAGE_ORDER, PathEventKind
from concentric.people.filtersets import PersonFilterSet
from concentric.people.models import Category, PathEvent, Person


def person_list(*, user, filters: dict | None = None, action: Action = Action.VIEW):
    """People the user may see, narrowed by ``filters``: the member list's own filters
    (PersonFilterSet's names and values: ``{"unit": 3, "q": "张三"}``), as the page, the API and
    the export apply them. An invalid or out-of-scope value raises FiltersInvalid."""
    people = Person.objects.visible_to(user, action)
    return filtered(PersonFilterSet, filters or {}, people, SimpleNamespace(user=user))[0]


def person_get(*, user, pk: int, action: Action = Action.VIEW) -> Person:
    """One person the user may see; 404 for missing and out-of-scope alike."""
    return get_object_or_404(Person.objects.visible_to(user, action).select_related("org_unit", "main_category"), pk=pk)


def members_named_under(*, name: str, unit) -> list[Person]:
    """The members called ``name`` in ``unit`` and the units below it, whoever asks: for matching
    a phone check-in (the caller compares the phones and shows nothing of them)."""
    return list(Person.objects.filter(name=name, org_unit__path__startswith=unit.path).order_by("id")[:50])


def stage_board(*, user, unit=None, stuck_after_days: int = 365, stuck_limit: int = 50, today=None) -> dict:
    """The path board: people per stage, people stuck in their stage longer than the threshold
    (longest first), and this year's recommendations. Aggregates only; no per-person work."""
    today = today or timezone.localdate()
    people = person_list(user=user, filters={"unit": unit.pk} if unit is not None else {})
    counts = dict(people.values_list("stage").annotate(n=Count("id")).order_by())
    per_stage = {stage.value: counts.get(stage.value, 0) for stage in STAGE_ORDER}
    per_stage[""] = counts.get("", 0)
    threshold = today - timedelta(days=stuck_after_days)
    stuck = people.exclude(stage="").filter(stage_since__lt=threshold).order_by("stage_since", "id")
    recommendations = PathEvent.objects.filter(
        person__in=people.values("pk"), kind=PathEventKind.RECOMMENDATION, occurred_on__year=today.year
    )
    return {
        "per_stage": per_stage,
        "stuck_count": stuck.count(),
        "stuck": list(stuck.select_related("org_unit")[:stuck_limit]),
        "recommendations_this_year": recommendations.count(),
        "recommended_people_this_year": recommendations.values("person_id").distinct().count(),
    }


def member_by_id_number(*, user, unit, id_number: str) -> tuple[int, str] | None:
    """(pk, name) of the member with this document number (found by its blind index) among those
    the user may see in ``unit`` and its subunits; None when there is none there, so a member
    outside that scope is as unknown as one never registered."""
    digest = Person._meta.get_field("id_number_index").digest(id_number)
    if digest is None:
        return None
    return (
        Person.objects.visible_to(user, Action.VIEW)
        .filter(id_number_index=digest, org_unit__path__startswith=unit.path)
        .values_list("pk", "name")
        .first()
    )


def category_table() -> list[dict]:
    """Every category's ``pk``, ``code``, ``name`` and ``parent_id``, in dictionary order (a
    dictionary every business role reads: the year-end review names main categories by code)."""
    return list(Category.objects.order_by("sort", "code", "pk").values("pk", "code", "name", "parent_id"))


def categories():
    """The category dictionary as records, for a form's choices (a dictionary every role reads)."""
    return Category.objects.select_related("parent").order_by("sort", "code", "pk")
