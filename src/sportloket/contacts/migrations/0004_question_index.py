from django.db import migrations, models


class Migration(migrations.Migration):
    """A question's contact moments by an index of the moments that name a question: most
    name none, and with every NULL in it the plain index looked useless to SQLite's planner,
    which read all the desk's moments instead (issue 19)."""

    dependencies = [
        ("contacts", "0003_municipality_and_themes_in_core"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="contactmoment",
            index=models.Index(
                condition=models.Q(("help_request__isnull", False)),
                fields=["help_request"],
                name="contacts_moment_question",
            ),
        ),
    ]
