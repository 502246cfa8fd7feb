"""Which rows make one activity, and whether they agree.

The rows of one activity are those with the same title and start. Each activity column takes its
value from the first row that gives one; a later row that gives another is refused on that
column, naming the row it disagrees with. An activity already on file in the chosen unit with
that title and start is not changed by the import: a row that disagrees with it is refused too.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from concentric.activities.importing.columns import ACTIVITY_FIELDS


def activity_key(values: dict) -> tuple | None:
    """(title, start) of a row, or None while either is missing or refused."""
    title, starts_at = values.get("title"), values.get("starts_at")
    if not title or starts_at is None:
        return None
    return title, starts_at


def given_activity_values(row, values: dict, header_of) -> dict:
    """The activity columns the row gives (those refused left out; an empty place is "")."""
    refused = {error["column"] for error in row.errors}
    given = {}
    for field in ACTIVITY_FIELDS:
        if header_of(field) in refused:
            continue
        value = values.get(field, "")
        if field != "address" and value in ("", None):
            continue  # a required cell left empty: reported as such
        given[field] = value
    return given


class ActivitiesInFile:
    """The activities of one file by key: field -> (value, sheet, row) of the first row giving it."""

    def __init__(self):
        self.first: dict[tuple, dict] = {}

    def check(self, key: tuple, row, given: dict, header_of) -> None:
        """Record what the row gives, or refuse each column that differs from an earlier row's."""
        seen = self.first.setdefault(key, {})
        for field, value in given.items():
            if field not in seen:
                seen[field] = (value, row.sheet, row.row_number)
            elif seen[field][0] != value:
                _value, sheet, first_row = seen[field]
                row.errors.append(
                    {
                        "column": header_of(field),
                        "reason": _(
                            "Differs from row %(row)d of sheet %(sheet)s, a row of the same activity "
                            "(same title and start)."
                        )
                        % {"row": first_row, "sheet": sheet},
                    }
                )


def _shown(activity, field: str) -> str:
    if field == "type_id":
        return activity.type.name
    if field == "ends_at":
        return timezone.localtime(activity.ends_at).strftime("%Y-%m-%d %H:%M")
    if field == "status":
        return str(activity.get_status_display())
    return activity.address or _("(empty)")


def disagreements_with_file(activity, given: dict, header_of) -> list[dict]:
    """The activity columns the row gives that differ from the activity already on file."""
    return [
        {
            "column": header_of(field),
            "reason": _(
                "The activity with this title and start already in the unit has %(value)s here; "
                "the import only adds participants to it (change the activity on its page)."
            )
            % {"value": _shown(activity, field)},
        }
        for field, value in given.items()
        if getattr(activity, field) != value
    ]
