"""The page that sends knowledge articles on a question: the articles the desk may send,
searched by words and a theme a page at a time; for the ones chosen, a message with a lead-in
and the articles ticked, posted to the question's message action; refused, the page again
with what was typed and the errors beside the fields. For whoever may send a message; a fixed
number of queries however many articles."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from sportloket.core.constants import Role
from sportloket.core.tests.factories import MembershipFactory
from sportloket.helprequests import services
from sportloket.helprequests.models import Message
from sportloket.helprequests.tests.factories import (
    action_url,
    articles_page_url,
    send_articles_from_page,
    submit_request,
)
from sportloket.helprequests.views.request_articles import PAGE_SIZE
from sportloket.knowledge.tests.factories import ArticleFactory, DeskFollowFactory
from sportloket.testing.html import squashed
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

CHECKBOX = re.compile(r'<input type="checkbox" name="message-articles" value="(\d+)"[^>]*>')


def ticked(html) -> set[int]:
    return {int(m[1]) for m in CHECKBOX.finditer(html) if " checked" in m[0]}


def offered(html) -> set[int]:
    return {int(m[1]) for m in CHECKBOX.finditer(html)}


def listed(html) -> set[int]:
    return {
        int(pk) for pk in re.findall(r'<input type="checkbox" name="article" value="(\d+)"', html)
    }


def test_the_question_page_links_the_page_and_offers_no_article_choice(coordinator_client, desk):
    question = submit_request(desk)
    ArticleFactory(loket=desk, title="Vrijwilligers vinden")
    page = coordinator_client.get(
        reverse("helprequests:request-detail", args=[desk.slug, question.pk])
    ).text
    assert f'<a href="{articles_page_url(question)}">Kennisartikel sturen</a>' in page
    assert "message-articles" not in page
    assert "Vrijwilligers vinden" not in page
    assert 'name="message-body"' in page


def test_the_page_lists_what_the_desk_may_send_by_words_and_theme(
    coordinator_client, desk, other_desk
):
    question = submit_request(desk)
    volunteers = ArticleFactory(
        loket=desk, title="Vrijwilligers vinden", body="Vraag ouders.", theme_keys=["volunteers"]
    )
    money = ArticleFactory(loket=desk, title="Contributie innen", theme_keys=["finances"])
    draft = ArticleFactory(loket=desk, draft=True)
    followed = ArticleFactory(loket=other_desk, shared=True, body="Ouders helpen mee.")
    not_shared = ArticleFactory(loket=other_desk)
    DeskFollowFactory(follower=desk, followed=other_desk)

    def shown(**query):
        response = coordinator_client.get(articles_page_url(question), query)
        assert response.status_code == 200
        return listed(response.text)

    assert shown() == {volunteers.pk, money.pk, followed.pk}
    assert draft.pk not in shown() and not_shared.pk not in shown()
    assert shown(q="ouders") == {volunteers.pk, followed.pk}
    assert shown(theme="finances") == {money.pk}
    assert shown(q="ouders", theme="volunteers") == {volunteers.pk}
    page = coordinator_client.get(articles_page_url(question), {"q": "zeilen"}).text
    assert "Geen artikel past bij deze filters." in page
    assert "message-body" not in page  # nothing chosen yet: no message form


def test_chosen_articles_come_ticked_in_a_message_with_a_lead_in(coordinator_client, desk):
    question = submit_request(desk)
    one, two = ArticleFactory(loket=desk), ArticleFactory(loket=desk)
    page = coordinator_client.get(articles_page_url(question, [one, two])).text
    assert ticked(page) == offered(page) == {one.pk, two.pk}
    assert "Misschien helpen deze artikelen je verder." in page
    assert ticked(page) <= listed(page)
    action = f'action="{action_url(question, "message")}?article={one.pk}&amp;article={two.pk}"'
    assert action in page
    single = coordinator_client.get(articles_page_url(question, [one])).text
    assert "Misschien helpt dit artikel je verder." in single
    # Chosen in another search: kept (hidden) when the list's choice is sent again.
    other_search = coordinator_client.get(articles_page_url(question, [one]) + "&q=nergens").text
    assert f'<input type="hidden" name="article" value="{one.pk}">' in other_search


def test_an_article_another_desk_keeps_to_itself_is_never_offered(
    coordinator_client, desk, other_desk
):
    question = submit_request(desk)
    hidden = ArticleFactory(loket=other_desk, title="Alleen voor Beta")
    page = coordinator_client.get(articles_page_url(question, [hidden])).text
    assert "Alleen voor Beta" not in page
    assert "message-body" not in page


def test_the_message_is_sent_with_its_articles_and_the_question_page_follows(
    coordinator_client, desk
):
    question = submit_request(desk)
    article = ArticleFactory(loket=desk, title="Vrijwilligers vinden")
    response = send_articles_from_page(coordinator_client, question, [article])
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "helprequests:request-detail", args=[desk.slug, question.pk]
    )
    message = Message.objects.get()
    assert message.body.startswith("Misschien helpt dit artikel je verder.")
    assert list(message.articles.all()) == [article]
    question.refresh_from_db()
    assert question.first_response_at is not None  # a message like any other


def test_a_refused_message_comes_back_with_what_was_typed_and_the_errors(coordinator_client, desk):
    question = submit_request(desk)
    one, two = ArticleFactory(loket=desk), ArticleFactory(loket=desk)
    url = f"{action_url(question, 'message')}?article={one.pk}&article={two.pk}"

    nothing_ticked = coordinator_client.post(url, {"message-body": "Mijn eigen woorden"})
    assert nothing_ticked.status_code == 400
    page = squashed(nothing_ticked.text)
    assert "<h1>Kennisartikel sturen</h1>" in page
    assert "Mijn eigen woorden</textarea>" in page
    assert offered(page) == {one.pk, two.pk} and not ticked(page)
    assert (
        '<ul class="errorlist" id="id_message-articles_error">'
        "<li>Vink ten minste één artikel aan om te versturen.</li>"
    ) in page

    no_body = coordinator_client.post(url, {"message-body": " ", "message-articles": [two.pk]})
    assert no_body.status_code == 400
    page = squashed(no_body.text)
    assert '<ul class="errorlist" id="id_message-body_error">' in page
    assert ticked(page) == {two.pk}
    assert not Message.objects.exists()


def test_only_who_may_send_a_message_opens_the_page(client, desk, coordinator):
    question = submit_request(desk)
    supporter = MembershipFactory(loket=desk, supporter=True)
    client.force_login(supporter.user)
    assert client.get(articles_page_url(question)).status_code == 403  # not theirs
    services.request_assign(help_request=question, membership=supporter, actor=coordinator)
    assert client.get(articles_page_url(question)).status_code == 200
    client.force_login(MembershipFactory(loket=desk, role=Role.VIEWER).user)
    assert client.get(articles_page_url(question)).status_code == 403


def test_another_desks_question_is_not_found(coordinator_client, other_desk):
    question = submit_request(other_desk)
    url = reverse("helprequests:request-articles", args=["alpha", question.pk])
    assert coordinator_client.get(url).status_code == 404


def test_the_page_takes_the_same_queries_however_many_articles(
    coordinator_client, desk, other_desk
):
    question = submit_request(desk)
    DeskFollowFactory(follower=desk, followed=other_desk)
    chosen = [ArticleFactory(loket=desk, theme_keys=["volunteers"])]

    def add(n):
        for i in range(n):
            chosen.append(ArticleFactory(loket=desk, theme_keys=["volunteers", "finances"]))
            ArticleFactory(loket=other_desk, shared=True, title=f"Gedeeld {i}")

    # The session, the user and the membership (3); the question with its assignment (1);
    # the desk's themes (1); the chosen articles (1); the list's count and page (2) and the
    # themes of its articles (1).
    first, last = assert_queries_do_not_grow(
        lambda: coordinator_client.get(articles_page_url(question, chosen[:3]) + "&q=werven"),
        add,
        more=PAGE_SIZE,
        max_queries=9,
    )
    assert len(listed(first.text)) == 1
    assert len(listed(last.text)) == PAGE_SIZE and len(offered(last.text)) == 3
    # The next page keeps the search and the choice.
    next_page = re.search(r'<a href="([^"]+)" rel="next">', last.text)[1]
    assert "q=werven" in next_page and f"article={chosen[2].pk}" in next_page
    assert escape(chosen[2].title) in last.text
