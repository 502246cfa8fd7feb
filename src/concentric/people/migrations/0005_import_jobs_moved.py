# Import jobs moved to the imports app (concentric.imports): their rows are transient and are
# dropped, not copied.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('people', '0004_plain_indexes'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='importrowresult',
            name='job',
        ),
        migrations.DeleteModel(
            name='ImportJob',
        ),
        migrations.DeleteModel(
            name='ImportRowResult',
        ),
    ]
