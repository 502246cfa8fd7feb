"""Blind indexes become 16-byte binary values (the first half of the HMAC-SM3), NULL for an
empty source, with partial indexes that leave the NULLs out. The stored digests are converted as
they are (nothing is decrypted)."""

import concentric.core.fields
from django.db import migrations, models

from concentric.core.migrating import blind_indexes_to_binary, blind_indexes_to_hex

# Blind index: (source field, purpose).
FIELDS = {
    'phone_index': ('phone', 'phone'),
    'id_number_index': ('id_number', 'id_number'),
}


def binary_name(name):
    return f'{name}_binary'


def forward(apps, schema_editor):
    blind_indexes_to_binary(schema_editor.connection, 'accounts_user', {name: binary_name(name) for name in FIELDS})


def backward(apps, schema_editor):
    blind_indexes_to_hex(schema_editor.connection, 'accounts_user', FIELDS)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_plain_indexes'),
    ]

    operations = [
        migrations.RemoveIndex(model_name='user', name='user_phone_index'),
        migrations.RemoveIndex(model_name='user', name='user_id_number_index'),
        # Add the binary columns, fill them, drop the hex ones and take their names: plain
        # ALTER TABLE statements on both engines, and one pass over the rows.
        *[
            migrations.AddField(
                model_name='user',
                name=binary_name(name),
                field=concentric.core.fields.BlindIndexField(blank=True, max_length=16, null=True, purpose=purpose, source=source),
            )
            for name, (source, purpose) in FIELDS.items()
        ],
        migrations.RunPython(forward, backward),
        *[migrations.RemoveField(model_name='user', name=name) for name in FIELDS],
        *[migrations.RenameField(model_name='user', old_name=binary_name(name), new_name=name) for name in FIELDS],
        migrations.AddIndex(
            model_name='user',
            index=models.Index(condition=models.Q(('phone_index__isnull', False)), fields=['phone_index'], name='user_phone_index'),
        ),
        migrations.AddIndex(
            model_name='user',
            index=models.Index(condition=models.Q(('id_number_index__isnull', False)), fields=['id_number_index'], name='user_id_number_index'),
        ),
    ]
