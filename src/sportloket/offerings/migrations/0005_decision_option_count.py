from django.db import migrations, models
from django.db.models import Count


def fill_option_counts(apps, schema_editor):
    """Existing decisions keep the options they were made with. The triggers that refuse any
    update are dropped for this one fill and made again after the migration (post_migrate,
    see offerings.db)."""
    Decision = apps.get_model("offerings", "Decision")
    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        if vendor == "sqlite":
            cursor.execute("DROP TRIGGER IF EXISTS offerings_decision_never_change;")
        elif vendor == "postgresql":
            cursor.execute(
                "DROP TRIGGER IF EXISTS offerings_decision_never_change ON offerings_decision;"
            )
    for decision in Decision.objects.annotate(made_with=Count("options")).filter(made_with__gt=0):
        Decision.objects.filter(pk=decision.pk).update(option_count=decision.made_with)


def drop_option_trigger(apps, schema_editor):
    """Back to no option_count: the trigger that reads it goes first."""
    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        if vendor == "sqlite":
            cursor.execute("DROP TRIGGER IF EXISTS offerings_decisionoption_never_added;")
        elif vendor == "postgresql":
            cursor.execute(
                "DROP TRIGGER IF EXISTS offerings_decisionoption_never_added "
                "ON offerings_decisionoption;"
            )


class Migration(migrations.Migration):
    dependencies = [("offerings", "0004_decision_idempotency_key")]

    operations = [
        migrations.AddField(
            model_name="decision",
            name="option_count",
            field=models.PositiveSmallIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(fill_option_counts, drop_option_trigger),
    ]
