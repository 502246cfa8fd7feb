"""The review's contents as the documents lay them out: the headline figures, the breakdowns,
the child units' figures, each value as it is written (4367.0 hours as 4367)."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from concentric.reports.narrative import plain_number


@dataclass
class Row:
    label: str
    value: object  # the number (int or Decimal-like text) as the JSON holds it
    unit: str = ""

    @property
    def text(self) -> str:
        return plain_number(self.value)


def _label(review: dict, name: str) -> str:
    return (review.get("labels") or {}).get("figures", {}).get(name, name)


def _unit(review: dict, name: str) -> str:
    return (review.get("labels") or {}).get("units", {}).get(name, "")


def is_number(value) -> bool:
    return isinstance(value, (int, str)) and not isinstance(value, bool)


def figure_rows(review: dict, figures: dict | None = None) -> list[Row]:
    """The single-number figures, in the review's order."""
    figures = review["figures"] if figures is None else figures
    return [
        Row(_label(review, name), value, _unit(review, name)) for name, value in figures.items() if is_number(value)
    ]


def breakdowns(review: dict) -> list[tuple[str, str, list[Row]]]:
    """(name, title, rows) of each figure broken down by a key (categories, types, columns, goods)."""
    keys = (review.get("labels") or {}).get("keys", {})
    answer = []
    for name, value in review["figures"].items():
        if isinstance(value, dict):
            unit = _unit(review, name)
            named = keys.get(name, {})
            rows = [Row(named.get(key, key) or "—", amount, unit) for key, amount in value.items()]
            answer.append((name, _label(review, name), rows))
        elif isinstance(value, list):
            rows = [Row(good["item"], good["quantity"], good["unit"]) for good in value]
            answer.append((name, _label(review, name), rows))
    return answer


def group_rows(review: dict, groups: list | None = None) -> list[Row]:
    return [
        Row(group["name"], group["count"], _("people")) for group in (review["groups"] if groups is None else groups)
    ]


def cutoff_text(review: dict) -> str:
    moment = parse_datetime(review["cutoff"])
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else review["cutoff"]


def title(review: dict) -> str:
    return _("%(unit)s: year-end review %(year)s") % {"unit": review["unit"]["name"], "year": review["year"]}


def subtitle(review: dict) -> str:
    text = _("Figures as of %(cutoff)s") % {"cutoff": cutoff_text(review)}
    if review.get("version"):
        text += " · " + _("frozen version %(number)s") % {"number": review["version"]}
    return text
