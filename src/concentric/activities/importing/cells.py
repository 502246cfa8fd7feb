"""The activity import's own cells: the activity type by name, and volunteer hours."""

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from concentric.activities.models import ActivityType
from concentric.core.kit.importing.cells import CellError, checked_text

MAX_HOURS = Decimal("9999.9")  # VolunteerHours.hours: five digits, one after the point
_HOURS_TEXT = re.compile(r"^(\d+(?:\.\d+)?)\s*(?:小时|h)?$", re.IGNORECASE)


class TypeIndex:
    """Activity type names -> (pk, in use), read once per import."""

    def __init__(self):
        self.by_name = {
            "".join(name.split()).lower(): (pk, active)
            for pk, name, active in ActivityType.objects.values_list("pk", "name", "is_active")
        }

    def parse(self, column, raw) -> int:
        found = self.by_name.get("".join(checked_text(column, raw).split()).lower())
        if found is None:
            raise CellError(_("Not one of the activity types in the drop-down list."))
        if not found[1]:
            raise CellError(_("This activity type is no longer in use."))
        return found[0]


def _hours_refused() -> CellError:
    return CellError(_("Enter the hours as a number such as 2.5."))


def parse_hours(column, raw) -> Decimal:
    """Hours served: a number (or text such as 2.5 or 2.5小时) above 0 with at most one decimal."""
    if isinstance(raw, bool):
        raise _hours_refused()
    if isinstance(raw, (int, float)):
        try:
            value = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
        except InvalidOperation:
            raise _hours_refused() from None
    else:
        match = _HOURS_TEXT.match(unicodedata.normalize("NFKC", str(raw)).strip())
        if match is None:
            raise _hours_refused()
        value = Decimal(match.group(1))
    if not value.is_finite():
        raise _hours_refused()
    if value <= 0:
        raise CellError(_("The hours must be more than 0."))
    if value != value.quantize(Decimal("0.1")):
        raise CellError(_("At most one decimal place, such as 2.5."))
    if value > MAX_HOURS:
        raise CellError(_("At most %(max)s hours.") % {"max": MAX_HOURS})
    return value.quantize(Decimal("0.1"))
