"""The provinces, municipalities and desks' themes move to core, the shared vocabulary every app
uses (registry and helprequests imported each other for them). Their tables stay as they are
(db_table): only Django's state moves; the content types are renamed so that the audit trail
and permissions keep pointing at them."""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

MOVED = [("registry", "province"), ("registry", "municipality"), ("helprequests", "theme")]


def rename_content_types(apps, schema_editor, *, forward=True):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for old_label, model in MOVED:
        source, target = (old_label, "core") if forward else ("core", old_label)
        # A database migrated before the move has the old one; a new one has neither yet.
        ContentType.objects.filter(app_label=source, model=model).exclude(
            model__in=ContentType.objects.filter(app_label=target).values("model")
        ).update(app_label=target)


def rename_back(apps, schema_editor):
    rename_content_types(apps, schema_editor, forward=False)


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0006_cache_table'),
        ('registry', '0008_mend_imported_history'),
        ('helprequests', '0008_theme_keys'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Municipality',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(max_length=6, unique=True, validators=[django.core.validators.RegexValidator('^GM\\d{4}$')], verbose_name='CBS code')),
                        ('name', models.CharField(db_index=True, max_length=100, verbose_name='name')),
                    ],
                    options={
                        'verbose_name': 'municipality',
                        'verbose_name_plural': 'municipalities',
                        'db_table': 'registry_municipality',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='Province',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(max_length=4, unique=True, validators=[django.core.validators.RegexValidator('^PV\\d{2}$')], verbose_name='CBS code')),
                        ('name', models.CharField(max_length=100, verbose_name='name')),
                    ],
                    options={
                        'verbose_name': 'province',
                        'verbose_name_plural': 'provinces',
                        'db_table': 'registry_province',
                        'ordering': ['name'],
                    },
                ),
                migrations.AlterField(
                    model_name='loket',
                    name='work_area',
                    field=models.ManyToManyField(blank=True, help_text='The municipalities this desk serves.', related_name='desks', to='core.municipality', verbose_name='work area'),
                ),
                migrations.AddField(
                    model_name='municipality',
                    name='province',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='municipalities', to='core.province', verbose_name='province'),
                ),
                migrations.CreateModel(
                    name='Theme',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('name', models.CharField(max_length=100, verbose_name='name')),
                        ('key', models.CharField(editable=False, max_length=40)),
                        ('is_active', models.BooleanField(default=True, verbose_name='in use')),
                        ('position', models.PositiveSmallIntegerField(default=0, verbose_name='position')),
                        ('loket', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='themes', to='core.loket')),
                    ],
                    options={
                        'verbose_name': 'theme',
                        'verbose_name_plural': 'themes',
                        'db_table': 'helprequests_theme',
                        'ordering': ['loket', 'position', 'name'],
                        'constraints': [models.UniqueConstraint(fields=('loket', 'name'), name='helprequests_theme_unique'), models.UniqueConstraint(fields=('loket', 'key'), name='helprequests_theme_key_unique')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(rename_content_types, rename_back),
    ]
