"""The job's page: state and a real progress bar, polled by htmx every 2 s while the job runs
(the part it swaps in stops polling once the job has finished), a Refresh link without
JavaScript, then the result or the error. Only the desk's members who may follow the job
see it; everyone else gets a 404."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from sportloket.core.tests.factories import MembershipFactory
from sportloket.jobs.constants import STALE_AFTER
from sportloket.jobs.models import Job
from sportloket.jobs.tests.factories import JobFactory
from sportloket.registry.tests.factories import ImportRunFactory

pytestmark = pytest.mark.django_db

POLLING = 'hx-trigger="every 2s"'


def text(html):
    """What a reader reads: the tags gone, whitespace as single spaces."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def url(job):
    return reverse("jobs:job-detail", args=[job.loket.slug, job.pk])


def test_a_running_job_shows_its_progress_and_polls(coordinator_client, desk):
    job = JobFactory(loket=desk, running=True)
    response = coordinator_client.get(url(job))
    assert response.status_code == 200
    page = response.text
    assert re.search(r'<progress id="job-progress" max="4000" value="2000">50%</progress>', page)
    assert '<label for="job-progress">' in page
    assert "2000 van 4000 (50%)" in text(page)
    assert POLLING in page and f'hx-get="{url(job)}"' in page
    assert f'<a href="{url(job)}">Vernieuwen</a>' in page  # without JavaScript


def test_htmx_gets_the_status_part_only(coordinator_client, desk):
    job = JobFactory(loket=desk, running=True)
    part = coordinator_client.get(url(job), headers={"HX-Request": "true"})
    assert part.status_code == 200
    assert part.text.lstrip().startswith('<section id="job-status"')
    assert "<html" not in part.text and POLLING in part.text
    assert part["Vary"] and "HX-Request" in part["Vary"]


def test_a_job_waiting_for_a_worker_shows_a_bar_without_a_value(coordinator_client, desk):
    job = JobFactory(loket=desk)
    page = coordinator_client.get(url(job)).text
    assert '<progress id="job-progress"></progress>' in page
    assert "Wacht op verwerking" in page and POLLING in page


def test_a_finished_import_shows_its_counts_and_the_way_to_the_register(coordinator_client, desk):
    run = ImportRunFactory(loket=desk)
    job = JobFactory(loket=desk, finished=True, params={"import_run": run.pk})
    part = coordinator_client.get(url(job), headers={"HX-Request": "true"}).text
    assert POLLING not in part and "<progress" not in part
    read = text(part)
    assert "Nieuw 3000" in read and "Bijgewerkt 900" in read and "Weggelaten 2" in read
    assert reverse("registry:organisation-list", args=[desk.slug]) in part
    assert reverse("registry:import-detail", args=[desk.slug, run.pk]) in part


def test_a_failed_job_shows_why(coordinator_client, desk):
    job = JobFactory(loket=desk, state="failed", error="Het bestand is leeg.")
    page = coordinator_client.get(url(job)).text
    assert "Het bestand is leeg." in page and POLLING not in page


def test_a_job_whose_worker_is_gone_says_so_and_stops_polling(coordinator_client, desk):
    job = JobFactory(loket=desk, running=True)
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - STALE_AFTER * 2)
    page = coordinator_client.get(url(job)).text
    assert "geen teken van leven" in page and POLLING not in page


def test_another_desks_job_is_a_404(client, desk, other_desk):
    job = JobFactory(loket=other_desk, running=True)
    client.force_login(MembershipFactory(loket=desk, coordinator=True).user)
    assert client.get(url(job)).status_code == 404
    assert client.get(reverse("jobs:job-detail", args=[desk.slug, job.pk])).status_code == 404


def test_a_member_who_may_not_import_sees_only_the_jobs_they_started(client, desk):
    viewer = MembershipFactory(loket=desk).user
    client.force_login(viewer)
    assert client.get(url(JobFactory(loket=desk, running=True))).status_code == 404
    assert client.get(url(JobFactory(loket=desk, started_by=viewer))).status_code == 200


def test_the_page_reads_a_fixed_number_of_queries(
    coordinator_client, desk, django_assert_max_num_queries
):
    job = JobFactory(loket=desk, finished=True, params={"import_run": 1})
    coordinator_client.get(url(job))  # sessions and the like, once
    with django_assert_max_num_queries(5):
        assert coordinator_client.get(url(job)).status_code == 200
    with django_assert_max_num_queries(5):
        part = coordinator_client.get(url(job), headers={"HX-Request": "true"})
        assert part.status_code == 200


def test_started_on_and_by_are_shown(coordinator_client, desk, coordinator):
    job = JobFactory(loket=desk, started_by=coordinator, running=True)
    page = text(coordinator_client.get(url(job)).text)
    local = timezone.localtime(job.created_at)
    assert f"Gestart op {local.day} " in page and escape(str(coordinator)) in page
    assert timedelta(0) <= timezone.now() - job.created_at < timedelta(minutes=1)
