from datetime import date

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time

from sportloket.core import services as core_services
from sportloket.core.models import Theme
from sportloket.core.tests.factories import ThemeFactory
from sportloket.helprequests import services
from sportloket.helprequests.constants import RequestState as S
from sportloket.helprequests.models import HelpRequest
from sportloket.helprequests.tests.factories import HelpRequestFactory
from sportloket.helprequests.tests.factories import submit_request as submit
from sportloket.helprequests.workflow import TRANSITIONS, TransitionRefused

pytestmark = pytest.mark.django_db


def test_themes_prefill_is_idempotent_and_per_desk(desk, other_desk):
    core_services.themes_prefill(loket=desk, actor=None)
    core_services.themes_prefill(loket=desk, actor=None)
    assert Theme.objects.filter(loket=desk).count() == 13
    assert Theme.objects.filter(loket=desk, name="Vrijwilligers").exists()
    assert not Theme.objects.filter(loket=other_desk).exists()


def test_submit_records_the_first_history_row(desk):
    themes = core_services.themes_prefill(loket=desk, actor=None)
    question = submit(desk, themes=themes[:2])
    assert question.state == S.SUBMITTED
    [row] = question.state_changes.all()
    assert (row.from_state, row.to_state, row.by_provider, row.actor) == (
        "",
        S.SUBMITTED,
        True,
        None,
    )
    assert question.themes.count() == 2


def test_submit_ignores_themes_of_another_desk(desk, other_desk):
    theirs = ThemeFactory(loket=other_desk)
    question = submit(desk, themes=[theirs])
    assert question.themes.count() == 0


def test_submit_needs_consent_and_a_valid_email(desk):
    with pytest.raises(ValidationError) as error:
        submit(desk, consents_to_processing=False, contact_email="geen-adres")
    assert "contact_email" in error.value.error_dict
    assert not HelpRequest.objects.exists()


def test_tracking_tokens_are_long_random_and_unique(desk):
    tokens = {submit(desk).tracking_token for _ in range(20)}
    assert len(tokens) == 20
    assert all(len(t) >= 43 for t in tokens)  # 32 bytes = 256 bits, base64url


def test_every_move_writes_history_with_its_actor(desk, coordinator):
    question = submit(desk)
    for to_state in (S.TRIAGE, S.MATCHED, S.IN_PROGRESS, S.COMPLETED):
        question = services.request_move(
            help_request=question, to_state=to_state, actor=coordinator
        )
    question = services.request_move(help_request=question, to_state=S.EVALUATED, by_provider=True)
    history = list(question.state_changes.values_list("from_state", "to_state", "actor_id"))
    assert history == [
        ("", S.SUBMITTED, None),
        (S.SUBMITTED, S.TRIAGE, coordinator.pk),
        (S.TRIAGE, S.MATCHED, coordinator.pk),
        (S.MATCHED, S.IN_PROGRESS, coordinator.pk),
        (S.IN_PROGRESS, S.COMPLETED, coordinator.pk),
        (S.COMPLETED, S.EVALUATED, None),
    ]
    assert question.closed_at is not None


def test_an_illegal_move_changes_nothing(desk, coordinator):
    question = submit(desk)
    with pytest.raises(TransitionRefused):
        services.request_move(help_request=question, to_state=S.COMPLETED, actor=coordinator)
    question.refresh_from_db()
    assert question.state == S.SUBMITTED and question.state_changes.count() == 1


def test_on_hold_resumes_where_it_paused_and_its_days_are_known(desk, coordinator):
    with freeze_time("2026-11-02 10:00"):
        question = submit(desk)
        question = services.request_move(
            help_request=question, to_state=S.TRIAGE, actor=coordinator
        )
        question = services.request_move(
            help_request=question, to_state=S.MATCHED, actor=coordinator
        )
    with freeze_time("2026-11-04 10:00"):
        question = services.request_move(
            help_request=question, to_state=S.ON_HOLD, actor=coordinator, note="Wacht op de club"
        )
    with freeze_time("2026-11-09 10:00"):
        with pytest.raises(TransitionRefused):
            services.request_move(help_request=question, to_state=S.TRIAGE, actor=coordinator)
        question = services.request_move(
            help_request=question, to_state=S.MATCHED, actor=coordinator
        )
    # Paused from Wednesday; work resumed on Monday, which counts again.
    assert services.request_paused_periods(question) == [(date(2026, 11, 4), date(2026, 11, 8))]


def test_the_open_filter_leaves_closed_requests_out(desk):
    HelpRequestFactory(loket=desk)
    HelpRequestFactory(loket=desk, state=S.REJECTED)
    assert HelpRequest.objects.for_desk(desk).open().count() == 1


def test_a_pause_within_one_day_removes_no_working_day(desk, coordinator):
    with freeze_time("2026-11-02 09:00"):
        question = submit(desk)
        question = services.request_move(
            help_request=question, to_state=S.TRIAGE, actor=coordinator
        )
        question = services.request_move(
            help_request=question, to_state=S.ON_HOLD, actor=coordinator, note="Even bellen"
        )
    with freeze_time("2026-11-02 09:30"):
        question = services.request_move(
            help_request=question, to_state=S.TRIAGE, actor=coordinator
        )
    assert services.request_paused_periods(question) == []


ALL_PAIRS = [(a, b) for a in S.values for b in S.values]


@pytest.mark.parametrize(("from_state", "to_state"), ALL_PAIRS)
def test_the_service_allows_exactly_the_moves_of_the_table(desk, coordinator, from_state, to_state):
    question = HelpRequestFactory(loket=desk, state=from_state)
    by_provider = to_state == S.EVALUATED
    move = {"help_request": question, "to_state": to_state, "note": "Reden voor de aanbieder",
            "referred_to": "Sportloket Zeist", "by_provider": by_provider,
            "actor": None if by_provider else coordinator}  # fmt: skip
    if to_state not in TRANSITIONS[from_state]:
        with pytest.raises(TransitionRefused):
            services.request_move(**move)
        question.refresh_from_db()
        assert question.state == from_state and not question.state_changes.exists()
        return
    question = services.request_move(**move)
    [change] = question.state_changes.all()
    assert (change.from_state, change.to_state) == (from_state, to_state)
    assert change.actor == (None if by_provider else coordinator)
    assert question.state == to_state


def test_an_unknown_state_is_refused_in_dutch(desk, coordinator):
    question = HelpRequestFactory(loket=desk)
    with pytest.raises(TransitionRefused, match="Deze status bestaat niet"):
        services.request_move(help_request=question, to_state="archived", actor=coordinator)


def test_the_factory_traits_give_a_question_further_on_its_way(desk):
    assert HelpRequestFactory(loket=desk, in_triage=True).state == S.TRIAGE
    closed = HelpRequestFactory(loket=desk, closed=True)
    assert closed.state == S.COMPLETED and closed.closed_at is not None
    evaluated = HelpRequestFactory(loket=desk, evaluated=True)
    assert evaluated.state == S.EVALUATED and evaluated.rating == 4
    linked = HelpRequestFactory(loket=desk, from_register=True)
    assert linked.organisation is not None
    assert linked.organisation_name == linked.organisation.name
