"""Blind indexes become 16-byte binary values (the first half of the HMAC-SM3), NULL for an
empty source, with partial indexes that leave the NULLs out: a quarter of the hex digests' size.
The stored digests are converted as they are (nothing is decrypted). The ID number's own index
goes: the unique constraint's partial index, now on IS NOT NULL, serves its lookups."""

import concentric.core.fields
from django.db import migrations, models

from concentric.core.migrating import blind_indexes_to_binary, blind_indexes_to_hex

# Blind index: (source field, purpose).
FIELDS = {
    'id_number_index': ('id_number', 'id_number'),
    'phone_index': ('phone', 'phone'),
    'phone2_index': ('phone2', 'phone'),
    'political_affiliation_index': ('political_affiliation', 'political_affiliation'),
    'second_party_index': ('second_party', 'political_affiliation'),
    'religion_index': ('religion', 'religion'),
}


def binary_name(name):
    return f'{name}_binary'


def forward(apps, schema_editor):
    blind_indexes_to_binary(schema_editor.connection, 'people_person', {name: binary_name(name) for name in FIELDS})


def backward(apps, schema_editor):
    blind_indexes_to_hex(schema_editor.connection, 'people_person', FIELDS)


class Migration(migrations.Migration):

    dependencies = [
        ('people', '0005_import_jobs_moved'),
    ]

    operations = [
        migrations.RemoveConstraint(model_name='person', name='unique_person_id_number'),
        migrations.RemoveIndex(model_name='person', name='person_id_number_index'),
        migrations.RemoveIndex(model_name='person', name='person_phone_index'),
        migrations.RemoveIndex(model_name='person', name='person_phone2_index'),
        migrations.RemoveIndex(model_name='person', name='person_party_index'),
        migrations.RemoveIndex(model_name='person', name='person_second_party_index'),
        migrations.RemoveIndex(model_name='person', name='person_religion_index'),
        # Add the binary columns, fill them, drop the hex ones and take their names: plain
        # ALTER TABLE statements on both engines, and one pass over the rows.
        *[
            migrations.AddField(
                model_name='person',
                name=binary_name(name),
                field=concentric.core.fields.BlindIndexField(blank=True, max_length=16, null=True, purpose=purpose, source=source),
            )
            for name, (source, purpose) in FIELDS.items()
        ],
        migrations.RunPython(forward, backward),
        *[migrations.RemoveField(model_name='person', name=name) for name in FIELDS],
        *[migrations.RenameField(model_name='person', old_name=binary_name(name), new_name=name) for name in FIELDS],
        migrations.AddIndex(
            model_name='person',
            index=models.Index(condition=models.Q(('phone_index__isnull', False)), fields=['phone_index'], name='person_phone_index'),
        ),
        migrations.AddIndex(
            model_name='person',
            index=models.Index(condition=models.Q(('phone2_index__isnull', False)), fields=['phone2_index'], name='person_phone2_index'),
        ),
        migrations.AddIndex(
            model_name='person',
            index=models.Index(condition=models.Q(('political_affiliation_index__isnull', False)), fields=['political_affiliation_index'], name='person_party_index'),
        ),
        migrations.AddIndex(
            model_name='person',
            index=models.Index(condition=models.Q(('second_party_index__isnull', False)), fields=['second_party_index'], name='person_second_party_index'),
        ),
        migrations.AddIndex(
            model_name='person',
            index=models.Index(condition=models.Q(('religion_index__isnull', False)), fields=['religion_index'], name='person_religion_index'),
        ),
        migrations.AddConstraint(
            model_name='person',
            constraint=models.UniqueConstraint(condition=models.Q(('id_number_index__isnull', False)), fields=('id_number_index',), name='unique_person_id_number'),
        ),
    ]
