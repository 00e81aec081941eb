from django.db import migrations, models

# The usual themes by the names a desk got them under (Dutch, or English where the site ran in
# English), so that every desk's row of a usual theme gets the same key.
KNOWN = {
    "governance": ("Bestuur en organisatie", "Governance and board"),
    "volunteers": ("Vrijwilligers", "Volunteers"),
    "finances": ("Financiën", "Finances"),
    "members": ("Leden en ledenwerving", "Members and recruitment"),
    "facilities": ("Accommodatie en voorzieningen", "Facilities and accommodation"),
    "sustainability": ("Verduurzaming", "Sustainability"),
    "safe-sport": ("Veilig sportklimaat", "Safe sport climate"),
    "inclusion": ("Inclusie en diversiteit", "Inclusion and diversity"),
    "healthy": ("Gezonde sportomgeving", "Healthy sport environment"),
    "communication": ("Communicatie", "Communication"),
    "cooperation": ("Samenwerking", "Cooperation"),
    "training": ("Opleiding van kader en trainers", "Training of staff and trainers"),
    "other": ("Overig", "Other"),
}


def give_keys(apps, schema_editor):
    Theme = apps.get_model("helprequests", "Theme")
    by_name = {name.lower(): key for key, names in KNOWN.items() for name in names}
    for theme in Theme.objects.order_by("pk"):
        key = by_name.get(theme.name.lower())
        if key is None or Theme.objects.filter(loket=theme.loket_id, key=key).exists():
            key = f"custom-{theme.pk}"
        theme.key = key
        theme.save(update_fields=["key"])


class Migration(migrations.Migration):
    dependencies = [
        ("helprequests", "0007_provider_notes_and_backfill"),
        ("core", "0003_request_mail"),
    ]

    operations = [
        migrations.AddField(
            model_name="theme",
            name="key",
            field=models.CharField(default="", editable=False, max_length=40),
            preserve_default=False,
        ),
        migrations.RunPython(give_keys, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="theme",
            constraint=models.UniqueConstraint(
                fields=("loket", "key"), name="helprequests_theme_key_unique"
            ),
        ),
    ]
