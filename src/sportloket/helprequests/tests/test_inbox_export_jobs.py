"""The inbox's export as a background job when the list is long (issue 18): up to
settings.EXPORT_NOW_LIMIT rows the file is answered at once, beyond it a job writes the same
file from the filters the inbox understood, with only the questions the member who started it
may see. The limit is set low here to keep the data small; tasks run when enqueued
(settings.test.TASKS)."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sportloket.core.tests.factories import MembershipFactory
from sportloket.helprequests import exports, services, tasks
from sportloket.helprequests.inbox_forms import InboxFilterForm
from sportloket.helprequests.tests.factories import HelpRequestFactory
from sportloket.jobs import exports as job_exports
from sportloket.jobs.constants import JobKind, JobState
from sportloket.jobs.models import Job

pytestmark = pytest.mark.django_db

LIMIT = 3


@pytest.fixture
def low_limit(settings):
    settings.EXPORT_NOW_LIMIT = LIMIT


def export(client, desk, **params):
    return client.get(reverse("helprequests:inbox-export", args=[desk.slug]), params)


def download(client, job):
    response = client.get(reverse("jobs:job-download", args=[job.loket.slug, job.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="vragen-alpha-')
    return b"".join(response.streaming_content)


def streamed(response) -> bytes:
    return b"".join(response.streaming_content)


def xlsx_rows(content: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))


def question_numbers(csv_bytes: bytes) -> list[int]:
    lines = csv_bytes.decode("utf-8").split("\r\n")[1:-1]
    return [int(line.split(";")[0]) for line in lines]


def test_a_list_within_the_limit_is_answered_at_once(coordinator_client, desk, low_limit):
    HelpRequestFactory.create_batch(LIMIT, loket=desk)
    HelpRequestFactory(loket=desk, evaluated=True)  # closed: not in the list
    response = export(coordinator_client, desk)
    assert response.status_code == 200
    assert len(question_numbers(streamed(response))) == LIMIT
    assert not Job.objects.exists()


def test_a_longer_list_becomes_a_job_whose_page_offers_the_file(
    coordinator_client, coordinator, desk, low_limit
):
    HelpRequestFactory.create_batch(LIMIT + 1, loket=desk)
    response = export(coordinator_client, desk, format="csv", state="all", sort="newest")
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:job-detail", args=[desk.slug, job.pk])
    assert job.kind == JobKind.INBOX_EXPORT and job.started_by == coordinator
    assert job.params == {"query": "state=all&sort=newest", "format": "csv"}
    assert job.state == JobState.DONE and job.result["rows"] == LIMIT + 1
    page = coordinator_client.get(response["Location"]).text
    assert "Export van vragen" in page and "<dd>4</dd>" in page
    assert reverse("jobs:job-download", args=[desk.slug, job.pk]) in page
    assert len(question_numbers(download(coordinator_client, job))) == LIMIT + 1


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_jobs_file_equals_the_file_answered_at_once(
    coordinator_client, coordinator, desk, settings, file_format
):
    sanne = MembershipFactory(loket=desk, supporter=True, user__full_name="Sanne de Vries")
    for n in range(5):
        question = HelpRequestFactory(
            loket=desk, from_register=True, question=f"=Vraag {n} over vrijwilligers"
        )
        services.request_assign(help_request=question, membership=sanne, actor=coordinator)
    HelpRequestFactory.create_batch(2, loket=desk, question="Over geld")
    HelpRequestFactory(loket=desk, closed=True, question="Gesloten, over vrijwilligers")
    query = {"format": file_format, "q": "vrijwilligers", "state": "all", "sort": "newest"}
    settings.EXPORT_NOW_LIMIT = 100
    at_once = export(coordinator_client, desk, **query)
    assert at_once.status_code == 200 and not Job.objects.exists()
    settings.EXPORT_NOW_LIMIT = LIMIT
    assert export(coordinator_client, desk, **query).status_code == 302
    from_job = download(coordinator_client, Job.objects.get())
    if file_format == "csv":
        assert from_job == streamed(at_once)
        assert len(question_numbers(from_job)) == 6
    else:
        assert xlsx_rows(from_job) == xlsx_rows(at_once.content)
        assert len(xlsx_rows(from_job)) == 1 + 6


def test_a_supporters_export_holds_only_the_questions_they_may_see(
    client, desk, coordinator, low_limit
):
    supporter = MembershipFactory(loket=desk, supporter=True)
    colleague = MembershipFactory(loket=desk, supporter=True)
    waiting = HelpRequestFactory.create_batch(2, loket=desk, question="In de wachtrij")
    theirs = HelpRequestFactory.create_batch(2, loket=desk, in_progress=True, question="Van mij")
    for question in theirs:
        services.request_assign(help_request=question, membership=supporter, actor=coordinator)
    others = HelpRequestFactory.create_batch(3, loket=desk, in_progress=True, question="Collega")
    for question in others:
        services.request_assign(help_request=question, membership=colleague, actor=coordinator)
    client.force_login(supporter.user)
    response = export(client, desk, state="all")
    assert response.status_code == 302
    job = Job.objects.get()
    assert job.started_by == supporter.user
    numbers = question_numbers(download(client, job))
    assert sorted(numbers) == sorted(q.pk for q in waiting + theirs)
    # A coordinator's export of the same filter holds the colleague's questions too.
    client.force_login(coordinator)
    export(client, desk, state="all")
    everything = question_numbers(download(client, Job.objects.exclude(pk=job.pk).get()))
    assert len(everything) == 7


def test_an_export_of_a_member_who_left_before_the_worker_came_fails(
    client, desk, low_limit, settings
):
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.dummy.DummyBackend",
            "QUEUES": ["default", "mail"],
        }
    }
    supporter = MembershipFactory(loket=desk, supporter=True)
    HelpRequestFactory.create_batch(LIMIT + 1, loket=desk)
    client.force_login(supporter.user)
    export(client, desk)
    job = Job.objects.get()
    supporter.ended_at = job.created_at
    supporter.save(update_fields=["ended_at"])
    assert tasks.inbox_export.call(job_id=job.pk) == {
        "failed": "Wie deze export startte, mag hem niet meer maken."
    }
    job.refresh_from_db()
    assert job.state == JobState.FAILED and not job.file


@pytest.mark.parametrize(
    "query",
    [
        "",
        "state=",
        "state=all",
        "state=all&sort=organisation",
        "assignee=me&state=all",
        "assignee=none",
        "q=geld&state=all",
        "theme=999999&q=geld",  # a wrong value is left out, the others apply
        "overdue=on",
        "sort=nonsense&state=all",
    ],
)
def test_the_job_selects_what_the_inbox_shows(client, desk, coordinator, query):
    supporter = MembershipFactory(loket=desk, supporter=True)
    mine = HelpRequestFactory(loket=desk, question="Over geld", organisation_name="B")
    services.request_assign(help_request=mine, membership=supporter, actor=coordinator)
    HelpRequestFactory(loket=desk, question="Over vrijwilligers", organisation_name="A")
    HelpRequestFactory(loket=desk, closed=True, question="Over geld", organisation_name="C")
    client.force_login(supporter.user)
    page = client.get(reverse("helprequests:inbox", args=[desk.slug]) + "?" + query)
    listed = [r["pk"] for r in page.context["page_obj"].object_list]
    kept = job_exports.list_query(page.wsgi_request.GET, InboxFilterForm.PARAMETERS)
    membership = page.wsgi_request.membership
    selected = exports.filtered_requests(membership=membership, query=kept)
    assert [r.pk for r in selected] == listed
