"""The review's narrative: Chinese prose in the article's manner, made from a wording an
administrator may edit (reports.models.NarrativeTemplate) with named placeholders.

Placeholders are ``{name}`` of the list below (every figure of a single number, whatever the
measure, plus ``{year}``, ``{unit_name}``, ``{groups}`` and ``{donations_goods}``); a wording is
checked when saved: an unknown name, an attribute or index (``{a.b}``, ``{a[0]}``), a format
spec or conversion (``{a:>10}``, ``{a!r}``) is refused. Rendering replaces each placeholder by
text made here, never by str.format on objects, so a wording can run no code.
"""

from decimal import Decimal
from string import Formatter

from django.utils.translation import gettext as _

from concentric.core import registry
from concentric.reports.figure_names import scalar_figure_names

# The placeholders every wording may use beside the single-number figures.
FIXED = ("year", "unit_name", "groups", "donations_goods")

# The built-in wording, in the article's manner ("平台数字累计登记各类统战成员2692人，其中…").
DEFAULT_WORDING = (
    "{year}年，{unit_name}平台数字累计登记各类统战成员{members_total}人，其中{groups}，"
    "全年新增登记{members_new}人；记录活动{activities_held}项，信息发布{items_published}条；"
    "开展志愿服务{volunteer_sessions}场次，累计志愿服务{volunteer_person_times}人次，"
    "志愿服务时长{volunteer_hours}小时；捐款合计{donations_money_yuan}元，捐赠物资{donations_goods}；"
    "推荐使用统战成员{recommendations}人次。"
)


def number_names() -> set[str]:
    """The single-number figures' names: the review's own and every registered measure's key."""
    return set(scalar_figure_names()) | {measure.key for measure in registry.measures()}


def placeholders() -> list[str]:
    return sorted(set(FIXED) | number_names())


def template_problems(text: str) -> list[str]:
    """What is wrong with a wording (empty: it may be saved)."""
    allowed = set(placeholders())
    problems = []
    try:
        parsed = list(Formatter().parse(text))
    except ValueError:
        return [_("A brace is not closed or not paired: write {name} for a figure, {{ and }} for a brace.")]
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if spec or conversion:
            problems.append(_("{%(name)s}: a placeholder takes no format or conversion.") % {"name": name})
        elif name not in allowed:
            problems.append(_("{%(name)s} is not a figure of the review.") % {"name": name})
    return list(dict.fromkeys(problems))


def plain_number(value) -> str:
    """A number without its trailing zeros: 5000.00 masks as 5000, 12.50 as 12.5."""
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return str(number.quantize(Decimal(1)))
    return format(number.normalize(), "f")


def _goods_text(goods: list[dict]) -> str:
    if not goods:
        return _("none")
    return "、".join(f"{good['item']}{plain_number(good['quantity'])}{good['unit']}" for good in goods)


def _groups_text(groups: list[dict]) -> str:
    return "，".join(f"{group['name']}{group['count']}人" for group in groups)


def values_of(review: dict) -> dict[str, str]:
    """Each placeholder's text for ``review`` (a figure the review lacks reads 0)."""
    figures = review["figures"]
    values = dict.fromkeys(number_names(), "0")
    for name, value in figures.items():
        if isinstance(value, (int, str, Decimal)) and not isinstance(value, bool):
            # Exactly the figure, with its decimals: 4367.0 hours, 53800.50 yuan.
            values[name] = str(value)
    values.update(
        year=str(review["year"]),
        unit_name=review["unit"]["name"],
        groups=_groups_text(review["groups"]),
        donations_goods=_goods_text(figures.get("donations_goods") or []),
    )
    return values


def render(text: str, review: dict) -> str:
    """The wording with its placeholders filled in (a wording that no longer checks, after a
    measure was removed, keeps an unknown placeholder as it is written)."""
    values = values_of(review)
    out = []
    for literal, name, _spec, _conversion in Formatter().parse(text):
        out.append(literal)
        if name is not None:
            out.append(values.get(name, "{" + name + "}"))
    return "".join(out)
