"""Person roles belong to the desk that recorded them.

Existing roles go to a desk whose register holds the organisation (an explicit link first);
a role no desk can own is removed, since no desk may show it.
"""

import django.db.models.deletion
from django.db import migrations, models


def assign_desks(apps, schema_editor):
    PersonRole = apps.get_model("registry", "PersonRole")
    OrganisationLink = apps.get_model("registry", "OrganisationLink")
    Loket = apps.get_model("core", "Loket")
    for role in PersonRole.objects.all():
        link = OrganisationLink.objects.filter(organisation_id=role.organisation_id).first()
        loket_id = link.loket_id if link else None
        if loket_id is None and role.organisation.municipality_id:
            desk = Loket.objects.filter(work_area=role.organisation.municipality_id).first()
            loket_id = desk.pk if desk else None
        if loket_id is None:
            role.delete()
        else:
            role.loket_id = loket_id
            role.save(update_fields=["loket"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("registry", "0006_import_runs"),
    ]

    operations = [
        migrations.AddField(
            model_name="personrole",
            name="loket",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="person_roles",
                to="core.loket",
                verbose_name="recorded by desk",
            ),
        ),
        migrations.RunPython(assign_desks, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="personrole",
            name="loket",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="person_roles",
                to="core.loket",
                verbose_name="recorded by desk",
            ),
        ),
    ]
