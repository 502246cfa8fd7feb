"""The year-end review of a unit and its subtree, read from the rollups (docs/review-contract.md).

``build_review`` answers the review as a dict, the public JSON contract:
``{"unit": {"code", "name"}, "year", "cutoff", "figures", "groups", "narrative", "children"}``
(and ``"records"`` when asked). The figures are the registered measures (core.measures) for the
unit's subtree over the year: the known measures under the contract's names, every other measure
under its own key (and, when it has a key, ``<key>_by_key``: display name -> figure). A figure
with no decimals is a JSON integer; one with decimals a decimal string ("4367.0", "50000.00").

The year runs from 1 January to 31 December (local days). A past year's cut-off is the end of
31 December; the current year's is the time of generation (its figures run to today). A stock
measure (members on the register) is its figure at the last day.
"""

from datetime import date, datetime, time
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from concentric.core.measures import KEY_SEPARATOR
from concentric.core.scoping import Action, can
from concentric.org.selectors import visible_units
from concentric.people.choices import Stage
from concentric.people.selectors import category_table
from concentric.reports import narrative
from concentric.reports.figure_names import KNOWN
from concentric.reports.models import NarrativeTemplate, ReviewGroup, ReviewVersion
from concentric.rollups import selectors as rollups

# The contract's figures (docs/review-contract.md), whichever apps are installed.
CONTRACT_FIGURES = (
    "members_total",
    "members_new",
    "members_by_main_category",
    "activities_held",
    "activities_by_type",
    "items_published",
    "items_by_column",
    "volunteer_sessions",
    "volunteer_person_times",
    "volunteer_hours",
    "donations_money_yuan",
    "donations_goods",
    "recommendations",
)
EARLIEST_YEAR = 2000
# How the review names the known figures (in the article's words) and what they count in; the
# figures of measures it does not know take their measure's label and unit.
OWN_LABELS = {
    "members_total": (
        pgettext_lazy("year-end review", "Members on the register"),
        pgettext_lazy("review unit", "people"),
    ),
    "members_new": (
        pgettext_lazy("year-end review", "Members newly registered"),
        pgettext_lazy("review unit", "people"),
    ),
    "members_by_main_category": (
        pgettext_lazy("year-end review", "Members by main category"),
        pgettext_lazy("review unit", "people"),
    ),
    "members_by_stage": (pgettext_lazy("year-end review", "Members by stage"), pgettext_lazy("review unit", "people")),
    "recommendations": (
        pgettext_lazy("year-end review", "Members put forward"),
        pgettext_lazy("review unit", "person-times"),
    ),
    "activities_held": (
        pgettext_lazy("year-end review", "Activities recorded"),
        pgettext_lazy("review unit", "activities"),
    ),
    "activities_by_type": (
        pgettext_lazy("year-end review", "Activities by type"),
        pgettext_lazy("review unit", "activities"),
    ),
    "participation": (pgettext_lazy("year-end review", "Participation"), pgettext_lazy("review unit", "person-times")),
    "volunteer_sessions": (
        pgettext_lazy("year-end review", "Volunteer service sessions"),
        pgettext_lazy("review unit", "sessions"),
    ),
    "volunteer_person_times": (
        pgettext_lazy("year-end review", "Volunteer service person-times"),
        pgettext_lazy("review unit", "person-times"),
    ),
    "volunteer_hours": (
        pgettext_lazy("year-end review", "Volunteer service hours"),
        pgettext_lazy("review unit", "hours"),
    ),
    "donations_money_yuan": (pgettext_lazy("year-end review", "Money donated"), pgettext_lazy("review unit", "yuan")),
    "donations_goods": (pgettext_lazy("year-end review", "Goods donated"), ""),
    "items_published": (pgettext_lazy("year-end review", "Items published"), pgettext_lazy("review unit", "items")),
    "items_by_column": (pgettext_lazy("year-end review", "Items by column"), pgettext_lazy("review unit", "items")),
}


def figure_labels() -> dict[str, dict[str, str]]:
    """How the documents name each figure and what it counts in: {"figures": …, "units": …}."""
    labels, units = {}, {}
    for measure in rollups.measures():
        total, by_key, _naming = KNOWN.get(measure.key, (measure.key, f"{measure.key}_by_key", "name"))
        for name, label in ((total, measure.label), (by_key, f"{measure.label}（{measure.key_label}）")):
            if name:
                own_label, own_unit = OWN_LABELS.get(name, (label, measure.unit_label))
                labels[name], units[name] = str(own_label), str(own_unit)
    return {"figures": labels, "units": units}


FIXED_MEANINGS = {
    "year": pgettext_lazy("year-end review", "the year"),
    "unit_name": pgettext_lazy("year-end review", "the unit's name"),
    "groups": pgettext_lazy("year-end review", "the headline groups and their members"),
    "donations_goods": pgettext_lazy("year-end review", "the goods donated"),
}


def placeholder_meanings() -> dict[str, str]:
    """Each placeholder a wording may use -> what it stands for, in the user's language."""
    labels = {measure.key: measure.label for measure in rollups.measures()} | figure_labels()["figures"]
    meanings = {}
    for name in narrative.placeholders():
        meaning = FIXED_MEANINGS[name] if name in narrative.FIXED else labels.get(name, name)
        meanings[name] = str(meaning)
    return meanings


def key_labels() -> dict[str, dict[str, str]]:
    """Display names of the keys the JSON gives as codes: main categories and stages."""
    answer = {"members_by_main_category": {row["code"]: row["name"] for row in category_table()}}
    try:
        stages = rollups.measure("members_by_stage")
    except KeyError:
        return answer
    answer["members_by_stage"] = stages.names_of([code for code, _label in Stage.choices])
    return answer


def figure_sources() -> dict[str, tuple[str, bool]]:
    """Each figure's name -> (measure key, whether it is broken down by the measure's key)."""
    sources = {}
    for measure in rollups.measures():
        total, by_key, _naming = KNOWN.get(measure.key, (measure.key, f"{measure.key}_by_key", "name"))
        if total:
            sources[total] = (measure.key, False)
        if by_key and measure.has_key:
            sources[by_key] = (measure.key, True)
    return sources


def period(year: int, now: datetime | None = None) -> tuple[date, date, datetime]:
    """The year's first and last counted days and its cut-off (see the module's docstring)."""
    now = timezone.localtime(now or timezone.now())
    if year < EARLIEST_YEAR or year > now.year:
        raise ValidationError(
            _("The year must be between %(first)s and %(last)s.") % {"first": EARLIEST_YEAR, "last": now.year}
        )
    if year == now.year:
        return date(year, 1, 1), now.date(), now.replace(microsecond=0)
    end = timezone.make_aware(datetime.combine(date(year, 12, 31), time(23, 59, 59)))
    return date(year, 1, 1), date(year, 12, 31), end


def subtree_ids(user, unit) -> list[int]:
    return list(visible_units(user).filter(path__startswith=unit.path).values_list("pk", flat=True))


def _value(measure, amount: Decimal):
    return int(amount) if measure.decimals == 0 else str(amount)


def _read(measure, units, start, end, *, by_key: bool):
    first = None if measure.kind == "stock" else start
    if by_key:
        return rollups.figures_by_key(measure.key, units=units, start=first, end=end)
    return rollups.figure(measure.key, units=units, start=first, end=end)


def json_names(measure, naming: str, keys: list[str], codes: dict[str, str]) -> dict[str, str]:
    """How the JSON names each key of a broken-down figure: a main category by its code
    (``codes``: category id -> code), stages and goods ("item␟unit") as stored, anything else by
    its display name."""
    if naming == "code":
        return {key: codes.get(key, key) for key in keys}
    if naming in ("raw", "goods"):
        return {key: key for key in keys}
    return measure.names_of(keys)


def figures_of(units: list[int], start: date, end: date, categories: dict) -> tuple[dict, dict]:
    """The figures of ``units`` for [start, end], and the members on the register by main
    category id (for the headline groups)."""
    figures: dict = {}
    members_by_id: dict[str, Decimal] = {}
    for measure in rollups.measures():
        total, by_key, naming = KNOWN.get(measure.key, (measure.key, f"{measure.key}_by_key", "name"))
        if total:
            figures[total] = _value(measure, _read(measure, units, start, end, by_key=False))
        if not (by_key and measure.has_key):
            continue
        amounts = _read(measure, units, start, end, by_key=True)
        keys = measure.ordered(amounts)
        if measure.key == "members":
            members_by_id = amounts
        if naming == "goods":
            goods = []
            for key in keys:
                item, _sep, unit_of_measure = key.partition(KEY_SEPARATOR)
                goods.append({"item": item, "unit": unit_of_measure, "quantity": _value(measure, amounts[key])})
            figures[by_key] = goods
            continue
        named = json_names(measure, naming, keys, {key: row["code"] for key, row in categories.items()})
        broken_down: dict = {}
        for key in keys:
            name = named[key]
            broken_down[name] = _value(measure, Decimal(broken_down.get(name, 0)) + amounts[key])
        figures[by_key] = broken_down
    return figures, members_by_id


def group_keys(categories: dict) -> dict[str, list[str]]:
    """Each headline group's name -> the ids (as the members measure keys them) of its main
    categories and their sub-groups, in the administrators' order."""
    children: dict[str, list[str]] = {}
    for key, category in categories.items():
        if category["parent_id"]:
            children.setdefault(str(category["parent_id"]), []).append(key)
    answer = {}
    for group in ReviewGroup.objects.prefetch_related("categories").order_by("sort", "name"):
        ids = set()
        for category in group.categories.all():
            ids.add(str(category.pk))
            ids.update(children.get(str(category.pk), []))
        answer[group.name] = sorted(ids)
    return answer


def headline_group_keys() -> dict[str, list[str]]:
    """``group_keys`` of the category dictionary as it stands (the review page's group links)."""
    return group_keys({str(row["pk"]): row for row in category_table()})


def headline_groups(members_by_id: dict, categories: dict) -> list[dict]:
    """Each headline group with the members whose main category is one of its categories or
    their sub-groups (a member counts once: a category in two groups counts in each)."""
    return [
        {"name": name, "count": int(sum((members_by_id.get(key, Decimal(0)) for key in ids), Decimal(0)))}
        for name, ids in group_keys(categories).items()
    ]


def record_ids(user, units, start: date, end: date) -> dict:
    """The records behind each figure: figure name -> [{"model", "sign", "ids"}], limited to
    what ``user`` may see (the by-key figures share their measure's records)."""
    answer = {}
    for measure in rollups.measures():
        total, by_key, _naming = KNOWN.get(measure.key, (measure.key, f"{measure.key}_by_key", "name"))
        name, measure_key = total or by_key, measure.key
        first = None if measure.kind == "stock" else start
        parts = []
        for sign, queryset in rollups.records(measure_key, units=units, start=first, end=end):
            model = queryset.model
            visible = model.objects.visible_to(user, Action.VIEW).filter(pk__in=queryset.values("pk"))
            parts.append(
                {"model": model._meta.label, "sign": sign, "ids": sorted(visible.values_list("pk", flat=True))}
            )
        answer[name] = parts
    return answer


def wording() -> str:
    found = NarrativeTemplate.objects.order_by("pk").first()
    return found.text if found else narrative.DEFAULT_WORDING


def require_review(user, unit) -> None:
    """Refuse unless ``user`` sees ``unit`` and may export reviews there."""
    if not visible_units(user).filter(pk=unit.pk).exists() or not can(user, Action.EXPORT, ReviewVersion, unit):
        raise PermissionDenied(_("You do not have permission to do this here."))


def build_review(*, user, unit, year: int, now: datetime | None = None, with_records: bool = False) -> dict:
    """The review of ``unit`` (and its subtree) for ``year``, as the user may see it."""
    require_review(user, unit)
    start, end, cutoff = period(year, now)
    categories = {str(row["pk"]): row for row in category_table()}
    units = subtree_ids(user, unit)
    figures, members_by_id = figures_of(units, start, end, categories)
    review = {
        "unit": {"code": unit.code, "name": unit.name},
        "year": year,
        "cutoff": cutoff.isoformat(),
        "figures": figures,
        "groups": headline_groups(members_by_id, categories),
        "narrative": "",
        "children": [],
        "labels": {
            **figure_labels(),
            "keys": key_labels(),
        },
    }
    children = list(visible_units(user).filter(parent=unit).order_by("path"))
    if children:
        # The unit's own records (not its children's): with the children they add up to the figures.
        own_figures, own_members = figures_of([unit.pk], start, end, categories)
        review["children"].append(
            {
                "unit": {"code": unit.code, "name": unit.name},
                "figures": own_figures,
                "groups": headline_groups(own_members, categories),
                "own": True,
            }
        )
    for child in children:
        child_figures, child_members = figures_of(subtree_ids(user, child), start, end, categories)
        review["children"].append(
            {
                "unit": {"code": child.code, "name": child.name},
                "figures": child_figures,
                "groups": headline_groups(child_members, categories),
            }
        )
    review["narrative"] = narrative.render(wording(), review)
    if with_records:
        review["records"] = record_ids(user, units, start, end)
    return review


def breakdown_keys(units: list[int], start: date, end: date) -> dict[str, dict[str, str]]:
    """For each broken-down figure, its keys as the JSON writes them (category code, type name,
    "item␟unit" of goods) -> the measure's key (the records page's ``key``). A name two keys
    share (two activity types of the same name) has no single key and is left out."""
    categories = {str(row["pk"]): row["code"] for row in category_table()}
    answer: dict[str, dict[str, str]] = {}
    for measure in rollups.measures():
        _total, by_key, naming = KNOWN.get(measure.key, (measure.key, f"{measure.key}_by_key", "name"))
        if not (by_key and measure.has_key):
            continue
        named = json_names(measure, naming, sorted(_read(measure, units, start, end, by_key=True)), categories)
        shared = [name for name in named.values() if list(named.values()).count(name) > 1]
        answer[by_key] = {name: key for key, name in named.items() if name not in shared}
    return answer


def records_link(
    figure_name: str, *, unit, year: int, end: date, key: str | list[str] | None = None, subtree: bool = True
) -> str | None:
    """The page listing the records behind a figure (the rollups app's records page), if any;
    ``key`` narrows it to one key or to several (a headline group's categories)."""
    source = figure_sources().get(figure_name)
    if source is None:
        return None
    measure = rollups.measure(source[0])
    try:
        base = reverse("rollups:records")
    except NoReverseMatch:
        return None
    query = {"measure": measure.key, "unit": unit.pk, "subtree": 1 if subtree else 0, "to": end.isoformat()}
    if measure.kind != "stock":
        query["from"] = date(year, 1, 1).isoformat()
    if key is not None:
        query["key"] = key
    return f"{base}?{urlencode(query, doseq=True)}"
