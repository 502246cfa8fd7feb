"""The member registry's import kind: what the kit's generic import does not know.

- Reading: names, former names, document numbers (an 18-digit number stored as an Excel number
  has lost digits), categories by name or code; then the person form's identity rules (GB 11643
  resident IDs fill an empty birth date and gender and refuse a contradicting one), pinyin keys.
- Settling a batch: duplicate document numbers within the file (a set of blind-index digests)
  and in the database (one lookup per batch); in update mode a record the actor may change is
  updated instead.
- Writing: people.bulk_write for new people (rows, search tokens, category links in one bulk
  write each), bulk updates, and suspected duplicates (same name with the same birth date or a
  shared phone) queued for review.
"""

import re
from datetime import date
from time import perf_counter
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concentric.core.kit.importing.cells import CellError, checked_text
from concentric.core.kit.importing.kind import ImportHandler, ImportKind, RowOutcome
from concentric.core.scoping import Action
from concentric.people.bulk_write import NewPerson, PersonWriter
from concentric.people.importing.columns import COLUMNS, DATA_SHEET
from concentric.people.importing.lookups import lookup, lookup_any, people_with_name_and_birth
from concentric.people.models import Category, DuplicateCase, DuplicateReason, Person, PersonSearchToken
from concentric.people.search import pinyin_keys, tokens_for
from concentric.people.services.common import PERSON_FIELDS
from concentric.people.services.validation import clean_identity, clean_name
from concentric.rollups.services import tallies

_LIST_SEPARATORS = re.compile(r"[、,，;；/\n]+")
# Fields clean_identity reads whether or not the file has their column.
_IDENTITY_DEFAULTS = {"id_type": "", "id_number": "", "birth_date": None, "gender": "", "name": ""}
UPDATABLE = frozenset(PERSON_FIELDS) - {"photo"}  # a photo is not a spreadsheet cell
INDEX_FIELDS = [f for f in Person._meta.concrete_fields if f.name.endswith("_index")]

NOTES = (
    "在“人员信息”工作表中每行填写一名人员，第一行为列名，请勿修改或删除列名。",
    "红色列名为必填列；带下拉列表的列请从列表中选择。",
    "证件号码、电话请以文本格式填写，避免Excel将长数字改为科学计数法。",
    "单元格不能以 = + - @ 开头，不能含有不可见的控制字符。",
    "同一证件号码只能登记一次；系统中已有的证件号码会被标为重复，除非选择“更新已有记录”。",
    "默认只有全部行均无错误时才导入；也可选择“仅导入无误的行”。",
)


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


class PeopleImport(ImportHandler):
    def __init__(self, run):
        super().__init__(run)
        self.categories = CategoryIndex()
        self.seen: dict[str, tuple[str, int]] = {}  # digest -> (sheet, row) of its first row in the file
        self.writer = PersonWriter()
        self.seconds = {"settle": 0.0, "suspected": 0.0}
        self.today = date.today()
        self.local_today = timezone.localdate()  # what validate_id_number would ask for per row

    # --- reading -----------------------------------------------------------------------------

    def parsers(self) -> dict:
        return {
            "name": self._name,
            "names": self._names,
            "id_number": self._id_number,
            "main_category": self._main_category,
            "categories": self._categories,
        }

    @staticmethod
    def _name(column, raw):
        return clean_name(checked_text(column, raw, limit=False))

    @staticmethod
    def _names(column, raw):
        return " ".join(checked_text(column, raw).split())

    @staticmethod
    def _id_number(column, raw):
        if isinstance(raw, float) and raw >= 1e15:
            # 18 digits do not fit in an Excel number: the last ones are already lost.
            raise CellError(_("The number was stored as a number and lost digits; enter it as text."))
        return checked_text(column, raw)

    def _main_category(self, column, raw):
        found = self.categories.get(checked_text(column, raw))
        if found is None:
            raise CellError(_("Unknown category."))
        if not found[1]:
            raise CellError(_("This category is no longer in use."))
        return found[0]

    def _categories(self, column, raw):
        ids = []
        for part in filter(None, (piece.strip() for piece in _LIST_SEPARATORS.split(checked_text(column, raw)))):
            found = self.categories.get(part)
            if found is None:
                raise CellError(_("Unknown category: %(name)s.") % {"name": part})
            ids.append(found[0])
        return ids

    def complete(self, row, values: dict) -> None:
        category_ids = values.pop("categories", [])
        main = values.pop("main_category", None)  # absent when its cell was refused
        # The attributes clean_identity and pinyin_keys read, on a plain namespace: no model
        # instance per row (the commit writes the values themselves).
        person = SimpleNamespace(
            **(_IDENTITY_DEFAULTS | values), org_unit_id=self.run.org_unit.pk, main_category_id=main
        )
        if not person.id_type:
            person.id_type = "resident_id"
        try:
            clean_identity(person, today=self.local_today)
        except ValidationError as error:
            # On the column of the field it concerns: the number, or a gender it contradicts.
            for field_name, messages in error.message_dict.items():
                column = self.run.header_of(field_name if field_name in _FIELDS else "id_number", row.sheet)
                row.errors.append({"column": column, "reason": "；".join(messages)})
            return
        if person.birth_date and person.birth_date > self.today:
            row.errors.append(
                {"column": self.run.header_of("birth_date", row.sheet), "reason": str(_("This date does not exist."))}
            )
            return
        if row.errors:
            return
        person.name_pinyin = pinyin_keys(person)
        row.values = vars(person)
        row.related = list(dict.fromkeys([main, *category_ids]))

    # --- settling a batch --------------------------------------------------------------------

    def settle(self, batch: list) -> list:
        started = perf_counter()
        digest_of = Person._meta.get_field("id_number_index").digest
        digests = {}
        for row in batch:
            if row.values is not None and row.values["id_number"]:
                digests[id(row)] = digest_of(row.values["id_number"])
        existing = self._existing({digest for digest in digests.values() if digest not in self.seen})
        id_header = self.run.header_of("id_number")
        decided = []
        for row in batch:
            digest = digests.get(id(row))
            outcome, target = (RowOutcome.ERROR if row.errors else RowOutcome.NEW), None
            if digest and not row.errors:
                if digest in self.seen:
                    sheet, first = self.seen[digest]
                    row.errors.append({"column": id_header, "reason": self._in_file_duplicate(sheet, first)})
                    outcome = RowOutcome.DUPLICATE
                elif digest in existing:
                    pk, name, unit, changeable = existing[digest]
                    if self.run.update_existing and changeable:
                        outcome, target = RowOutcome.UPDATE, pk
                    else:
                        row.errors.append({"column": id_header, "reason": self._db_duplicate(name, unit)})
                        outcome = RowOutcome.DUPLICATE
                self.seen.setdefault(digest, (row.sheet, row.row_number))
            decided.append((outcome, target))
        self.seconds["settle"] += perf_counter() - started
        return decided

    def _existing(self, digests: set) -> dict:
        """digest -> (pk, name or "", unit name or "", changeable) for records already on file."""
        if not digests:
            return {}
        found = {
            digest: pk
            for pk, digest in lookup(
                ("id", "id_number_index"), ("id_number_index",), [(digest,) for digest in sorted(digests)]
            )
        }
        if not found:
            return {}
        actor = self.run.actor
        changeable = set(
            Person.objects.visible_to(actor, Action.CHANGE).filter(pk__in=found.values()).values_list("pk", flat=True)
        )
        visible = {
            pk: (name, unit)
            for pk, name, unit in Person.objects.visible_to(actor)
            .filter(pk__in=found.values())
            .values_list("pk", "name", "org_unit__name")
        }
        return {digest: (pk, *visible.get(pk, ("", "")), pk in changeable) for digest, pk in found.items()}

    @staticmethod
    def _in_file_duplicate(sheet: str, first: int) -> str:
        return _("The same document number is already on row %(row)d of sheet %(sheet)s in this file.") % {
            "row": first,
            "sheet": sheet,
        }

    @staticmethod
    def _db_duplicate(name: str, unit: str) -> str:
        if not name:
            return _(
                "A record with this document number already exists in a unit outside yours. "
                "Ask the unit that keeps it, or your superior unit, to transfer it."
            )
        return _("A record with this document number already exists: %(name)s, %(unit)s.") % {
            "name": name,
            "unit": unit,
        }

    # --- writing -----------------------------------------------------------------------------

    def insert(self, rows: list) -> None:
        # The person rows, their search tokens and category links in one bulk write each; the
        # values were checked by the row reader as the person form checks them.
        written = self.writer.write([NewPerson(row.values, row.related) for row in rows])
        started = perf_counter()
        self._queue_suspected(
            [
                SimpleNamespace(
                    pk=pk, name=row.values["name"], birth_date=row.values["birth_date"], phones={phone, phone2} - {None}
                )
                for row, pk, phone, phone2 in zip(
                    rows, written.pks, written.digests["phone_index"], written.digests["phone2_index"], strict=True
                )
            ]
        )
        self.seconds["suspected"] += perf_counter() - started

    def update(self, pairs: list) -> None:
        current = Person.objects.select_for_update().in_bulk([pk for pk, _row in pairs])
        with tallies(*current.values()):  # a main category may change
            now = timezone.now()
            changed = set()
            people = []
            for pk, row in pairs:
                person = current[pk]
                fields = (row.filled & UPDATABLE) | {"id_number", "id_type"}
                for derived in ("birth_date", "gender"):
                    if row.values[derived]:
                        fields.add(derived)
                for name in fields:
                    attname = "main_category_id" if name == "main_category" else name
                    setattr(person, attname, row.values[attname])
                person.name_pinyin = pinyin_keys(person)
                person.version += 1
                person.updated_at = now
                for index in INDEX_FIELDS:
                    index.pre_save(person, False)
                changed |= fields
                people.append((person, row))
            names = sorted(changed)
            names += ["name_pinyin", "version", "updated_at"] + [index.name for index in INDEX_FIELDS]
            Person.objects.bulk_update([person for person, _row in people], names, batch_size=500)
            pks = [person.pk for person, _row in people]
            PersonSearchToken.objects.filter(person_id__in=pks).delete()
            PersonSearchToken.objects.bulk_create(
                [PersonSearchToken(person_id=p.pk, token=t) for p, _row in people for t in tokens_for(p)],
                batch_size=5000,
            )
            links = Person.categories.through
            replaced = [p.pk for p, row in people if "categories" in row.filled]
            if replaced:
                links.objects.filter(person_id__in=replaced).delete()
            links.objects.bulk_create(
                [links(person_id=p.pk, category_id=c) for p, row in people for c in row.related],
                batch_size=5000,
                ignore_conflicts=True,
            )

    def _queue_suspected(self, people: list) -> None:
        """Same name and birth date, or same name and a shared phone: a case for review, in bulk.

        Index lookups per batch find only the matching records (name and birth date through
        person_name_birth, each phone through its blind index), however many people share a
        common name in a large registry.
        """
        same_birth = people_with_name_and_birth({(p.name, p.birth_date) for p in people if p.birth_date})
        digests = set().union(*(p.phones for p in people))
        same_phone = {}
        for pk, name, phone, phone2 in lookup_any(
            ("id", "name", "phone_index", "phone2_index"), ("phone_index", "phone2_index"), sorted(digests)
        ):
            same_phone.setdefault(name, []).append((pk, {phone, phone2} - {None}))
        cases = {}
        for person in people:
            if person.birth_date:
                for pk in same_birth.get((person.name, person.birth_date), ()):
                    if pk != person.pk:
                        cases.setdefault(tuple(sorted((pk, person.pk))), DuplicateReason.NAME_BIRTH)
            for pk, other_phones in same_phone.get(person.name, ()):
                if pk != person.pk and person.phones & other_phones:
                    cases.setdefault(tuple(sorted((pk, person.pk))), DuplicateReason.NAME_PHONE)
        if cases:
            DuplicateCase.objects.bulk_create(
                [DuplicateCase(person_a_id=a, person_b_id=b, reason=reason) for (a, b), reason in cases.items()],
                ignore_conflicts=True,
            )

    def stage_seconds(self) -> dict[str, float]:
        return {
            "duplicates_in_file_and_database": self.seconds["settle"],
            **{f"write_{name}": value for name, value in self.writer.seconds.items()},
            "suspected_duplicates": self.seconds["suspected"],
        }


_FIELDS = {column.field for column in COLUMNS}

PEOPLE_IMPORT = ImportKind(
    name="people",
    model=Person,
    columns=COLUMNS,
    sheet=DATA_SHEET,
    title=gettext_lazy("Import members"),
    template_title="统战成员导入",
    handler=PeopleImport,
    unit_field="org_unit",
    label_field="name",
    notes=NOTES,
    update_label=gettext_lazy("Update records that have the same document number"),
    list_url="people:list",
    list_label=gettext_lazy("Members"),
)
