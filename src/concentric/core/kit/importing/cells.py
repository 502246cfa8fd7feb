"""Reading spreadsheet cells: spreadsheet quirks accepted (Excel dates, text dates, full-width
digits, stray spaces, whole numbers stored as floats), spreadsheet attacks refused (formula-
leading text, control characters). Reasons are in the active language (the runner uses Chinese).
"""

import re
import unicodedata
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from concentric.core.validation import has_control_characters

FORMULA_TRIGGERS = ("=", "+", "-", "@")
PHONE_WITH_COUNTRY = re.compile(r"^\+[\d\s\-()]+$")
_TEXT_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_TEXT_DATE_PART = r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
# 2026-10-01 09:00, 2026/10/1 9:00:30, 2026-10-01T09:00, 2026年10月1日 9时, 2026年10月1日9时30分
_TEXT_DATETIME = re.compile(
    rf"^{_TEXT_DATE_PART}\s*[Tt]?\s*"
    r"(?:(\d{1,2})\s*:\s*(\d{2})(?:\s*:\s*(\d{2}))?"
    r"|(\d{1,2})\s*[时点]\s*(?:(\d{1,2})\s*分)?(?:\s*(\d{1,2})\s*秒)?)$"
)
EXCEL_EPOCH = date(1899, 12, 30)
EARLIEST_DATE = date(1880, 1, 1)


class CellError(Exception):
    """A cell's value is refused; the message is the reason shown for its row and column."""


def cell_text(value) -> str:
    """A cell as stripped text; whole numbers lose their ".0"."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, (date, int)):
        return value.isoformat() if isinstance(value, date) else str(value)
    return str(value).strip()


def _checked_date(year: int, month: int, day: int) -> date:
    try:
        value = date(year, month, day)
    except ValueError:
        raise CellError(_("This date does not exist.")) from None
    if value < EARLIEST_DATE:
        raise CellError(_("This date does not exist."))
    return value


def parse_date(raw) -> date | None:
    """Excel dates, Excel serial numbers, and text such as 2020-1-2, 2020/01/02, 2020年1月2日, 20200102."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        if float(raw).is_integer() and 10_000_000 <= raw <= 99_999_999:
            text = str(int(raw))
            return _checked_date(int(text[:4]), int(text[4:6]), int(text[6:]))
        if 1 <= raw < 2_958_466 and float(raw).is_integer():  # an Excel serial day number
            return EXCEL_EPOCH + timedelta(days=int(raw))
        raise CellError(_("Enter a date such as 1980-01-02."))
    text = unicodedata.normalize("NFKC", str(raw)).strip()
    match = _TEXT_DATE.match(text) or _COMPACT_DATE.match(text)
    if match is None:
        raise CellError(_("Enter a date such as 1980-01-02."))
    return _checked_date(*(int(part) for part in match.groups()))


def _datetime_example() -> str:
    return _("Enter a date and time such as 2026-10-01 09:00.")


def _checked_time(hour: int, minute: int, second: int) -> time:
    if hour > 23 or minute > 59 or second > 59:
        raise CellError(_("This time does not exist."))
    return time(hour, minute, second)


def _local(value: datetime) -> datetime:
    """A wall-clock time in the site's time zone (Asia/Shanghai); an aware one kept as it is."""
    if timezone.is_aware(value):
        return value
    return timezone.make_aware(value, timezone.get_default_timezone())


def parse_datetime(raw) -> datetime | None:
    """An aware date and time: Excel date-times, Excel serial numbers with a fraction of a day, and
    text such as 2026-10-01 09:00, 2026/10/1 9:00, 2026年10月1日 9时30分, read as the site's local
    time. A date without a time is refused: midnight would be a guess."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, datetime):
        return _local(raw.replace(microsecond=0))
    if isinstance(raw, date):
        raise CellError(_datetime_example())
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        if not 1 <= raw < 2_958_466:
            raise CellError(_datetime_example())
        seconds = round(float(raw) * 86_400)
        return _local(datetime.combine(EXCEL_EPOCH, time()) + timedelta(seconds=seconds))
    text = unicodedata.normalize("NFKC", str(raw)).strip()
    match = _TEXT_DATETIME.match(text)
    if match is None:
        raise CellError(_datetime_example())
    year, month, day, *clock = match.groups()
    hour, minute, second = clock[:3] if clock[0] is not None else clock[3:]
    day_value = _checked_date(int(year), int(month), int(day))
    return _local(datetime.combine(day_value, _checked_time(int(hour), int(minute or 0), int(second or 0))))


def formula_refused() -> str:
    """The reason given for formula-leading text and for a formula cell."""
    return _("Text may not begin with = + - or @ (it could run as a formula).")


def check_text(column, text: str) -> None:
    """Refuse formula-leading text (a phone may begin with +country) and control characters
    (line breaks allowed in a multi-line column)."""
    if not text:
        return
    if text.startswith(FORMULA_TRIGGERS) and not (column.parser == "phone" and PHONE_WITH_COUNTRY.match(text)):
        raise CellError(formula_refused())
    checked = text.replace("\n", "") if column.multiline else text
    if has_control_characters(checked):
        raise CellError(_("The text contains invisible control characters."))


def checked_text(column, raw, *, limit: bool = True) -> str:
    """The cell as text, checked; over the column's length refused unless ``limit`` is False."""
    text = cell_text(raw)
    check_text(column, text)
    if limit and column.max_length and len(text) > column.max_length:
        raise CellError(_("At most %(max)d characters.") % {"max": column.max_length})
    return text
