"""An imported organisation's history reads like any other: its page never fails on an entry."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from sportloket.core.audit import history_rows
from sportloket.core.models import Municipality
from sportloket.registry.models import Organisation
from sportloket.registry.services import organisation_import
from sportloket.testing.migrations import migrate_to

pytestmark = pytest.mark.django_db

HOUTEN = b"Naam;Postcode;Plaats;Gemeente\nX;3991 AB;Houten;Houten\n"


def test_an_imported_organisations_page_opens_for_a_coordinator(desk, coordinator_client):
    desk.work_area.set(Municipality.objects.filter(name="Houten"))
    _plan, written = organisation_import(loket=desk, actor=None, data=HOUTEN)
    assert written
    org = Organisation.objects.get(name="X")
    response = coordinator_client.get(
        reverse("registry:organisation-detail", args=[desk.slug, org.pk])
    )
    assert response.status_code == 200
    assert "Houten" in response.content.decode()


def test_the_import_logs_a_municipality_by_its_id(desk):
    organisation_import(loket=desk, actor=None, data=HOUTEN)
    org = Organisation.objects.get(name="X")
    entry = LogEntry.objects.get_for_object(org).get()
    assert entry.changes_dict["municipality"] == ["None", str(org.municipality_id)]
    [row] = history_rows([entry])
    municipality = {c["label"]: c["new"] for c in row["changes"]}["gemeente"]
    assert municipality == "Houten"


def test_history_survives_entries_it_cannot_resolve(desk):
    org = Organisation.objects.create(
        name="Y", municipality=Municipality.objects.get(name="Houten")
    )
    LogEntry.objects.log_create(org, action=LogEntry.Action.UPDATE, changes={})
    entry = LogEntry.objects.get_for_object(org).latest("pk")
    entry.changes = {
        "municipality": ["Utrecht", "99999999999999999999999999999"],
        "founded_on": ["gisteren", "2020-13-45"],
        "member_count": "not a pair",
        "sports": {"type": "m2m", "operation": "add", "objects": ["Voetbal"]},
        "no_such_field": ["a", "b"],
    }
    entry.save()
    [row] = history_rows([entry])
    values = {c["label"]: (c.get("old"), c.get("new")) for c in row["changes"]}
    assert values["gemeente"] == ("Utrecht", "99999999999999999999999999999")


@pytest.mark.django_db(transaction=True)
def test_the_migration_mends_entries_written_with_a_name(reference_data):
    before = [("registry", "0007_person_role_desk")]
    after = [("registry", "0008_mend_imported_history")]
    houten = Municipality.objects.get(name="Houten")
    org = Organisation.objects.create(name="Z", municipality=houten)
    LogEntry.objects.log_create(org, action=LogEntry.Action.CREATE, changes={})
    entry = LogEntry.objects.get_for_object(org).latest("pk")
    entry.changes = {"municipality": ["None", "Houten"], "name": ["None", "Z"]}
    entry.save()
    unknown = LogEntry.objects.log_create(
        org, action=LogEntry.Action.UPDATE, changes={"municipality": ["Nergenshuizen", "12"]}
    )
    try:
        migrate_to(before)
        migrate_to(after)
    finally:
        migrate_to()
    entry.refresh_from_db()
    unknown.refresh_from_db()
    assert entry.changes == {"municipality": ["None", str(houten.pk)], "name": ["None", "Z"]}
    assert unknown.changes == {"municipality": ["Nergenshuizen", "12"]}
