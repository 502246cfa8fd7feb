"""Two bookings of a room may not overlap while both are booked: on PostgreSQL an exclusion
constraint over the room and the half-open period [starts_at, ends_at) (touching is allowed);
SQLite has no such constraint, and the services check in a serialised write transaction there
(venues.services.bookings). The room-function dictionary becomes versioned like every record
edited from a form."""

import django.utils.timezone
from django.db import migrations, models

CONSTRAINT = "booking_no_overlap"


def add_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(
        f"ALTER TABLE venues_booking ADD CONSTRAINT {CONSTRAINT} EXCLUDE USING gist "
        "(room_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) WHERE (status = 'booked')"
    )


def drop_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE venues_booking DROP CONSTRAINT IF EXISTS {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [("venues", "0002_seed_room_functions")]

    operations = [
        migrations.AddField(
            model_name="roomfunction",
            name="created_at",
            field=models.DateTimeField(
                auto_now_add=True, default=django.utils.timezone.now, verbose_name="created at"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="roomfunction",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, verbose_name="updated at"),
        ),
        migrations.AddField(
            model_name="roomfunction",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
        ),
        migrations.RunPython(add_exclusion, drop_exclusion),
    ]
