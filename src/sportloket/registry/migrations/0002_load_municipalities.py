"""Loads the 342 Dutch municipalities and 12 provinces (CBS, 1 January 2025).

Source: CBS "Gemeentelijke indeling op 1 januari 2025", shipped as
``sportloket/registry/data/gemeenten_2025.csv`` (see ``data/SOURCES.md``).
Idempotent: existing rows are updated by CBS code, never duplicated.
"""

import csv
from pathlib import Path

from django.db import migrations

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "gemeenten_2025.csv"


def load(apps, schema_editor):
    Province = apps.get_model("registry", "Province")
    Municipality = apps.get_model("registry", "Municipality")
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    provinces = {}
    for row in rows:
        code = row["provinciecode_pv"]
        if code not in provinces:
            provinces[code], _ = Province.objects.update_or_create(
                code=code, defaults={"name": row["provincienaam"]}
            )
    for row in rows:
        Municipality.objects.update_or_create(
            code=row["gemeentecode_gm"],
            defaults={"name": row["gemeentenaam"], "province": provinces[row["provinciecode_pv"]]},
        )


def unload(apps, schema_editor):
    apps.get_model("registry", "Municipality").objects.all().delete()
    apps.get_model("registry", "Province").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
