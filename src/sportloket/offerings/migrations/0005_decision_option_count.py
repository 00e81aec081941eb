from django.db import migrations, models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce


def _drop_trigger(schema_editor, table, name):
    with schema_editor.connection.cursor() as cursor:
        if schema_editor.connection.vendor == "sqlite":
            cursor.execute(f"DROP TRIGGER IF EXISTS {name};")
        elif schema_editor.connection.vendor == "postgresql":
            cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table};")


def fill_option_counts(apps, schema_editor):
    """Existing decisions keep the options they were made with, in one UPDATE. The trigger that
    refuses any update is dropped for this one fill and made again after the migration
    (post_migrate, see offerings.db)."""
    Decision = apps.get_model("offerings", "Decision")
    DecisionOption = apps.get_model("offerings", "DecisionOption")
    _drop_trigger(schema_editor, "offerings_decision", "offerings_decision_never_change")
    made_with = (
        DecisionOption.objects.filter(decision=OuterRef("pk"))
        .order_by()
        .values("decision")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Decision.objects.update(option_count=Coalesce(Subquery(made_with), 0))


def drop_option_trigger(apps, schema_editor):
    """Back to no option_count: the trigger that reads it goes first."""
    _drop_trigger(
        schema_editor, "offerings_decisionoption", "offerings_decisionoption_never_added"
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
