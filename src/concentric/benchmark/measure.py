"""Timing real pages and reading the query plans of what they run.

A page is fetched with Django's test ``Client`` (the full middleware stack, session, scoping,
template), and the SQL statements it sends are captured with ``connection.execute_wrapper``, so
that their plans can be read. Pages compared with each other are fetched alternately
(``alternate``), so noise from other processes on the machine lands on all of them alike.
"""

import math
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.test import Client

REGISTRY_TABLE_PREFIX = "people_"
PERSON_TABLE = "people_person"


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


@dataclass
class Captured:
    statements: list[tuple[str, tuple]] = field(default_factory=list)

    def __call__(self, execute, sql, params, many, context):
        if not many:
            self.statements.append((sql, tuple(params) if params is not None else ()))
        return execute(sql, params, many, context)

    def registry(self) -> list[tuple[str, tuple]]:
        return [(sql, params) for sql, params in self.statements if REGISTRY_TABLE_PREFIX in sql]


@dataclass
class PageTiming:
    page_p95_ms: float
    statements: list[tuple[str, tuple]]


def page_client(user) -> Client:
    """A client signed in as ``user``, accepted by ALLOWED_HOSTS and the HTTPS redirect."""
    if "testserver" not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(user)
    return client


def fetch(client: Client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url, secure=True)
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}")
    return elapsed * 1000


def capture(client: Client, url: str) -> Captured:
    captured = Captured()
    with connection.execute_wrapper(captured):
        fetch(client, url)
    return captured


def alternate(client: Client, urls: dict[str, str], *, samples: int, warmup: int = 3) -> dict[str, float]:
    """The p95 (ms) of each named page, the pages fetched in turn ``samples`` times."""
    for _ in range(warmup):
        for url in urls.values():
            fetch(client, url)
    timings: dict[str, list[float]] = {name: [] for name in urls}
    for _ in range(samples):
        for name, url in urls.items():
            timings[name].append(fetch(client, url))
    return {name: p95(values) for name, values in timings.items()}


def time_page(client: Client, url: str, *, samples: int) -> PageTiming:
    statements = capture(client, url).registry()
    if not statements:
        raise RuntimeError(f"GET {url} ran no query on the registry's tables")
    return PageTiming(alternate(client, {"page": url}, samples=samples)["page"], statements)


def explain(sql: str, params: tuple) -> list[str]:
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        rows = cursor.fetchall()
    # SQLite: (id, parent, notused, detail); PostgreSQL: one text column per line.
    return [str(row[-1]) for row in rows]


def full_scans_of_person(plan: list[str]) -> list[str]:
    """Plan lines that read people_person whole rather than looking rows up by an index."""
    if connection.vendor == "sqlite":
        return [line for line in plan if line.strip().startswith(f"SCAN {PERSON_TABLE}")]
    return [line for line in plan if f"Seq Scan on {PERSON_TABLE}" in line]


def plan_uses_index(statements: list[tuple[str, tuple]]) -> tuple[bool, list[str]]:
    """Whether no statement touching people_person scans it whole; returns the offending lines."""
    offending = []
    for sql, params in statements:
        if PERSON_TABLE in sql:
            offending += full_scans_of_person(explain(sql, params))
    return not offending, offending
