"""The import's pages with the background job: confirming leads to the job's page, which ends
with the counts; while the job runs the import's page links to it instead of offering the
button again; after a failed or stopped job it says so and offers to start again."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from sportloket.jobs.constants import STALE_AFTER, JobState
from sportloket.jobs.models import Job
from sportloket.jobs.tests.factories import JobFactory
from sportloket.registry.models import ImportRun, Organisation

pytestmark = pytest.mark.django_db

FILE = "Naam;KvK-nummer;Postcode\r\nHC Houten;40000001;3991 AA\r\nVV Utrecht;40000002;3511 AB\r\n"


@pytest.fixture
def previewed(coordinator_client, desk):
    """An uploaded file, previewed; returns the import's page."""
    response = coordinator_client.post(
        reverse("registry:import-upload", args=[desk.slug]),
        {"file": SimpleUploadedFile("leden.csv", FILE.encode())},
    )
    assert response.status_code == 302
    return response["Location"]


def test_confirming_leads_to_the_jobs_page_which_shows_the_counts(coordinator_client, previewed):
    response = coordinator_client.post(previewed, {})
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:job-detail", args=[job.loket.slug, job.pk])
    page = coordinator_client.get(response["Location"]).text
    assert "Klaar op" in page and "<dd>2</dd>" in page and "Naar het register" in page
    assert Organisation.objects.count() == 2
    assert "Bekijk het resultaat" in coordinator_client.get(previewed).text


def test_while_the_job_runs_the_import_page_links_to_it(coordinator_client, desk, previewed):
    run = ImportRun.objects.get()
    run.job = JobFactory(loket=desk, running=True)
    run.save()
    page = coordinator_client.get(previewed).text
    assert "wordt op de achtergrond geïmporteerd" in page
    assert reverse("jobs:job-detail", args=[desk.slug, run.job.pk]) in page
    assert '<button type="submit"' not in page.split("<main", 1)[1].split("</main>")[0]
    # A second click (an old tab) leads to the same job.
    again = coordinator_client.post(previewed, {})
    assert again["Location"] == reverse("jobs:job-detail", args=[desk.slug, run.job.pk])
    assert Job.objects.count() == 1


def test_after_a_failed_job_the_file_can_be_imported_again(coordinator_client, desk, previewed):
    run = ImportRun.objects.get()
    run.job = JobFactory(loket=desk, state=JobState.FAILED, error="Het bestand is leeg.")
    run.save()
    page = coordinator_client.get(previewed).text
    assert "De vorige poging om dit bestand te importeren is mislukt: Het bestand is leeg." in page
    assert "Import opnieuw starten" in page
    assert coordinator_client.post(previewed, {}).status_code == 302
    assert Organisation.objects.count() == 2


def test_after_a_stopped_job_the_file_can_be_imported_again(coordinator_client, desk, previewed):
    run = ImportRun.objects.get()
    run.job = JobFactory(loket=desk, running=True)
    run.save()
    Job.objects.filter(pk=run.job.pk).update(heartbeat_at=timezone.now() - 2 * STALE_AFTER)
    page = coordinator_client.get(previewed).text
    assert "gestopt voordat ze klaar was" in page and "Import opnieuw starten" in page
    response = coordinator_client.post(previewed, {})
    new = Job.objects.exclude(pk=run.job.pk).get()
    assert response["Location"] == reverse("jobs:job-detail", args=[desk.slug, new.pk])
    assert Job.objects.get(pk=run.job.pk).state == JobState.FAILED
    assert new.state == JobState.DONE and Organisation.objects.count() == 2
