"""Django's database sessions, loaded by one statement written in SQL (it runs on every request:
the ORM takes several times longer to compile it than the database takes to answer)."""

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connection
from django.utils import timezone


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self):
        meta = self.model._meta
        quote = connection.ops.quote_name
        key, expires = meta.get_field("session_key"), meta.get_field("expire_date")
        sql = (
            f"SELECT * FROM {quote(meta.db_table)} WHERE {quote(key.column)} = %s AND {quote(expires.column)} > %s"
        )
        found = list(self.model.objects.raw(sql, [self.session_key, expires.get_db_prep_value(timezone.now(), connection)]))
        if not found:
            self._session_key = None
            return None
        return found[0]
