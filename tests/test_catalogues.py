"""The Chinese catalogues agree with one another.

Django merges every catalogue into one: the project's first, then the apps' in INSTALLED_APPS
order, and the first catalogue holding a message gives its wording to the whole site. So one
message (with its context) worded two ways in two catalogues is a bug: one app's pages show the
other's wording. Where the meaning differs, the message needs a context of its own
(pgettext, or {% translate ... context ... %}).

Reads the compiled catalogues, which `make install` and `make test` build (`make messages`).
The last test reads a few such places through the merged catalogue, as a page would.
"""

import gettext
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

import concentric
from concentric.activities.models import Activity, PairingProject, VolunteerHours
from concentric.audit.models import AuditEvent
from concentric.org.choices import UnitKind
from concentric.org.models import OrgUnit
from concentric.people.choices import Level, PathEventKind
from concentric.people.forms import CategoryForm, PersonForm
from concentric.people.models import DuplicateCase, Training
from concentric.people.tables import PersonTable
from concentric.publishing.models import ItemImage
from concentric.quotas.board import BoardForm
from concentric.venues.models import Booking

SOURCE = Path(concentric.__file__).parent
CATALOGUE = Path("locale") / "zh_Hans" / "LC_MESSAGES" / "django.po"
# core's strings live in the project catalogue (see tests/test_translations.py).
APPS = sorted(path.parent.name for path in SOURCE.glob("*/apps.py") if path.parent.name != "core")


def _catalogue_files() -> dict[str, Path]:
    """Each catalogue's .po by name ("project", then the apps'), in the order Django merges them."""
    order = [name.rpartition(".")[2] for name in settings.INSTALLED_APPS if name.startswith("concentric.")]
    apps = sorted(SOURCE.glob(f"*/{CATALOGUE}"), key=lambda po: _position(order, po.parents[3].name))
    return {"project": SOURCE / CATALOGUE} | {po.parents[3].name: po for po in apps}


def _position(order: list[str], app: str) -> int:
    return order.index(app) if app in order else len(order)


def _compiled(po: Path) -> dict:
    with po.with_suffix(".mo").open("rb") as mo:
        return gettext.GNUTranslations(mo)._catalog


def _describe(key) -> str:
    """A catalogue key as people write it: msgid, its context, its plural form."""
    msgid, form = key if isinstance(key, tuple) else (key, None)
    context, _, msgid = msgid.rpartition("\x04")
    text = repr(msgid)
    if context:
        text += f" (context {context!r})"
    if form is not None:
        text += f" [plural form {form}]"
    return text


def disagreements(catalogues: dict[str, dict]) -> list[str]:
    """One line per message that two catalogues word differently, naming each catalogue's wording."""
    wordings: dict[object, dict[str, str]] = {}
    for name, catalogue in catalogues.items():
        for key, msgstr in catalogue.items():
            if key != "":  # the header
                wordings.setdefault(key, {})[name] = msgstr
    return [
        f"{_describe(key)}: " + ", ".join(f"{name} {msgstr!r}" for name, msgstr in by_catalogue.items())
        for key, by_catalogue in sorted(wordings.items(), key=lambda item: _describe(item[0]))
        if len(set(by_catalogue.values())) > 1
    ]


def test_every_app_has_a_catalogue():
    names = set(_catalogue_files())
    assert _catalogue_files()["project"].is_file(), "the project catalogue is missing"
    assert set(APPS) <= names, f"apps without a zh_Hans catalogue: {sorted(set(APPS) - names)}"


def test_every_catalogue_is_compiled():
    stale = [
        str(po.relative_to(SOURCE))
        for po in _catalogue_files().values()
        if not po.with_suffix(".mo").is_file() or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
    ]
    assert not stale, f"missing or older than their .po (run `make messages`): {stale}"


def test_no_message_is_worded_two_ways():
    catalogues = {name: _compiled(po) for name, po in _catalogue_files().items() if po.with_suffix(".mo").is_file()}
    found = disagreements(catalogues)
    assert not found, (
        "worded differently in two catalogues, the first named wins on every page "
        "(unify the wording, or give the use that means something else a context):\n" + "\n".join(found)
    )


@pytest.mark.parametrize("name", list(_catalogue_files()))
def test_no_entry_is_fuzzy_or_empty(name):
    if shutil.which("msgfmt") is None:
        pytest.fail("GNU gettext is missing: `make test` installs it")
    po = _catalogue_files()[name]
    result = subprocess.run(
        ["msgfmt", "--statistics", "-o", "/dev/null", str(po)], capture_output=True, text=True, check=True
    )
    statistics = result.stderr.strip()
    assert re.fullmatch(r"\d+ translated messages?\.", statistics), f"{name}: {statistics}"


def test_disagreements_tell_contexts_and_plurals_apart():
    project = {"": "header", "Name": "名称", "person\x04Name": "姓名", ("%d row", 0): "%d 行"}
    people = {"": "other header", "Name": "姓名", "person\x04Name": "姓名", ("%d row", 0): "%d 条"}
    assert disagreements({"project": project, "people": people}) == [
        "'%d row' [plural form 0]: project '%d 行', people '%d 条'",
        "'Name': project '名称', people '姓名'",
    ]


def _field_name(model, field: str):
    return lambda: model._meta.get_field(field).verbose_name


def _form_label(form, field: str):
    return lambda: form.base_fields[field].label


# One English word, two meanings: each place reads its own Chinese, whichever app comes first.
OWN_WORDING = {
    "a person's name": (lambda: PersonTable.name.label, "姓名"),
    "a category's name": (_form_label(CategoryForm, "name"), "名称"),
    "a person's unit": (_form_label(PersonForm, "org_unit"), "所属单位"),
    "the unit a quota board shows": (_form_label(BoardForm, "unit"), "单位"),
    "a booking's start": (_field_name(Booking, "starts_at"), "开始时间"),
    "a pairing project's start": (_field_name(PairingProject, "start_on"), "开始日期"),
    "a training's start": (_field_name(Training, "start_on"), "开始日期"),
    "a training's hours": (_field_name(Training, "hours"), "学时"),
    "volunteer hours": (_field_name(VolunteerHours, "hours"), "时长（小时）"),
    "an audit event's reason": (_field_name(AuditEvent, "reason"), "事由"),
    "why two people may be one": (_field_name(DuplicateCase, "reason"), "原因"),
    "an activity's type": (_field_name(Activity, "type"), "活动类型"),
    "an image's type": (_field_name(ItemImage, "content_type"), "类型"),
    "where an activity is held": (_field_name(Activity, "address"), "地点"),
    "a unit's address": (_field_name(OrgUnit, "address"), "地址"),
    "a path event": (lambda: PathEventKind.POST.label, "安排职务"),
    "a post's level": (lambda: Level.DISTRICT.label, "区级"),
    "a unit's kind": (lambda: UnitKind.DISTRICT.label, "区"),
}


@pytest.mark.parametrize("place", list(OWN_WORDING))
def test_each_use_reads_its_own_wording(place):
    label, expected = OWN_WORDING[place]
    with translation.override("zh-hans"):
        assert str(label()) == expected
