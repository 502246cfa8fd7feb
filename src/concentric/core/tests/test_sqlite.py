"""The embedded SQLite database's connection settings."""

import pytest
from django.conf import settings
from django.db import connection


@pytest.mark.django_db
def test_every_sqlite_connection_gets_the_configured_page_cache():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's page cache")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (cache_size,) = cursor.fetchone()
    # A negative cache_size is a size in KiB; SQLite's own default is 2 MB.
    assert cache_size == -settings.SQLITE_CACHE_MB * 1024
    assert settings.SQLITE_CACHE_MB == 64
