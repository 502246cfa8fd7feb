"""Every user-facing string in code and templates has a Chinese translation.

Re-extracts the catalogues from a copy of the source with makemessages (as a developer would)
and asks msgfmt how many messages are untranslated or fuzzy.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import concentric

SOURCE = Path(concentric.__file__).parent
# Each app keeps its own catalogue; core's strings live in the project catalogue.
APPS = sorted(path.parent.name for path in SOURCE.glob("*/apps.py") if path.parent.name != "core")


def _makemessages(folder: Path, ignore: list[str]) -> None:
    django_admin = Path(sys.executable).parent / "django-admin"
    args = [str(django_admin), "makemessages", "-l", "zh_Hans", "--no-obsolete", "-v", "0"]
    for pattern in ignore:
        args += ["--ignore", pattern]
    subprocess.run(args, cwd=folder, check=True, env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})


def _statistics(po: Path) -> str:
    result = subprocess.run(
        ["msgfmt", "--statistics", "-o", "/dev/null", str(po)], capture_output=True, text=True, check=True
    )
    return result.stderr.strip()


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    if shutil.which("xgettext") is None:
        pytest.fail("GNU gettext is missing: `make test` installs it")
    copy = tmp_path_factory.mktemp("src") / "concentric"
    shutil.copytree(SOURCE, copy, ignore=shutil.ignore_patterns("vendor", "__pycache__", "*.mo", "tests"))
    for app in APPS:
        _makemessages(copy / app, ignore=["tests/*"])
    _makemessages(copy, ignore=[f"{app}/*" for app in APPS] + ["static/*", "tests/*"])
    return copy


@pytest.mark.parametrize("catalogue", ["", *APPS])
def test_every_message_is_translated(extracted, catalogue):
    po = extracted / catalogue / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
    statistics = _statistics(po)
    assert re.fullmatch(r"\d+ translated messages?\.", statistics), f"{catalogue or 'project'}: {statistics}"
