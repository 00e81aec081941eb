"""The public question form and the provider's tracking page stay cheap at any size: a fixed
number of queries that does not grow with the desk's themes or a question's history, and the
fields of a new form (the same for everyone) rendered once per desk, language and themes, so
that a renamed theme shows at once and nothing anyone typed is ever kept."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from sportloket.core.tests.factories import ThemeFactory
from sportloket.decisions import services as decision_services
from sportloket.helprequests import services
from sportloket.helprequests.constants import RequestState as S
from sportloket.helprequests.tests.factories import submit_request
from sportloket.helprequests.views import public
from sportloket.knowledge.models import Article
from sportloket.knowledge.tests.factories import ArticleFactory
from sportloket.offerings.tests.factories import OfferingFactory
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

STAMP = re.compile(r'<input type="hidden" name="started" value="([^"]+)" id="id_started">')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture(autouse=True)
def _nothing_kept_yet():
    """Each test meets the first rendering too, as a new process would."""
    public._NEW_FORMS.clear()
    yield
    public._NEW_FORMS.clear()


def intake_url(desk):
    return reverse("helprequests:intake", args=[desk.slug])


def test_the_question_form_takes_the_same_queries_however_many_themes(client, desk):
    def add(n):
        for _ in range(n):
            ThemeFactory(loket=desk, position=desk.themes.count())

    add(1)
    # The desk and its themes; fields not rendered yet for these themes read them once more.
    _, last = assert_queries_do_not_grow(
        lambda: client.get(intake_url(desk)), add, more=12, max_queries=3
    )
    assert last.text.count('name="themes"') == 13


def test_a_new_form_is_rendered_once_with_a_stamp_of_its_own(
    client, desk, django_assert_num_queries
):
    ThemeFactory(loket=desk, name="Vrijwilligers")
    first = client.get(intake_url(desk)).text
    with django_assert_num_queries(2):  # the desk and its themes: the fields are kept
        again = client.get(intake_url(desk)).text
    # The one-time stamp is new on every form; everything else on the page is the same.
    assert STAMP.search(first)[1] != STAMP.search(again)[1]
    assert CSRF.sub("", STAMP.sub("", first)) == CSRF.sub("", STAMP.sub("", again))
    assert len(public._NEW_FORMS) == 1


def test_a_changed_theme_or_another_language_shows_at_once(client, desk):
    theme = ThemeFactory(loket=desk, name="Vrijwilligers")
    assert "Vrijwilligers" in client.get(intake_url(desk)).text
    theme.name = "Vrijwilligersbeleid"
    theme.save()
    ThemeFactory(loket=desk, name="Financiën")
    page = client.get(intake_url(desk)).text
    assert "Vrijwilligersbeleid" in page and "Financiën" in page
    assert "Naam van je club of organisatie" in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(intake_url(desk)).text
    assert "Name of your club or organisation" in page and "Vrijwilligersbeleid" in page


def test_a_form_sent_back_shows_what_was_typed_and_keeps_none_of_it(client, desk):
    ThemeFactory(loket=desk, name="Vrijwilligers")
    response = client.post(intake_url(desk), {"organisation_name": "VV Geheim", "website": ""})
    assert response.status_code == 400
    assert 'value="VV Geheim"' in response.text
    assert "VV Geheim" not in client.get(intake_url(desk)).text
    assert all("VV Geheim" not in piece for piece in public._NEW_FORMS._pieces.values())


def tracking(client, question):
    return client.get(reverse("helprequests:track", args=[question.tracking_token]))


def test_the_tracking_page_takes_the_same_queries_however_long_the_history(
    client, desk, coordinator
):
    question = submit_request(desk)
    offering = OfferingFactory(loket=desk)
    added = 0

    def add(n):
        nonlocal added
        nonlocal question
        for number in range(added, added + n):
            services.message_from_provider(help_request=question, body=f"Bericht {number}")
            services.message_send(
                help_request=question, actor=coordinator, body=f"Antwoord {number}",
                articles=[ArticleFactory(loket=desk, title=f"Artikel {number}")],
            )  # fmt: skip
        added += n
        for state in (S.TRIAGE, S.MATCHED):
            if question.state != state:
                question = services.request_move(
                    help_request=question, to_state=state, actor=coordinator
                )
        decision_services.decision_record(
            help_request=question, chosen=[offering], actor=coordinator,
            rationale=f"Past na {added} berichten.", public_summary="Hulp.",
        )  # fmt: skip

    add(1)  # a decision from the start: the page reads its chosen offerings
    # The question, its moves, its messages (each with its snapshot of the knowledge articles
    # it carried: no query for them, issue 19's budget of 5), the decision and its chosen
    # offerings (2).
    _, last = assert_queries_do_not_grow(
        lambda: tracking(client, question), add, more=8, max_queries=5
    )
    assert all(f"Bericht {number}" in last.text for number in range(9))
    for number in range(9):
        article = Article.objects.get(title=f"Artikel {number}")
        link = reverse("helprequests:track-article", args=[question.tracking_token, article.pk])
        assert f'<a href="{link}">Artikel {number}</a>' in last.text
    assert "Past na 9 berichten." in last.text and offering.title in last.text


def test_the_tracking_page_is_never_kept_by_a_browser_or_a_proxy(client, desk):
    response = tracking(client, submit_request(desk))
    assert {"private", "no-store", "no-cache"} <= {
        part.strip() for part in response["Cache-Control"].split(",")
    }


def test_a_refused_message_shows_what_was_sent_beside_the_empty_forms(client, desk):
    question = submit_request(desk)
    url = reverse("helprequests:track", args=[question.tracking_token])
    empty = tracking(client, question).text
    refused = client.post(url, {"action": "reply", "body": "x" * 5001})
    assert refused.status_code == 400
    assert "x" * 5001 in refused.text
    assert "x" * 5001 not in tracking(client, question).text
    # The withdraw form is the same as on a page without a refused form.
    withdraw = empty[empty.index('name="action" value="withdraw"') :]
    assert withdraw[: withdraw.index("</form>")] in refused.text
