"""The review's contents as the documents lay them out: the headline figures, the breakdowns,
the child units' figures, each value as it is written (4367.0 hours as 4367)."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from concentric.reports.narrative import plain_number

# The review's own words for the documents' headers, with a context: the same English words name
# other things in other apps' catalogues (an item of goods, a volunteer group), whose Chinese
# would win (Django merges the catalogues, the first installed app's word wins).
CONTEXT = "year-end review"
# The first column's header of each breakdown; a measure the review does not know reads "Item".
BREAKDOWN_HEADERS = {
    "members_by_main_category": pgettext_lazy("year-end review", "Category"),
    "members_by_stage": pgettext_lazy("year-end review", "Stage"),
    "activities_by_type": pgettext_lazy("year-end review", "Type"),
    "items_by_column": pgettext_lazy("year-end review", "Column"),
    "donations_goods": pgettext_lazy("year-end review", "Goods"),
}


# The documents' headings and headers (written out so makemessages finds them with their context).
WORDS = {
    "Summary": pgettext_lazy("year-end review", "Summary"),
    "Main figures": pgettext_lazy("year-end review", "Main figures"),
    "Headline groups": pgettext_lazy("year-end review", "Headline groups"),
    "Breakdowns": pgettext_lazy("year-end review", "Breakdowns"),
    "Charts": pgettext_lazy("year-end review", "Charts"),
    "Child units": pgettext_lazy("year-end review", "Child units"),
    "Narrative": pgettext_lazy("year-end review", "Narrative"),
    "Figure": pgettext_lazy("year-end review", "Figure"),
    "Group": pgettext_lazy("year-end review", "Group"),
    "Value": pgettext_lazy("year-end review", "Value"),
    "Unit of measure": pgettext_lazy("year-end review", "Unit of measure"),
    "Unit": pgettext_lazy("year-end review", "Unit"),
    "Total": pgettext_lazy("year-end review", "Total"),
}


def word(text: str) -> str:
    """One of the review's own words (WORDS, see CONTEXT)."""
    return str(WORDS[text])


def value_headers(first: str) -> list[str]:
    return [first, word("Value"), word("Unit of measure")]


def breakdown_header(name: str) -> str:
    return str(BREAKDOWN_HEADERS.get(name, pgettext_lazy("year-end review", "Item")))


def number_text(value) -> str:
    """A figure as the page and the documents write it: whole numbers as they are (2692), numbers
    with decimals (money, hours) with their decimals and thousands separators (53,800.50;
    4,367.0)."""
    if isinstance(value, str) and "." in value:
        number = Decimal(value)
        places = len(value.partition(".")[2])
        return f"{number:,.{places}f}"
    return plain_number(value)


def child_name(child: dict) -> str:
    """A child unit's name; the unit's own share (``"own": true``) as "湖滨街道（本级）"."""
    if child.get("own"):
        return _("%(unit)s (own records)") % {"unit": child["unit"]["name"]}
    return child["unit"]["name"]


@dataclass
class Row:
    label: str
    value: object  # the number (int or Decimal-like text) as the JSON holds it
    unit: str = ""

    @property
    def text(self) -> str:
        return number_text(self.value)


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
    """(name, title, rows) of each figure broken down by a key (categories, types, columns, goods);
    ``breakdown_header(name)`` heads its first column."""
    keys = (review.get("labels") or {}).get("keys", {})
    answer = []
    for name, value in review["figures"].items():
        if isinstance(value, dict):
            unit = _unit(review, name)
            named = keys.get(name, {})
            rows = [Row(named.get(key, key) or "—", amount, unit) for key, amount in value.items()]
            answer.append((name, _label(review, name), rows))
        elif isinstance(value, list):
            # Goods are counted, not priced: 5000 masks, not 5,000.00.
            rows = [Row(good["item"], plain_number(good["quantity"]), good["unit"]) for good in value]
            answer.append((name, _label(review, name), rows))
    return answer


def children_sections(review: dict) -> list[tuple[str, dict, list]]:
    """(name, figures, groups) of each child unit, the unit's own share among them, and, when
    there are any, a last "合计" section: the unit's figures, which the sections above add up to."""
    children = review.get("children") or []
    if not children:
        return []
    sections = [(child_name(child), child["figures"], child.get("groups") or []) for child in children]
    sections.append((word("Total"), review["figures"], review["groups"]))
    return sections


def group_rows(review: dict, groups: list | None = None) -> list[Row]:
    return [
        Row(group["name"], group["count"], pgettext("review unit", "people"))
        for group in (review["groups"] if groups is None else groups)
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
