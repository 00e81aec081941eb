"""The desk's page of one question in a fixed number of queries, whatever its history, notes,
messages (with the knowledge articles they carried), contact moments, decisions and the desk's
team: its timeline in one read (moves, notes and messages in their order, each message with its
snapshot of the articles it carried), its current assignment and its themes read with it, and
the lists of its forms rendered from what the page read."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from sportloket.contacts.tests.factories import ContactMomentFactory
from sportloket.core.tests.factories import MembershipFactory, ThemeFactory
from sportloket.decisions.tests.factories import decide
from sportloket.helprequests import selectors, services
from sportloket.helprequests.constants import RequestState
from sportloket.helprequests.models import InternalNote, Message, StateChange
from sportloket.helprequests.tests.factories import submit_request
from sportloket.knowledge.tests.factories import ArticleFactory
from sportloket.offerings.constants import Registration
from sportloket.offerings.tests.factories import OfferingFactory
from sportloket.quality import services as quality_services
from sportloket.quality.tests.factories import QualityRegistrationFactory
from sportloket.registry.tests.factories import OrganisationFactory
from sportloket.testing.html import squashed
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

# The session, the user and the membership (3); the question with its assignment (1); its
# timeline (1); its themes (1); the team to assign (1) and the desk's quality rule (1); the
# contact moments (1); the decisions and their chosen offerings (2); the register (1). The
# knowledge articles cost nothing more (issue 19's budget of 12): a message's articles are
# its snapshot, read in the timeline's query, and they are chosen on a page of their own
# (request_articles), not in a list of every article in the message form.
MAX_QUERIES = 12
# When the desk has a rule and the decision chose an offering that needs a registration: the
# offerings, and the team's registrations to judge them by.
MAX_QUERIES_JUDGED = MAX_QUERIES + 2


def page_url(question):
    return reverse("helprequests:request-detail", args=[question.loket.slug, question.pk])


@pytest.fixture
def handled(desk, coordinator):
    """A question linked to a club, with two themes, assigned to a supporter, decided."""
    club = OrganisationFactory.for_desk(desk, name="HC Houten")
    question = submit_request(desk)
    themes = [ThemeFactory(loket=desk, name=name) for name in ("Vrijwilligers", "Financiën")]
    services.request_triage(
        help_request=question, actor=coordinator, themes=themes, organisation=club
    )
    supporter = MembershipFactory(loket=desk, supporter=True, user__full_name="Sanne de Vries")
    services.request_assign(help_request=question, membership=supporter, actor=coordinator)
    decide(question, OfferingFactory(loket=desk, title="Vrijwilligersbeleid"), coordinator)
    return question


def more_of_everything(question, coordinator, *, decisions=True):
    desk = question.loket

    def add(n):
        for i in range(n):
            services.note_add(help_request=question, actor=coordinator, body=f"Notitie {i}")
            services.message_send(
                help_request=question,
                actor=coordinator,
                body=f"Bericht {i}",
                articles=[ArticleFactory(loket=desk, title=f"Artikel {i}")],
            )
            services.message_from_provider(help_request=question, body=f"Antwoord {i}")
            ContactMomentFactory(
                loket=desk, organisation=OrganisationFactory.for_desk(desk), help_request=question
            )
            MembershipFactory(loket=desk, supporter=True)
            ThemeFactory(loket=desk)
            if decisions:
                decide(question, OfferingFactory(loket=desk), coordinator, deviation_reason="Zo.")

    return add


def test_the_page_takes_the_same_queries_whatever_its_rows(
    coordinator_client, coordinator, handled
):
    first, last = assert_queries_do_not_grow(
        lambda: coordinator_client.get(page_url(handled)),
        more_of_everything(handled, coordinator),
        more=3,
        max_queries=MAX_QUERIES,
    )
    assert last.text.count("Bericht ") > first.text.count("Bericht ")
    assert all(f">Artikel {i}</a>" in last.text for i in range(3))


def test_judging_the_team_by_the_rule_and_the_offerings_takes_two_queries_more(
    coordinator_client, coordinator, desk
):
    quality_services.rule_save(loket=desk, groups=[[("vog", None, "")]], actor=coordinator)
    QualityRegistrationFactory(user=coordinator)
    question = submit_request(desk)
    needs_spn = OfferingFactory(
        loket=desk, title="Clubkader", required_registration=Registration.SPN
    )
    decide(question, needs_spn, coordinator)

    _first, last = assert_queries_do_not_grow(
        lambda: coordinator_client.get(page_url(question)),
        more_of_everything(question, coordinator, decisions=False),
        more=3,
        max_queries=MAX_QUERIES_JUDGED,
    )
    # The coordinator meets the rule but holds no SPN registration; the new supporters hold
    # no VOG: every member is listed, none may be assigned.
    page = squashed(last.text)
    assert page.count("Mag “Clubkader” niet uitvoeren.") == 1
    assert page.count(" disabled>") == 4


def test_the_current_assignment_is_read_with_the_question(coordinator_client, handled):
    page = squashed(coordinator_client.get(page_url(handled)).text)

    assert "Sanne de Vries, sinds" in page
    assert selectors.current_assignment(help_request=handled).supporter.full_name == (
        "Sanne de Vries"
    )


def test_the_themes_of_the_question_and_those_the_triage_offers(coordinator_client, desk, handled):
    retired = ThemeFactory(loket=desk, name="Accommodatie", is_active=False)
    handled.themes.add(retired)
    ThemeFactory(loket=desk, name="Jeugd")

    response = coordinator_client.get(page_url(handled))

    shown = [theme.name for theme in response.context["themes"]]
    assert sorted(shown) == ["Accommodatie", "Financiën", "Vrijwilligers"]
    field = response.context["triage_form"]["themes"]
    offered = [label for _value, label in field.field.widget.choices]
    assert sorted(offered) == ["Financiën", "Jeugd", "Vrijwilligers"]
    # Ticked: the question's themes, the one no longer offered too (as before the triage).
    assert sorted(field.value()) == sorted(t.pk for t in handled.themes.all())


def test_moves_notes_and_messages_of_one_moment_keep_their_order(desk, coordinator):
    question = submit_request(desk)
    moment = timezone.make_aware(datetime.datetime(2026, 3, 4, 10))
    with freeze_time(moment):
        services.message_from_provider(help_request=question, body="Vraag terug")
        services.note_add(help_request=question, actor=coordinator, body="Intern")
        services.request_move(help_request=question, to_state="triage", actor=coordinator)
    StateChange.objects.filter(help_request=question, to_state="submitted").update(
        at=moment - datetime.timedelta(days=1)
    )

    timeline = selectors.staff_timeline(help_request=question)

    assert [(row["state"], row["note"], row["internal"]) for row in timeline] == [
        (RequestState.SUBMITTED.label, "", False),
        (RequestState.TRIAGE.label, "", False),
        ("", "Intern", True),
        ("", "Vraag terug", False),
    ]
    assert [row["who"] for row in timeline][1:] == [str(coordinator), str(coordinator), None]
    assert timeline[3]["by_provider"] and timeline[3]["message"]
    assert InternalNote.objects.count() == Message.objects.count() == 1
