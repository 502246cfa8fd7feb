# Import jobs of every kind (they were the people app's before).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('org', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ImportJob',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=40, verbose_name='kind')),
                ('file_name', models.CharField(max_length=200, verbose_name='file')),
                ('upload', models.CharField(blank=True, editable=False, max_length=64)),
                ('mode', models.CharField(choices=[('dry_run', 'Check only'), ('commit', 'Import')], default='dry_run', max_length=10, verbose_name='mode')),
                ('allow_partial', models.BooleanField(default=False, verbose_name='import the valid rows only')),
                ('update_existing', models.BooleanField(default=False, verbose_name='update existing records')),
                ('status', models.CharField(choices=[('queued', 'Queued'), ('running', 'Running'), ('done', 'Done'), ('rejected', 'Rejected'), ('failed', 'Failed')], default='queued', max_length=10, verbose_name='status')),
                ('rows_total', models.PositiveIntegerField(default=0, verbose_name='rows')),
                ('rows_done', models.PositiveIntegerField(default=0, verbose_name='rows processed')),
                ('summary', models.JSONField(blank=True, default=dict, verbose_name='summary')),
                ('message', models.TextField(blank=True, verbose_name='message')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='finished at')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by')),
                ('org_unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.orgunit', verbose_name='unit')),
            ],
            options={
                'verbose_name': 'import job',
                'verbose_name_plural': 'import jobs',
                'ordering': ['-id'],
            },
        ),
        migrations.CreateModel(
            name='ImportRowResult',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sheet', models.CharField(max_length=40, verbose_name='sheet')),
                ('row_number', models.PositiveIntegerField(verbose_name='row')),
                ('outcome', models.CharField(choices=[('new', 'New'), ('update', 'Update'), ('duplicate', 'Duplicate'), ('error', 'Error')], max_length=10, verbose_name='outcome')),
                ('name', models.CharField(blank=True, max_length=50, verbose_name='name')),
                ('errors', models.JSONField(blank=True, default=list, verbose_name='errors')),
                ('job', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='rows', to='imports.importjob')),
            ],
            options={
                'ordering': ['job', 'row_number'],
                'indexes': [models.Index(fields=['job', 'outcome', 'row_number'], name='imports_row_outcome')],
            },
        ),
    ]
