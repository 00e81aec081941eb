"""An allocation's decision is decisions.Decision (moved from offerings; the table stays)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('decisions', '0001_decisions_from_offerings'),
        ('funds', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='allocation',
                    name='decision',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='allocations', to='decisions.decision', verbose_name='decision'),
                ),
            ],
            database_operations=[],
        ),
    ]
