"""The register export as a background job with a real worker (issue 18): a list of 3,000
organisations, beyond a limit set low for the test (settings.EXPORT_NOW_LIMIT), is asked for
as CSV and as XLSX; each request answers with the job's page at once, a real worker process
(``manage.py db_worker`` on the database backend) writes both files, and each file downloaded
from its job's page is the file the list gives at once when the limit allows it.

The pages are requested in this process and the worker runs beside it on one database, as the
import's worker test does (``sportloket.testing.workers``: the worker and shared database)."""

import io
import time

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sportloket.core.models import Municipality
from sportloket.jobs.constants import JobState
from sportloket.jobs.models import Job
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.models import Organisation
from sportloket.registry.validation import name_key
from sportloket.testing.workers import Worker, shared_database

pytestmark = pytest.mark.django_db(transaction=True)

ROWS = 3000


def register(desk):
    houten = Municipality.objects.get(code="GM0321")
    desk.work_area.set([houten])
    Organisation.objects.bulk_create(
        Organisation(
            kind=OrganisationKind.COMMERCIAL if n % 3 == 0 else OrganisationKind.CLUB,
            name=f"Club {n:05}",
            name_key=name_key(f"Club {n:05}"),
            kvk_number=f"{60000000 + n:08d}",
            city="Houten",
            municipality=houten,
        )
        for n in range(ROWS)
    )


def wait_for(job_ids, worker, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        states = set(Job.objects.filter(pk__in=job_ids).values_list("state", flat=True))
        if states == {JobState.DONE}:
            return
        assert JobState.FAILED not in states, list(Job.objects.values("pk", "state", "error"))
        assert worker.alive(), worker.log.read_text()[-3000:]
        time.sleep(0.2)
    pytest.fail(f"the exports did not finish in {seconds} s:\n{worker.log.read_text()[-3000:]}")


def test_a_worker_writes_the_files_of_long_exports(
    reference_data, desk, coordinator, client, settings, tmp_path
):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}
    }
    settings.EXPORT_NOW_LIMIT = 1000
    register(desk)
    url = reverse("registry:organisation-export", args=[desk.slug])
    with shared_database(tmp_path) as database_url:
        client.force_login(coordinator)
        started = {fmt: client.get(url, {"format": fmt, "q": "Club"}) for fmt in ("csv", "xlsx")}
        jobs = {fmt: Job.objects.get(params__format=fmt) for fmt in started}
        for fmt, response in started.items():
            assert response.status_code == 302
            assert response["Location"] == reverse(
                "jobs:job-detail", args=[desk.slug, jobs[fmt].pk]
            )
        assert {job.state for job in jobs.values()} == {JobState.QUEUED}

        worker = Worker(database_url, tmp_path / "worker.log")
        try:
            wait_for([job.pk for job in jobs.values()], worker)
        finally:
            worker.stop()

        settings.EXPORT_NOW_LIMIT = ROWS
        for fmt, job in jobs.items():
            job.refresh_from_db()
            assert job.done == job.total == job.result["rows"] == ROWS
            page = client.get(reverse("jobs:job-detail", args=[desk.slug, job.pk])).text
            download = reverse("jobs:job-download", args=[desk.slug, job.pk])
            assert "Status: klaar" in page and f'href="{download}"' in page
            response = client.get(download)
            from_job = b"".join(response.streaming_content)
            at_once = client.get(url, {"format": fmt, "q": "Club"})
            assert at_once.status_code == 200
            if fmt == "csv":
                assert from_job == at_once.content
                assert from_job.decode("utf-8").count("\r\n") == 1 + ROWS
            else:
                sheet = list(load_workbook(io.BytesIO(from_job)).active.iter_rows(values_only=True))
                again = load_workbook(io.BytesIO(at_once.content)).active.iter_rows(
                    values_only=True
                )
                assert sheet == list(again) and len(sheet) == 1 + ROWS
