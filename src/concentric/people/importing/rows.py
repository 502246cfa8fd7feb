"""Reading one spreadsheet row into a person's field values, judged as the person form judges it.

The checks are those of people.services.validation (names, phones, document numbers with the
GB 11643 rules), plus the model's lengths and choices; spreadsheet quirks are accepted (Excel
dates, text dates, full-width digits, stray spaces) and spreadsheet attacks refused (formula-
leading text, control characters). Errors are (column header, reason) pairs, reasons in the
active language (the runner uses Chinese).
"""

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from concentric.people.importing.columns import COLUMNS, ImportColumn, choice_lookup
from concentric.people.models import Category
from concentric.people.search import pinyin_keys
from concentric.people.services.validation import clean_identity, clean_name, clean_phone, has_control_characters

FORMULA_TRIGGERS = ("=", "+", "-", "@")
_PHONE_WITH_COUNTRY = re.compile(r"^\+[\d\s\-()]+$")
_TEXT_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_LIST_SEPARATORS = re.compile(r"[、,，;；/\n]+")
EXCEL_EPOCH = date(1899, 12, 30)
EARLIEST_DATE = date(1880, 1, 1)


# Fields clean_identity reads whether or not the file has their column.
_IDENTITY_DEFAULTS = {"id_type": "", "id_number": "", "birth_date": None, "gender": "", "name": ""}


class CellError(Exception):
    pass


@dataclass
class ParsedRow:
    sheet: str
    row_number: int
    values: dict | None = None  # a valid row's field values by attname, as Person(**values) takes them
    category_ids: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # [{"column": header, "reason": text}]
    filled: set = field(default_factory=set)  # fields given a value in the file
    label: str = ""  # the name as written, for the results table

    @property
    def name(self) -> str:
        return self.values["name"] if self.values is not None else self.label


class CategoryIndex:
    """Category names (and codes) -> (id, active), read once per import."""

    def __init__(self):
        self.by_name = {}
        for pk, name, code, active, parent in Category.objects.values_list(
            "pk", "name", "code", "is_active", "parent__name"
        ):
            for key in (name, code, f"{parent}/{name}" if parent else None):
                if key:
                    self.by_name["".join(key.split()).lower()] = (pk, active)

    def get(self, text: str):
        return self.by_name.get("".join(text.split()).lower())


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


def formula_refused() -> str:
    """The reason given for formula-leading text and for a formula cell."""
    return _("Text may not begin with = + - or @ (it could run as a formula).")


def _messages(error: ValidationError) -> str:
    return "；".join(str(message) for message in error.messages)


class RowReader:
    """Turns rows of one sheet into ParsedRow objects. ``header`` is the sheet's first row."""

    def __init__(self, *, sheet: str, header: list, org_unit, categories: CategoryIndex, uncached_formulas=frozenset()):
        self.sheet = sheet
        # (row number, cell index) of formula cells without a cached value, which calamine reads as empty
        self.uncached_formulas = uncached_formulas
        self.org_unit_id = org_unit.pk
        self.categories = categories
        positions = {cell_text(text).replace(" ", "").lstrip("*"): index for index, text in enumerate(header)}
        self.columns: list[tuple[int, ImportColumn]] = []
        self.missing = []
        for column in COLUMNS:
            found = next((header for header in (column.header, *column.aliases) if header in positions), None)
            if found is None:
                if column.required:
                    self.missing.append(column.header)
            else:
                # Errors name the column as the file heads it (an older name, perhaps).
                self.columns.append((positions[found], replace(column, header=found)))
        self.header_of = {column.field: column.header for column in COLUMNS}
        self.header_of.update({column.field: column.header for _index, column in self.columns})
        self.today = date.today()
        self.local_today = timezone.localdate()  # what validate_id_number would ask for per row

    def read(self, cells: list, row_number: int) -> ParsedRow | None:
        """None for an empty row; otherwise the row with its person or its errors."""
        row = ParsedRow(self.sheet, row_number)
        values = {}
        width = len(cells)
        empty = True
        formulas = self.uncached_formulas
        for index, column in self.columns:
            raw = cells[index] if index < width else None
            if formulas and (row_number, index) in formulas:
                empty = False
                row.errors.append({"column": column.header, "reason": formula_refused()})
                continue
            if raw is None or raw == "":
                if column.required:
                    values[column.field] = ""
                continue
            empty = False
            try:
                values[column.field] = self._cell(column, raw)
                row.filled.add(column.field)
            except CellError as error:
                row.errors.append({"column": column.header, "reason": str(error)})
            except ValidationError as error:
                row.errors.append({"column": column.header, "reason": _messages(error)})
        if empty:
            return None
        name = values.get("name")
        row.label = name if isinstance(name, str) else ""
        self._build(row, values)
        return row

    def _cell(self, column: ImportColumn, raw):
        kind = column.kind
        if kind == "date":
            if isinstance(raw, str):
                self._check_text(column, raw.strip())
            return parse_date(raw)
        if kind == "id_number" and isinstance(raw, float) and raw >= 1e15:
            # 18 digits do not fit in an Excel number: the last ones are already lost.
            raise CellError(_("The number was stored as a number and lost digits; enter it as text."))
        text = cell_text(raw)
        self._check_text(column, text)
        if kind == "name":
            return clean_name(text)
        if column.max_length and len(text) > column.max_length:
            raise CellError(_("At most %(max)d characters.") % {"max": column.max_length})
        if kind == "choice":
            value = choice_lookup(column.field).get("".join(text.split()).lower())
            if value is None:
                raise CellError(_("Not one of the values in the drop-down list."))
            return value
        if kind == "phone":
            return clean_phone(text, field=column.field)
        if kind == "main_category":
            found = self.categories.get(text)
            if found is None:
                raise CellError(_("Unknown category."))
            if not found[1]:
                raise CellError(_("This category is no longer in use."))
            return found[0]
        if kind == "categories":
            ids = []
            for part in filter(None, (piece.strip() for piece in _LIST_SEPARATORS.split(text))):
                found = self.categories.get(part)
                if found is None:
                    raise CellError(_("Unknown category: %(name)s.") % {"name": part})
                ids.append(found[0])
            return ids
        if kind == "text" and column.field == "former_names":
            return " ".join(text.split())
        return text

    def _check_text(self, column: ImportColumn, text: str) -> None:
        if not text:
            return
        if text.startswith(FORMULA_TRIGGERS) and not (column.kind == "phone" and _PHONE_WITH_COUNTRY.match(text)):
            raise CellError(formula_refused())
        checked = text.replace("\n", "") if column.multiline else text
        if has_control_characters(checked):
            raise CellError(_("The text contains invisible control characters."))

    def _build(self, row: ParsedRow, values: dict) -> None:
        failed = {error["column"] for error in row.errors}
        for field_name in ("name", "main_category"):
            if values.get(field_name) == "" and self.header_of[field_name] not in failed:
                reason = _("Enter the name.") if field_name == "name" else _("This column is required.")
                row.errors.append({"column": self.header_of[field_name], "reason": reason})
        if row.errors:
            return
        category_ids = values.pop("categories", [])
        main = values.pop("main_category")
        # The attributes clean_identity and pinyin_keys read, on a plain namespace: no model
        # instance per row (the commit writes the values themselves).
        person = SimpleNamespace(**(_IDENTITY_DEFAULTS | values), org_unit_id=self.org_unit_id, main_category_id=main)
        if not person.id_type:
            person.id_type = "resident_id"
        try:
            clean_identity(person, today=self.local_today)
        except ValidationError as error:
            # On the column of the field it concerns: the number, or a gender it contradicts.
            for field_name, messages in error.message_dict.items():
                column = self.header_of.get(field_name, self.header_of["id_number"])
                row.errors.append({"column": column, "reason": "；".join(messages)})
            return
        if person.birth_date and person.birth_date > self.today:
            row.errors.append({"column": self.header_of["birth_date"], "reason": str(_("This date does not exist."))})
            return
        person.name_pinyin = pinyin_keys(person)
        row.values = vars(person)
        row.category_ids = list(dict.fromkeys([main, *category_ids]))
