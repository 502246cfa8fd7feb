"""The names the review gives the known measures' figures (docs/review-contract.md)."""

from concentric.rollups import selectors as rollups

# measure key -> (total figure's name or None, by-key figure's name or None, how keys are named)
KNOWN = {
    "members": ("members_total", "members_by_main_category", "code"),
    "members_registered": ("members_new", None, None),
    "members_by_stage": (None, "members_by_stage", "raw"),
    "recommendations": ("recommendations", None, None),
    "activities_held": ("activities_held", "activities_by_type", "name"),
    "participation": ("participation", None, None),
    "volunteer_sessions": ("volunteer_sessions", None, None),
    "volunteer_person_times": ("volunteer_person_times", None, None),
    "volunteer_hours": ("volunteer_hours", None, None),
    "donations_money": ("donations_money_yuan", None, None),
    "donations_goods": (None, "donations_goods", "goods"),
    "items_published": ("items_published", None, None),
    "items_by_column": (None, "items_by_column", "name"),
}


def scalar_figure_names() -> list[str]:
    """Names of the single-number figures the review may hold (the narrative's placeholders)."""
    names = [total for total, _by, _naming in KNOWN.values() if total]
    return names + [measure.key for measure in rollups.measures() if measure.key not in KNOWN]
