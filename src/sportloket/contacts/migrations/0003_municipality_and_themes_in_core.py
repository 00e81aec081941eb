"""Contacts point at the municipality and theme in core (moved there; the tables stay)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('contacts', '0002_registration_warning_sent'),
        ('core', '0007_reference_data_and_themes'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='accountholder',
                    name='municipality',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='core.municipality', verbose_name='municipality'),
                ),
                migrations.AlterField(
                    model_name='contactmoment',
                    name='topics',
                    field=models.ManyToManyField(blank=True, related_name='contact_moments', to='core.theme', verbose_name='topics'),
                ),
            ],
            database_operations=[],
        ),
    ]
