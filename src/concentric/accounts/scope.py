"""The role assignments scoping reads for every request (installed into core.scoping at start)."""

from functools import cache

from django.db import connection

from concentric.accounts.models import RoleAssignment


def assignments_of(user) -> list[tuple]:
    """(role, unit id, unit path, unit name, unit code) of the user's roles on active units."""
    with connection.cursor() as cursor:
        cursor.execute(_assignments_sql(), [user.pk])
        return cursor.fetchall()


@cache
def _assignments_sql() -> str:
    """Plain SQL because every request asks it: the ORM takes several times longer to compile
    it than the database takes to answer."""
    quote = connection.ops.quote_name
    role = RoleAssignment._meta
    unit = role.get_field("org_unit").related_model._meta
    columns = ", ".join(f"u.{quote(unit.get_field(name).column)}" for name in ("path", "name", "code"))
    return (
        f"SELECT a.{quote('role')}, a.{quote('org_unit_id')}, {columns} FROM {quote(role.db_table)} a"  # nosec B608  # quoted names from _meta; the user id is a %s parameter
        f" JOIN {quote(unit.db_table)} u ON u.{quote(unit.pk.column)} = a.{quote('org_unit_id')}"
        f" WHERE a.{quote('user_id')} = %s AND u.{quote('is_active')}"
    )
