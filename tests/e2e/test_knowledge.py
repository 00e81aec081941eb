"""The knowledge base in a real browser: a coordinator writes a public article with a theme; an
anonymous visitor on a 375 px phone finds it on the desk's public knowledge page, also by a
word of its text; the coordinator finds it on a question's articles page and sends it with a
message (a refused one first), and the provider's tracking page links it. axe-core checks every
page visited.

Elements are found by field ids, addresses and the data the test made; where a text is used it
is the Dutch one ("Opslaan", "Openbaar")."""

import re

import pytest
from playwright.sync_api import expect

from sportloket.core.tests.factories import LoketFactory, MembershipFactory, ThemeFactory
from sportloket.helprequests.tests.factories import submit_request
from sportloket.knowledge.models import Article
from sportloket.testing.browser import assert_accessible, assert_fits_a_phone
from tests.e2e.test_pages import sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def houten():
    desk = LoketFactory(slug="houten", name="Sportloket Houten")
    ThemeFactory(loket=desk, key="volunteers", name="Vrijwilligers", position=1)
    return desk


def write_article(page, desk):
    page.goto(f"/{desk.slug}/knowledge/")
    assert_accessible(page)
    page.locator(f'a[href="/{desk.slug}/knowledge/new/"]').click()
    expect(page).to_have_url(re.compile(rf"/{desk.slug}/knowledge/new/$"))
    assert_accessible(page)
    page.locator("#id_title").fill("Vrijwilligers werven voor de jeugd")
    page.locator("#id_summary").fill("Vijf stappen die werken.")
    page.locator("#id_body").fill(
        "## Begin klein\n\nVraag ouders om een **klus van een uur**: de kantinedienst "
        "bijvoorbeeld.\n\n<script>alert('x')</script>"
    )
    page.get_by_label("Vrijwilligers").check()
    page.get_by_label("Openbaar").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page).to_have_url(re.compile(rf"/{desk.slug}/knowledge/\d+/$"))
    expect(page.locator("h1")).to_have_text("Vrijwilligers werven voor de jeugd")
    expect(page.locator(".article-body strong")).to_have_text("klus van een uur")
    expect(page.locator(".article-body script")).to_have_count(0)
    assert_accessible(page)
    return Article.objects.get()


def test_a_public_article_is_found_and_sent_as_an_answer(page, phone_page, live_server, houten):
    coordinator = MembershipFactory(loket=houten, coordinator=True).user
    sign_in_as(page, live_server, coordinator)
    article = write_article(page, houten)

    # An anonymous visitor on a phone finds it, also by a word of the text.
    visitor = phone_page
    visitor.goto(f"/{houten.slug}/")
    visitor.locator(f'a[href="/{houten.slug}/kennis/"]').first.click()
    expect(visitor).to_have_url(re.compile(rf"/{houten.slug}/kennis/$"))
    expect(visitor.get_by_role("link", name="Vrijwilligers werven voor de jeugd")).to_be_visible()
    assert_accessible(visitor)
    assert_fits_a_phone(visitor)
    visitor.locator("#id_q").fill("kantinedienst")
    visitor.get_by_role("button", name="Zoeken").click()
    expect(visitor).to_have_url(re.compile(r"\?q=kantinedienst"))
    visitor.get_by_role("link", name="Vrijwilligers werven voor de jeugd").click()
    expect(visitor).to_have_url(re.compile(rf"/{houten.slug}/kennis/{article.pk}/$"))
    expect(visitor.locator(".article-body strong")).to_have_text("klus van een uur")
    assert_accessible(visitor)
    assert_fits_a_phone(visitor)

    # The coordinator sends it with a message on a question, from the question's articles
    # page: found by a word of its text, ticked, the message's lead-in changed.
    question = submit_request(houten)
    page.goto(f"/{houten.slug}/requests/{question.pk}/")
    expect(page.locator("#id_message-articles")).to_have_count(0)
    page.get_by_role("link", name="Kennisartikel sturen").click()
    expect(page).to_have_url(re.compile(rf"/requests/{question.pk}/articles/$"))
    expect(page.locator("h1")).to_have_text("Kennisartikel sturen")
    assert_accessible(page)
    page.locator("#id_q").fill("kantinedienst")
    page.get_by_role("button", name="Zoeken").click()
    expect(page).to_have_url(re.compile(r"\?q=kantinedienst"))
    page.get_by_label("Vrijwilligers werven voor de jeugd").check()
    page.get_by_role("button", name="Aangevinkte artikelen kiezen").click()
    expect(page).to_have_url(re.compile(rf"article={article.pk}"))
    body = page.locator("#id_message-body")
    expect(body).to_have_value(re.compile(r"^Misschien helpt dit artikel je verder\."))
    expect(page.locator("#id_message-articles input")).to_be_checked()
    assert_accessible(page)
    # Sent without a body: the same page, the article still ticked, the error at the field.
    body.fill("")
    page.get_by_role("button", name="Bericht versturen").click()
    expect(page.locator("#id_message-body_error")).to_be_visible()
    expect(page.locator("h1")).to_have_text("Kennisartikel sturen")
    expect(page.locator("#id_message-articles input")).to_be_checked()
    assert_accessible(page)
    body.fill("Misschien helpt dit artikel u verder.")
    page.get_by_role("button", name="Bericht versturen").click()
    expect(page).to_have_url(re.compile(rf"/requests/{question.pk}/$"))
    expect(page.get_by_role("link", name="Vrijwilligers werven voor de jeugd")).to_be_visible()
    message = question.messages.get()
    assert message.articles.get() == article
    assert message.body == "Misschien helpt dit artikel u verder."

    # The provider's tracking page links it; the link opens the article.
    visitor.goto(f"/t/{question.tracking_token}/")
    link = visitor.get_by_role("link", name="Vrijwilligers werven voor de jeugd")
    expect(link).to_be_visible()
    assert_accessible(visitor)
    link.click()
    expect(visitor).to_have_url(re.compile(rf"/t/{question.tracking_token}/kennis/{article.pk}/$"))
    expect(visitor.locator("h1")).to_have_text("Vrijwilligers werven voor de jeugd")
    assert_accessible(visitor)
    assert_fits_a_phone(visitor)
