"""What the API fuzz test (tests/test_fuzz.py) needs: the demo data with a second subdistrict
outside the demo leader's, the objects each role must never see, the check that looks for them
in every answer, and one bounded schemathesis run summarised."""

import csv
import io
import threading
import time
from dataclasses import dataclass, field

import schemathesis
from django.conf import settings
from django.core.signals import request_started
from django.utils import translation
from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook
from schemathesis.engine import Status, events, from_schema

from concentric.accounts import services as accounts
from concentric.accounts.api.tokens import api_token_issue
from concentric.accounts.models import RoleAssignment, User
from concentric.activities.models import Activity
from concentric.core.roles import Role
from concentric.imports.models import ImportJob
from concentric.org import services as org
from concentric.org.choices import UnitKind
from concentric.org.models import OrgUnit
from concentric.people import services as people
from concentric.people.exporting import export_columns
from concentric.people.models import Category, PathEvent, Person
from concentric.shell.demo import load_demo
from concentric.venues.models import Booking, Venue
from conftest import reseed_dictionaries

# The demo's community worker (东坡社区) and read-only subdistrict leader (湖滨街道).
ROLES = {"worker": "dongpo_staff", "leader": "hubin_leader"}


def load_world() -> None:
    """The demo of `make run` (81 members in four units of 湖滨街道, path steps, tags, accounts)
    and a second subdistrict with a worker and members of its own, outside the demo leader's."""
    reseed_dictionaries()
    load_demo()
    sysadmin, secadmin = User.objects.get(username="sys_admin"), User.objects.get(username="sec_admin")
    district = OrgUnit.objects.get(code="shangcheng")
    qingbo = org.org_unit_create(
        actor=sysadmin, parent=district, kind=UnitKind.SUBDISTRICT, code="qingbo", name="清波街道"
    )
    xueshi = org.org_unit_create(
        actor=sysadmin, parent=qingbo, kind=UnitKind.COMMUNITY, code="qingbo-xueshi", name="学士社区"
    )
    worker = accounts.user_create(
        actor=sysadmin, username="xueshi_staff", full_name="钱雨", org_unit=xueshi, password="Xs-fuzz-Pass-2026!"
    )
    accounts.role_grant(actor=secadmin, user=worker, org_unit=xueshi, role=Role.STAFF)
    category = Category.objects.get(code="non-party")
    for name, phone in (("钱塘", "13900002222"), ("柳浪", "13900003333")):
        person = people.person_create(actor=worker, org_unit=xueshi, name=name, main_category=category, phone=phone)
        people.person_path_record(
            actor=worker, person_id=person.pk, stage="discover", kind="source", occurred_on="2025-03-01"
        )
        people.person_tag_add(actor=worker, person_id=person.pk, name="学士")


def api_token(role: str) -> str:
    return api_token_issue(user=User.objects.get(username=ROLES[role])).key


@dataclass(frozen=True)
class Foreign:
    """The ids (and unit names) of everything outside one role's units, as loaded."""

    units: frozenset
    unit_names: frozenset
    people: frozenset
    users: frozenset
    role_assignments: frozenset
    path_events: frozenset
    import_jobs: frozenset
    above: frozenset  # the units above the role's: their venues are open to it (upward_actions)
    venues: frozenset
    bookings: frozenset
    shared_activities: frozenset  # co-organised by the role's units: seen there with their own units' records

    @classmethod
    def of(cls, user) -> "Foreign":
        """Outside the units of ``user``'s roles."""
        inside = OrgUnit.objects.none()
        for assignment in RoleAssignment.objects.filter(user=user).select_related("org_unit"):
            inside |= OrgUnit.objects.filter(path__startswith=assignment.org_unit.path)
        outside = OrgUnit.objects.exclude(pk__in=inside.values("pk"))
        above = {
            int(part)
            for assignment in RoleAssignment.objects.filter(user=user).select_related("org_unit")
            for part in assignment.org_unit.path.strip("/").split("/")[:-1]
        }

        def ids(queryset) -> frozenset:
            return frozenset(queryset.values_list("pk", flat=True))

        return cls(
            units=ids(outside),
            unit_names=frozenset(outside.values_list("name", flat=True)),
            people=ids(Person.objects.filter(org_unit__in=outside)),
            users=ids(User.objects.filter(org_unit__in=outside)),
            role_assignments=ids(RoleAssignment.objects.filter(org_unit__in=outside)),
            path_events=ids(PathEvent.objects.filter(person__org_unit__in=outside)),
            import_jobs=ids(ImportJob.objects.filter(org_unit__in=outside)),
            above=frozenset(above),
            venues=ids(Venue.objects.filter(org_unit__in=outside).exclude(org_unit__in=above)),
            bookings=ids(Booking.objects.filter(org_unit__in=outside)),
            shared_activities=ids(Activity.objects.filter(co_units__in=inside).exclude(org_unit__in=inside)),
        )


# Which records an operation answers, by the start of its path (the longest first).
RECORDS_BY_PATH = (
    ("/api/v1/people/{id}/path-events/", "path_events"),
    ("/api/v1/people/import/", "import_jobs"),
    ("/api/v1/people/categories/", None),
    ("/api/v1/people/export/", None),
    ("/api/v1/people/", "people"),
    ("/api/v1/org-units/", "units"),
    ("/api/v1/users/", "users"),
    ("/api/v1/role-assignments/", "role_assignments"),
    ("/api/v1/venues/bookings/", "bookings"),
    ("/api/v1/venues/rooms/", None),
    ("/api/v1/venues/room-functions/", None),
    ("/api/v1/venues/", "venues"),
)
# Records open to the units below their owner (a subdistrict's venue, its columns): their unit may be above the role's.
OPEN_BELOW = frozenset(
    {"/api/v1/venues/", "/api/v1/venues/{id}/", "/api/v1/publishing/columns/", "/api/v1/publishing/columns/{id}/"}
)
# Records kept on an activity (the activity itself, its participants, its hours): those of an activity
# shared with the role's units name the organiser and its members, which the role may see there.
SHARED_BY_ACTIVITY = ("/api/v1/activities/", "/api/v1/volunteer-hours/")
# Fields that point at a record of a unit.
REFERENCES = {"org_unit": "units", "person": "people", "user": "users"}


def _records(value):
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from _records(item)
    elif isinstance(value, list):
        for item in value:
            yield from _records(item)


def foreign_in_json(body, path: str, foreign: Foreign) -> list[str]:
    kind = next((kind for start, kind in RECORDS_BY_PATH if path.startswith(start)), None)
    found = []
    for record in _records(body):
        if _kept_on_a_shared_activity(record, path, foreign):
            continue
        if kind and "id" in record and record["id"] in getattr(foreign, kind):
            found.append(f"{kind} {record['id']}")
        for name, references in REFERENCES.items():
            if name == "org_unit" and path in OPEN_BELOW and record.get(name) in foreign.above:
                continue
            if record.get(name) in getattr(foreign, references):
                found.append(f"{name} {record[name]}")
    return found


def _kept_on_a_shared_activity(record: dict, path: str, foreign: Foreign) -> bool:
    if not path.startswith(SHARED_BY_ACTIVITY):
        return False
    activity = record.get("activity")
    if isinstance(activity, dict):
        activity = activity.get("id")
    if activity in foreign.shared_activities:
        return True
    return "co_units" in record and record.get("id") in foreign.shared_activities  # the activity itself


def foreign_in_export(content: bytes, media_type: str, foreign: Foreign) -> list[str]:
    """The export's rows name their unit: none may be another's."""
    if media_type == "text/csv":
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    else:
        rows = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()
    with translation.override(settings.LANGUAGE_CODE):  # the fuzzer asks for no other language
        column = [str(column.label) for column in export_columns()].index(str(_("Unit")))
    return sorted({f"unit {row[column]}" for row in rows[1:] if row[column] in foreign.unit_names})


class ScopeCheck:
    """A schemathesis check: no answer holds an object of a unit outside the role's."""

    def __init__(self):
        self.foreign: Foreign | None = None  # set for the run of each role
        self.checked = {"json": 0, "export": 0}  # successful answers looked into

    def __call__(self, ctx, response, case):
        if self.foreign is None or response.status_code >= 300 or not response.content:
            return
        media_type = response.headers.get("content-type", [""])[0].split(";")[0].strip()
        if media_type == "application/json":
            self.checked["json"] += 1
            found = foreign_in_json(response.json(), case.operation.path, self.foreign)
        elif case.operation.path == "/api/v1/people/export/":
            self.checked["export"] += 1
            found = foreign_in_export(response.content, media_type, self.foreign)
        else:
            found = []
        if found:
            raise AssertionError(f"objects of other units in the answer: {', '.join(found)}")
        return


scope_check = ScopeCheck()


@schemathesis.check
def no_object_of_another_unit(ctx, response, case):
    return scope_check(ctx, response, case)


@dataclass
class RunSummary:
    seconds: float = 0.0
    requests: int = 0
    scenarios: int = 0
    failures: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    stop_reason: str = ""
    phases: dict[str, str] = field(default_factory=dict)  # how each phase went, and how long


class _RequestCounter:
    def __init__(self):
        self.count = 0
        self.lock = threading.Lock()

    def __call__(self, **kwargs):
        with self.lock:
            self.count += 1


def run_schemathesis(schema_url: str, config: dict) -> RunSummary:
    """One run of every phase against the live server; what it found, how long, how many requests."""
    summary, counter = RunSummary(), _RequestCounter()
    request_started.connect(counter, weak=False)
    started = time.monotonic()
    try:
        settings = schemathesis.Config.from_dict(config)
        headers = settings.projects.get_default().headers or {}
        schema = schemathesis.openapi.from_url(schema_url, config=settings, headers=headers)
        phase_started, phase_seconds = {}, {}
        for event in from_schema(schema).execute():
            if isinstance(event, events.PhaseStarted):
                phase_started[event.phase.name] = event.timestamp
                if event.payload is not None:
                    summary.phases["links"] = (
                        f"{event.payload.transitions_total} transitions ({event.payload.inferred_transitions} inferred)"
                    )
            elif isinstance(event, events.PhaseFinished):
                # Fuzzing and stateful testing take turns until the time is up: add up their turns.
                name = event.phase.name.value
                took = event.timestamp - phase_started.get(event.phase.name, event.timestamp)
                phase_seconds[name] = phase_seconds.get(name, 0.0) + took
                summary.phases[name] = f"{phase_seconds[name]:.0f} s"
            elif isinstance(event, events.ScenarioFinished):
                summary.scenarios += 1
                for checks in event.recorder.checks.values():
                    for check in checks:
                        if check.status == Status.FAILURE and check.failure_info is not None:
                            failure = check.failure_info.failure
                            summary.failures.append(
                                f"[{event.phase.value}] {event.recorder.label}: {check.name}: {failure.title}"
                                f" {failure.message}\n    {check.failure_info.code_sample}"
                            )
            elif isinstance(event, (events.NonFatalError, events.FatalError)):
                summary.errors.append(f"{type(event).__name__}: {getattr(event, 'info', None) or event.exception!r}")
            elif isinstance(event, events.EngineFinished):
                summary.stop_reason = event.stop_reason.value
                summary.failures += [f"[after run] {failure.title} {failure.message}" for failure in event.failures]
    finally:
        request_started.disconnect(counter)
    summary.seconds = time.monotonic() - started
    summary.requests = counter.count
    summary.failures = sorted(set(summary.failures))
    return summary
