"""Loads the sports (in Dutch) and the main NOC*NSF member federations with their sports.

Source: ``sportloket/registry/data/sports_federations.json``. Idempotent by slug and
abbreviation.
"""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "sports_federations.json"


def load(apps, schema_editor):
    Sport = apps.get_model("registry", "Sport")
    Federation = apps.get_model("registry", "Federation")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    sports = {}
    for slug, name in data["sports"]:
        sports[slug], _ = Sport.objects.update_or_create(slug=slug, defaults={"name": name})
    for abbreviation, name, website, sport_slugs in data["federations"]:
        federation, _ = Federation.objects.update_or_create(
            abbreviation=abbreviation, defaults={"name": name, "website": website}
        )
        federation.sports.set([sports[s] for s in sport_slugs])


def unload(apps, schema_editor):
    apps.get_model("registry", "Federation").objects.all().delete()
    apps.get_model("registry", "Sport").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("registry", "0003_organisations_people_sports")]

    operations = [migrations.RunPython(load, unload)]
