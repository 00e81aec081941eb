"""The theme moved to core (core.0007); its table stays, only Django's state changes."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0007_reference_data_and_themes'),
        ('helprequests', '0008_theme_keys'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='helprequest',
                    name='themes',
                    field=models.ManyToManyField(blank=True, related_name='help_requests', to='core.theme'),
                ),
                migrations.DeleteModel(
                    name='Theme',
                ),
            ],
            database_operations=[],
        ),
    ]
