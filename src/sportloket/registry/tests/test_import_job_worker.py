"""Acceptance of the import as a background job with a real worker (issue 18, point 2).

A file of 25,000 rows (24,900 new clubs, 100 changes to clubs the register knows) is confirmed
on the import's page. A real worker process (``manage.py db_worker``, the database backend of
django-tasks) takes the job; the job's page shows it running with part of the rows done; then
the worker is killed with SIGKILL, half-way. The register is as it was: no new club, the known
clubs unchanged, no audit entry. When the job has given no sign of life for a while, the import's
page offers to start it again; a fresh worker completes it, and every club is in the register
exactly once.

The pages are requested in this process (Django's test client) and the worker runs beside it,
both on one database: the test database itself on PostgreSQL, a file copy of it on SQLite
(whose test database is in memory; this process then uses the copy too, as the worker does).
"""

import re
import time

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from sportloket.jobs.constants import STALE_AFTER
from sportloket.jobs.models import Job
from sportloket.registry.models import (
    ImportRun,
    ImportStagedRelation,
    ImportStagedRow,
    Organisation,
    OrganisationLink,
)
from sportloket.registry.tests.factories import OrganisationFactory
from sportloket.testing.workers import Worker, shared_database

pytestmark = pytest.mark.django_db(transaction=True)

ROWS = 25_000
KNOWN = 100
HEADER = "Naam;KvK-nummer;Postcode;Plaats;Gemeente;Sporten;Aantal leden"
PROGRESS = re.compile(r'<progress id="job-progress" max="(\d+)" value="(\d+)"')


def import_file() -> bytes:
    """25,000 rows: the first 100 clubs are known to the register (in Houten), the rest new."""
    lines = [HEADER] + [
        f"Club {n:05};{50000000 + n:08d};3511 AB;Utrecht;Utrecht;Voetbal;{n % 500 + 20}"
        for n in range(ROWS)
    ]
    return ("\r\n".join(lines) + "\r\n").encode()


def status(client, url):
    """(running, done, total) as the job's page shows them to htmx."""
    part = client.get(url, headers={"HX-Request": "true"}).text
    bar = PROGRESS.search(part)
    done, total = (int(bar.group(2)), int(bar.group(1))) if bar else (None, None)
    return "Status: bezig" in part, done, total, part


def register(known_pks):
    """What the register shows of the import: its clubs, links and audit entries."""
    return {
        "organisations": Organisation.objects.count(),
        "links": OrganisationLink.objects.count(),
        "entries": LogEntry.objects.filter(additional_data__source="import").count(),
        "known": sorted(
            Organisation.objects.filter(pk__in=known_pks).values_list(
                "kvk_number", "city", "member_count", "updated_at"
            )
        ),
    }


def wait_for_half_way(client, url, worker, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert worker.alive(), worker.log.read_text()[-3000:]
        running, done, total, part = status(client, url)
        if running and done and total and 2000 <= done < total:
            return done, total
        assert "Status: klaar" not in part, "the job finished before it was seen half-way"
        time.sleep(0.02)
    pytest.fail(f"the job was not seen half-way in {seconds} s:\n{worker.log.read_text()[-3000:]}")


def wait_until_done(client, url, worker, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        part = status(client, url)[3]
        if "Status: klaar" in part:
            return part
        assert "Status: mislukt" not in part, part
        assert worker.alive(), worker.log.read_text()[-3000:]
        time.sleep(0.2)
    pytest.fail(f"the job did not finish in {seconds} s:\n{worker.log.read_text()[-3000:]}")


def test_a_killed_import_leaves_the_register_unchanged_and_completes_when_started_again(
    reference_data, desk, coordinator, client, settings, tmp_path
):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}
    }
    known = [
        OrganisationFactory(name=f"Club {n:05}", kvk_number=f"{50000000 + n:08d}", city="Houten")
        for n in range(KNOWN)
    ]
    known_pks = [o.pk for o in known]
    log = tmp_path / "worker.log"
    with shared_database(tmp_path) as database_url:
        client.force_login(coordinator)
        uploaded = client.post(
            reverse("registry:import-upload", args=[desk.slug]),
            {"file": SimpleUploadedFile("leden.csv", import_file())},
        )
        assert uploaded.status_code == 302
        import_page = uploaded["Location"]
        before = register(known_pks)

        started = client.post(import_page, {})
        assert started.status_code == 302
        first = Job.objects.get()
        assert started["Location"] == reverse("jobs:job-detail", args=[desk.slug, first.pk])
        worker = Worker(database_url, log)
        try:
            done, total = wait_for_half_way(client, started["Location"], worker)
        finally:
            worker.kill()
        assert total == ROWS and done < total

        # Killed half-way: the register is as it was; the job still says it runs.
        assert register(known_pks) == before
        assert not Organisation.objects.filter(kvk_number=f"{50000000 + ROWS - 1:08d}").exists()
        assert ImportRun.objects.get().status == ImportRun.Status.PREVIEWED
        assert Job.objects.get().state == "running"

        # Some minutes later, the job has given no sign of life: it can be started again.
        Job.objects.update(heartbeat_at=timezone.now() - STALE_AFTER - STALE_AFTER)
        page = client.get(import_page).text
        assert "gestopt voordat ze klaar was" in page and "Import opnieuw starten" in page
        again = client.post(import_page, {})
        second = Job.objects.exclude(pk=first.pk).get()
        assert again["Location"] == reverse("jobs:job-detail", args=[desk.slug, second.pk])
        worker = Worker(database_url, log)
        try:
            finished = wait_until_done(client, again["Location"], worker)
        finally:
            worker.stop()

        assert "<dd>24900</dd>" in finished and "<dd>100</dd>" in finished
        after = register(known_pks)
        assert after["organisations"] == before["organisations"] + ROWS - KNOWN
        names = Organisation.objects.filter(name__startswith="Club ")
        assert names.count() == names.values("name").distinct().count() == ROWS
        assert after["links"] == before["links"] + ROWS
        assert after["entries"] == before["entries"] + ROWS
        assert {city for _, city, _, _ in after["known"]} == {"Utrecht"}
        assert ImportRun.objects.get().status == ImportRun.Status.APPLIED
        assert Job.objects.get(pk=first.pk).state == "failed"
        assert not ImportStagedRow.objects.exists() and not ImportStagedRelation.objects.exists()
