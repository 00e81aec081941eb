from django.db import migrations, models


class Migration(migrations.Migration):
    """A fund's ledger reads a page of its allocations in order from this index (issue 19)."""

    dependencies = [
        ("funds", "0002_decision_in_decisions"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="allocation",
            index=models.Index(fields=["fund", "created_at"], name="funds_allocation_fund_created"),
        ),
    ]
