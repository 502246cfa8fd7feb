"""The chain: append-only at the ORM, tampering found by ``concentric audit verify``, retention purge."""

import io
from datetime import timedelta

import pytest
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone, translation

from concentric.audit.models import GENESIS_HASH, AppendOnlyError, AuditEvent
from concentric.audit.services import audit_purge, audit_verify
from concentric.core.auditing import audit_record

TABLE = AuditEvent._meta.db_table


@pytest.fixture
def chain(users):
    """Five events from five actors, oldest first."""
    names = ["c1_staff", "c2_staff", "sub_admin", "auditadmin", "leader"]
    return [
        audit_record(actor=users[name], action="login", obj=users[name], reason=f"event {i}")
        for i, name in enumerate(names)
    ]


def verify(*args) -> str:
    out = io.StringIO()
    with translation.override("en"):
        call_command("audit", "verify", *args, stdout=out)
    return out.getvalue()


def verify_error() -> CommandError:
    with translation.override("en"), pytest.raises(CommandError) as failure:
        call_command("audit", "verify", stdout=io.StringIO())
    return failure.value


def raw(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql.format(table=connection.ops.quote_name(TABLE)), params)


def test_an_intact_chain_verifies(chain):
    assert verify() == "Audit chain intact: 5 events checked.\n"
    assert chain[0].prev_hash == GENESIS_HASH
    assert [event.prev_hash for event in chain[1:]] == [event.hash for event in chain[:-1]]


def test_an_empty_log_verifies(db):
    assert verify() == "Audit chain intact: 0 events checked.\n"


def test_a_tampered_row_is_found_and_named(chain):
    target = chain[2]
    raw("UPDATE {table} SET reason = %s WHERE id = %s", ["nothing to see", target.pk])

    error = verify_error()

    assert error.returncode == 1
    assert str(error) == (
        f"Audit chain broken at event {target.pk}: its contents no longer match its hash (the event was altered). "
        "The 2 events before it are intact."
    )


@pytest.mark.parametrize(
    ("column", "value"),
    [("actor_name", "someone_else"), ("result", "failed"), ("occurred_at", None), ("changes", "{}")],
)
def test_any_covered_column_change_is_found(chain, column, value):
    target = chain[1]
    if column == "occurred_at":
        value = target.occurred_at - timedelta(hours=1)
    if column == "changes":
        raw("UPDATE {table} SET changes = %s WHERE id = %s", ['{"role": [null, "x"]}', target.pk])
    else:
        raw(f"UPDATE {{table}} SET {column} = %s WHERE id = %s", [value, target.pk])

    report = audit_verify()

    assert (report.ok, report.first_broken_id, report.problem) == (
        False,
        target.pk,
        "hash does not match the event's contents",
    )


def test_the_cli_exits_1_and_prints_the_broken_event(chain, capsys):
    target = chain[3]
    raw("UPDATE {table} SET object_repr = %s WHERE id = %s", ["forged", target.pk])

    with translation.override("en"), pytest.raises(SystemExit) as exit_status:
        ManagementUtility(["concentric", "audit", "verify"]).execute()

    assert exit_status.value.code == 1
    assert capsys.readouterr().err == (
        f"CommandError: Audit chain broken at event {target.pk}: its contents no longer match its hash "
        "(the event was altered). The 3 events before it are intact.\n"
    )


def test_a_deleted_middle_row_is_found(chain):
    raw("DELETE FROM {table} WHERE id = %s", [chain[2].pk])

    error = verify_error()

    assert str(error) == (
        f"Audit chain broken at event {chain[3].pk}: its link to the previous event does not match "
        "(an event before it was deleted or inserted). The 2 events before it are intact."
    )


def test_a_deleted_first_row_is_found(chain):
    raw("DELETE FROM {table} WHERE id = %s", [chain[0].pk])

    report = audit_verify()

    assert (report.first_broken_id, report.problem) == (chain[1].pk, "first event does not start the chain")


def test_deleted_newest_rows_are_found(chain):
    raw("DELETE FROM {table} WHERE id = %s", [chain[4].pk])

    report = audit_verify()

    assert (report.checked, report.first_broken_id, report.problem) == (
        4,
        chain[4].pk,
        "newest events are missing from the chain",
    )


def test_the_orm_refuses_to_change_or_delete_events(chain):
    event = AuditEvent.objects.get(pk=chain[0].pk)
    event.reason = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(reason="changed")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()

    assert AuditEvent.objects.count() == 5
    assert AuditEvent.objects.get(pk=event.pk).reason == "event 0"
    assert verify() == "Audit chain intact: 5 events checked.\n"


def _after(moment):
    """Wait until the clock has moved past ``moment`` (events of one test are microseconds apart)."""
    while timezone.now() <= moment:
        pass
    return timezone.now()


def test_purge_keeps_events_younger_than_retention_and_the_chain_still_verifies(users, settings):
    old = [audit_record(actor=users["c1_staff"], action="login", obj=users["c1_staff"]) for _ in range(3)]
    boundary = _after(old[-1].occurred_at)
    young = [audit_record(actor=users["c2_staff"], action="login", obj=users["c2_staff"]) for _ in range(2)]

    # Seen from 184 days after the boundary, exactly the older events are past retention.
    purged = audit_purge(now=boundary + timedelta(days=settings.AUDIT_RETENTION_DAYS))

    assert purged == 3
    kept = list(AuditEvent.objects.order_by("id"))
    assert [event.pk for event in kept[:2]] == [event.pk for event in young]
    marker = kept[2]
    marker_fields = (marker.action, marker.object_type, marker.object_id, marker.object_repr, marker.actor_name)
    assert (*marker_fields, marker.reason) == (
        "audit.purge",
        "audit.chain",
        old[-1].hash,
        "3",
        "system",
        "retention 184 days",
    )
    assert verify() == "Audit chain intact: 3 events checked.\n"


def test_purge_command_deletes_nothing_within_retention(chain):
    out = io.StringIO()
    with translation.override("en"):
        call_command("audit", "purge", stdout=out)

    assert out.getvalue() == "Purged 0 audit events older than 184 days.\n"
    assert sorted(AuditEvent.objects.values_list("id", flat=True)) == [event.pk for event in chain]
