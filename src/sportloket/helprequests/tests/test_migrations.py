"""The data migration that brings requests from before the response-time fields up to date,
and keeps notes on moves other than rejecting, referring and pausing internal."""

from datetime import date, datetime

import pytest
from django.core.management.sql import emit_post_migrate_signal, emit_pre_migrate_signal
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from sportloket.helprequests import timing
from sportloket.helprequests.constants import RequestState

BEFORE = [("helprequests", "0006_response_times")]
AFTER = [("helprequests", "0007_provider_notes_and_backfill")]


def at(text):
    return timezone.make_aware(datetime.fromisoformat(text))


def test_timing_knows_the_real_states():
    assert set(RequestState.values) >= timing.DECISION_STATES
    assert timing.ON_HOLD in RequestState.values


@pytest.fixture
def back_to_the_latest_schema():
    # What `migrate` does around its migrations: the apps' triggers go before (SQLite cannot
    # rebuild a table another table's trigger names) and are made again after.
    emit_pre_migrate_signal(0, False, connection.alias)
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    emit_post_migrate_signal(0, False, connection.alias)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("back_to_the_latest_schema")
def test_old_requests_get_their_response_times_and_old_notes_stay_internal():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Loket = apps.get_model("core", "Loket")
    HelpRequest = apps.get_model("helprequests", "HelpRequest")
    StateChange = apps.get_model("helprequests", "StateChange")
    desk = Loket.objects.create(name="Oud", slug="oud", first_response_days=3, resolution_days=10)
    old = HelpRequest.objects.create(
        loket=desk, organisation_name="Club", contact_name="A", contact_email="a@example.nl",
        question="Vraag", consents_to_processing=True, state="matched",
        submitted_at=at("2026-11-02 10:00"), tracking_token="oud-1",
    )  # fmt: skip
    for when, from_state, to_state, note in [
        ("2026-11-02 10:00", "", "submitted", ""),
        ("2026-11-04 10:00", "submitted", "triage", ""),
        ("2026-11-09 10:00", "triage", "matched", "intern: de bond is duur"),
    ]:
        StateChange.objects.create(help_request=old, at=at(when), from_state=from_state,
                                   to_state=to_state, note=note)  # fmt: skip
    rejected = HelpRequest.objects.create(
        loket=desk, organisation_name="Club", contact_name="A", contact_email="a@example.nl",
        question="Vraag", consents_to_processing=True, state="rejected",
        submitted_at=at("2026-11-02 10:00"), tracking_token="oud-2",
    )  # fmt: skip
    StateChange.objects.create(help_request=rejected, at=at("2026-11-03 10:00"),
                               from_state="submitted", to_state="rejected",
                               note="Buiten ons werkgebied")  # fmt: skip

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    HelpRequest = apps.get_model("helprequests", "HelpRequest")
    StateChange = apps.get_model("helprequests", "StateChange")
    old = HelpRequest.objects.get(tracking_token="oud-1")
    assert old.respond_by == date(2026, 11, 5) and old.decide_by == date(2026, 11, 16)
    assert (old.first_response_days, old.decision_days) == (2, 5)
    assert old.decided_at == at("2026-11-09 10:00")
    shown = set(StateChange.objects.filter(note_for_provider=True).values_list("note", flat=True))
    assert shown == {"Buiten ons werkgebied"}


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("back_to_the_latest_schema")
def test_messages_sent_before_get_the_record_of_their_articles():
    before = [("helprequests", "0017_linked_name")]
    after = [("helprequests", "0018_message_sent_articles")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    Loket = apps.get_model("core", "Loket")
    HelpRequest = apps.get_model("helprequests", "HelpRequest")
    Message = apps.get_model("helprequests", "Message")
    Article = apps.get_model("knowledge", "Article")
    desk = Loket.objects.create(name="Oud", slug="oud", first_response_days=3, resolution_days=10)
    question = HelpRequest.objects.create(
        loket=desk, organisation_name="Club", contact_name="A", contact_email="a@example.nl",
        question="Vraag", consents_to_processing=True, tracking_token="oud-3",
    )  # fmt: skip
    zwemmen = Article.objects.create(loket=desk, title="Zwemles geven", body="-")
    atletiek = Article.objects.create(loket=desk, title="Atletiekbaan huren", body="-")
    carried = Message.objects.create(help_request=question, from_provider=True, body="Zie")
    carried.articles.set([zwemmen, atletiek])
    plain = Message.objects.create(help_request=question, from_provider=True, body="Dank")

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    Message = executor.loader.project_state(after).apps.get_model("helprequests", "Message")
    assert Message.objects.get(pk=carried.pk).sent_articles == [
        {"pk": atletiek.pk, "title": "Atletiekbaan huren"},
        {"pk": zwemmen.pk, "title": "Zwemles geven"},
    ]
    assert Message.objects.get(pk=plain.pk).sent_articles == []
