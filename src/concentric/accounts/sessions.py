"""Django's database sessions, loaded by one statement written in SQL (it runs on every request:
the ORM takes several times longer to compile it than the database takes to answer)."""

from functools import cache

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connection
from django.utils import timezone


@cache
def _session_sql(model) -> str:
    meta, quote = model._meta, connection.ops.quote_name
    key, expires = meta.get_field("session_key").column, meta.get_field("expire_date").column
    return f"SELECT * FROM {quote(meta.db_table)} WHERE {quote(key)} = %s AND {quote(expires)} > %s"  # nosec B608  # quoted names from _meta; key and time are %s parameters


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self):
        now = self.model._meta.get_field("expire_date").get_db_prep_value(timezone.now(), connection)
        found = list(self.model.objects.raw(_session_sql(self.model), [self.session_key, now]))
        if not found:
            self._session_key = None
            return None
        return found[0]
