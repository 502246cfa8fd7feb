"""Timing a real page against the raw SQL it runs, and reading query plans.

A page is fetched with Django's test ``Client`` (the full middleware stack, session, scoping,
template), and every SQL statement it sends is captured with ``connection.execute_wrapper``.
The statements touching the registry's tables are then replayed through a plain cursor: that is
the database's share, the floor the page is held against. Page and replay samples alternate, so
noise from other processes on the machine lands on both alike.
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
    sql_p95_ms: float
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


def replay(statements: list[tuple[str, tuple]]) -> float:
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)
            cursor.fetchall()
    return (time.perf_counter() - started) * 1000


def time_page(client: Client, url: str, *, samples: int, warmup: int = 3) -> PageTiming:
    statements = capture(client, url).registry()
    if not statements:
        raise RuntimeError(f"GET {url} ran no query on the registry's tables")
    for _ in range(warmup):
        fetch(client, url)
        replay(statements)
    page, sql = [], []
    for _ in range(samples):
        page.append(fetch(client, url))
        sql.append(replay(statements))
    return PageTiming(page_p95_ms=p95(page), sql_p95_ms=p95(sql), statements=statements)


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
