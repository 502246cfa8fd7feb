"""The demo data's season, shared by every app's demo loader: the latest autumn, from
1 September (the units, the members' registrations and the activities are dated within it)."""

from datetime import date


def season_year(today: date) -> int:
    """The latest autumn: this year's from September on, else last year's."""
    return today.year if today.month >= 9 else today.year - 1


def season_start(today: date) -> date:
    return date(season_year(today), 9, 1)
