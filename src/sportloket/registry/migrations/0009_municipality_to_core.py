"""Provinces and municipalities moved to core (core.0007); their tables stay, only Django's state
changes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0007_reference_data_and_themes'),
        ('contacts', '0003_municipality_and_themes_in_core'),
        ('registry', '0008_mend_imported_history'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='municipality',
                    name='province',
                ),
                migrations.AlterField(
                    model_name='organisation',
                    name='municipality',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='organisations', to='core.municipality', verbose_name='municipality'),
                ),
                migrations.AlterField(
                    model_name='areaalignment',
                    name='municipality',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='alignments', to='core.municipality', verbose_name='neighbouring municipality'),
                ),
                migrations.DeleteModel(
                    name='Province',
                ),
                migrations.DeleteModel(
                    name='Municipality',
                ),
            ],
            database_operations=[],
        ),
    ]
