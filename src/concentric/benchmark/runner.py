"""One bench run: prepare the database, seed, measure, and assemble the report."""

import gc
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.management import call_command
from django.db import connection
from django.test.utils import override_settings
from django.urls import reverse

from concentric.benchmark import dashboard_figures, io_figures, measure, seed
from concentric.benchmark.peers import compare as peer_compare
from concentric.benchmark.profiles import Profile
from concentric.benchmark.report import HIGHER, Figure, Report
from concentric.core.chinese import initials_variants, pinyin_variants
from concentric.core.heap import prepare_for_requests
from concentric.org.models import OrgUnit
from concentric.people.models import Person

SCALE_TARGET = 1.5  # p95 at the profile's size / p95 at the 10k baseline, list and searches alike


class BenchRefused(Exception):
    pass


@dataclass
class Progress:
    """Callbacks for a progress display: ``task(label, total)`` then ``advance(n)``."""

    task: Callable[[str, int], None] = lambda label, total: None
    advance: Callable[[int], None] = lambda n: None


def database_label() -> str:
    if connection.vendor == "sqlite":
        import sqlite3

        return f"sqlite {sqlite3.sqlite_version}"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"postgresql {cursor.fetchone()[0]}"


def prepare_database(*, profile: Profile, seed_value: int, reuse: bool, wipe: bool) -> bool:
    """Migrate, then decide what to do with people already there; True when a seed is reused."""
    call_command("migrate", verbosity=0, interactive=False)
    if seed.registry_is_empty():
        if seed.current_marker():
            seed.wipe()  # bench units left from an interrupted run
        return False
    marker = seed.current_marker()
    wanted = seed.SeedMarker(seed_value, profile.members)
    if reuse and marker == wanted and Person.objects.count() == profile.members:
        return True
    if wipe:
        seed.wipe()
        return False
    found = f"a previous bench seed ({marker.encode()})" if marker else "people that are not a bench seed"
    raise BenchRefused(
        f"The database already holds {Person.objects.count()} people: {found}. Use --reuse to measure a previous "
        f"seed of the same size and seed ({wanted.encode()}), or --wipe to delete every person first."
    )


def search_terms(unit: OrgUnit) -> dict[str, str]:
    """Terms that find people in the measured user's scope, taken from the first seeded rows."""
    people = list(
        Person.objects.filter(org_unit__path__startswith=unit.path).order_by("id").only("name", "phone")[:500]
    )
    two = next(person.name for person in people if len(person.name) == 2)
    three = next(person.name for person in people if len(person.name) == 3)
    return {
        "name2": two,
        "pinyin": pinyin_variants(three)[0],
        "initials": initials_variants(three)[0],
        "phone4": people[0].phone[-4:],
    }


@dataclass
class Measurements:
    pages: dict[str, measure.PageTiming]
    name2_uses_index: bool
    name2_scans: list[str]


def measure_pages(user, unit: OrgUnit, terms: dict[str, str], samples: int, progress: Progress) -> Measurements:
    # As the served application does (concentric.wsgi): what is loaded so far, including the
    # seeding's leftovers, is kept out of the collector's way while pages are timed. The import
    # and export that follow run in the worker, with the collector's defaults. Django's SQL debug
    # log (on with CONCENTRIC_DEBUG) is off, as in production and for the import and export.
    threshold = gc.get_threshold()
    prepare_for_requests()
    try:
        with override_settings(DEBUG=False):
            pages = _time_pages(user, terms, samples, progress)
    finally:
        gc.set_threshold(*threshold)
    uses_index, scans = measure.plan_uses_index(pages["search_name2"].statements)
    return Measurements(pages, uses_index, scans)


def _time_pages(user, terms: dict[str, str], samples: int, progress: Progress) -> dict[str, measure.PageTiming]:
    # Signed in afresh each time: seeding a million members outlasts the session's idle limit.
    client = measure.page_client(user)
    base = reverse("people:list")
    urls = {"list": base} | {f"search_{kind}": f"{base}?{urlencode({'q': term})}" for kind, term in terms.items()}
    progress.task("measuring pages", len(urls))
    pages = {}
    for name, url in urls.items():
        pages[name] = measure.time_page(client, url, samples=samples)
        progress.advance(1)
    return pages


def page_figures(now: Measurements, baseline: Measurements | None, terms: dict[str, str], samples: int) -> list[Figure]:
    figures = []
    if baseline is not None:
        for name, timing in now.pages.items():
            detail = {"samples": samples, "statements": len(timing.statements)}
            if name != "list":
                detail["term"] = terms[name.removeprefix("search_")]
            figures.append(
                Figure(
                    f"{name}_page_p95_vs_baseline", timing.page_p95_ms, baseline.pages[name].page_p95_ms,
                    SCALE_TARGET, detail=detail,
                )
            )  # fmt: skip
    figures.append(
        Figure(
            "search_name2_plan_uses_index", 1.0 if now.name2_uses_index else 0.0, 1.0, 1.0, better=HIGHER,
            unit="bool", detail={"full_scans": now.name2_scans},
        )
    )  # fmt: skip
    return figures


def run(
    *,
    profile: Profile,
    seed_value: int,
    reuse: bool = False,
    wipe: bool = False,
    progress: Progress | None = None,
    io: bool = True,
    peers: bool = True,
    samples: int | None = None,
    dashboard: bool = True,
) -> Report:
    progress = progress or Progress()
    samples = samples or profile.samples
    reused = prepare_database(profile=profile, seed_value=seed_value, reuse=reuse, wipe=wipe)
    report = Report(profile=profile.name, database=database_label(), members=profile.members)
    seeder = seed.Seeder(seed_value)
    units = seeder.units
    user = seed.staff_user(units[seed.STAFF_UNIT])
    staff_unit = units[seed.STAFF_UNIT]

    baseline = None
    terms = None
    if profile.baseline and not reused:
        progress.task(f"seeding {profile.baseline} members (baseline)", profile.baseline)
        seeder.seed_up_to(profile.baseline, progress.advance)
        seed.analyse()
        terms = search_terms(staff_unit)
        baseline = measure_pages(user, staff_unit, terms, samples, progress)
    elif profile.baseline:
        report.notes.append("Seed reused: the baseline-size figures need a fresh seed and were not measured.")

    if not reused:
        progress.task(f"seeding {profile.members} members", profile.members - seeder.seeded)
        added = seeder.seed_up_to(profile.members, progress.advance)
        OrgUnit.objects.filter(code=seed.ROOT_CODE).update(
            address=seed.SeedMarker(seed_value, profile.members).encode()
        )
        seed.analyse()
        report.seeding = {
            "members": added + (profile.baseline or 0) if baseline else added,
            "seconds": round(seeder.seconds, 2),
            "members_per_second": round(profile.members / seeder.seconds) if seeder.seconds else None,
        }
    terms = terms or search_terms(staff_unit)
    now = measure_pages(user, staff_unit, terms, samples, progress)
    report.figures += page_figures(now, baseline, terms, samples)
    if dashboard:
        report.figures += _dashboard(profile, seed_value, units, user, staff_unit, reused, samples, progress)
    if peers:
        progress.task("measuring pages beside the admin changelist", 1)
        report.figures += _peer(report, "admin changelist", peer_compare.pages_vs_admin, user.pk, terms, samples) or []
        progress.advance(1)
    if io:
        progress.task(f"measuring import and export of {profile.io_rows} rows", 4)

        def import_peer(workbook, unit):
            return _peer(report, "django-import-export", peer_compare.import_with_import_export, workbook, unit.pk)

        report.figures += io_figures.measure(
            rows=profile.io_rows,
            seed_value=seed_value,
            user=user,
            parent=staff_unit,
            advance=progress.advance,
            peer=import_peer if peers else None,
        )
    if not peers:
        report.notes.append(
            "Peers skipped (--no-peers): the figures against the admin and django-import-export are missing."
        )
    return report


def _dashboard(profile, seed_value, units, user, unit, reused, samples, progress) -> list:
    """Participation seeded beside the registry, the rollups rebuilt, then the dashboard's figures
    from the rollups against the same figures counted live."""
    progress.task(f"seeding {profile.participation} participation rows", profile.participation)
    seeding = dashboard_figures.seed_participation(
        list(units.values()), profile.participation, seed_value, progress.advance
    )
    if seeding or not reused:
        progress.task("rebuilding the rollups", 1)
        seeding |= dashboard_figures.rebuild()
        progress.advance(1)
        seed.analyse()
    progress.task("measuring the dashboard's figures", 1)
    # Fewer samples than the pages: a live count at ten million rows takes seconds.
    found = dashboard_figures.figures(user, unit, max(3, min(samples, 20)), seeding)
    progress.advance(1)
    return found


def _peer(report: Report, label: str, measure_peer: Callable, *args):
    """The peer's result, or None with a note on the report when it could not be measured (the
    figures against it are then missing, and the run cannot pass)."""
    try:
        return measure_peer(*args)
    except peer_compare.PeerFailed as error:
        report.notes.append(f"The {label} peer could not be measured: {error}")
        report.incomplete = True
        return None
