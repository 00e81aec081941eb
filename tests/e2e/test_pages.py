"""The desk's pages and the error pages, checked with axe-core in Chromium."""

import re

import pytest
from playwright.sync_api import expect

from sportloket.core.errors import server_error
from sportloket.core.tests.factories import LoketFactory, MembershipFactory
from sportloket.testing.browser import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in_as(page, live_server, user):
    """Signs the browser in with a session made on the server (the login flow has its own test)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "allauth.account.auth_backends.AuthenticationBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session.session_key,
                "url": live_server.url,
            }
        ]
    )


def test_desk_pages_are_accessible_and_the_team_flow_works(page, live_server):
    desk = LoketFactory(slug="zuid", name="Sportloket Zuid")
    coordinator = MembershipFactory(loket=desk, coordinator=True)
    MembershipFactory(loket=desk, supporter=True, user__full_name="Sanne de Boer")
    sign_in_as(page, live_server, coordinator.user)

    page.goto("/zuid/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sportloket Zuid")
    assert_accessible(page)

    page.get_by_role("navigation", name="Loketmenu").get_by_role("link", name="Team").click()
    expect(page.get_by_role("cell", name="Sanne de Boer")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Persoon toevoegen").click()
    page.get_by_label("E-mailadres").fill("geen-adres")
    page.get_by_label("Volledige naam").fill("Kees Klaassen")
    page.get_by_label("Rol").select_option("partner")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_label("Volledige naam")).to_have_value("Kees Klaassen")
    assert_accessible(page)

    page.get_by_label("E-mailadres").fill("kees@example.org")
    page.get_by_label("Soort partner").select_option("fund")
    page.get_by_label("Namens (organisatie)").fill("Rabo ClubSupport")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page).to_have_url(re.compile(r"/zuid/team/$"))
    expect(page.get_by_role("cell", name="Kees Klaassen")).to_be_visible()

    page.get_by_role("link", name="Kees Klaassen").click()
    history = page.get_by_role("region", name="Geschiedenis")
    expect(history).to_contain_text(f"{coordinator.user} · aangemaakt")
    expect(history).to_contain_text("Rabo ClubSupport")
    assert_accessible(page)

    page.goto("/zuid/settings/")
    assert_accessible(page)
    page.get_by_role("link", name="Thema's van vragen").click()
    page.get_by_label("Naam").fill("Sportakkoord")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_role("link", name="Sportakkoord")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Sportakkoord").click()
    page.get_by_label("In gebruik (staat op het vraagformulier)").uncheck()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("row", name=re.compile("Sportakkoord"))).to_contain_text("nee")
    assert_accessible(page)
    page.goto("/zuid/")
    assert_accessible(page)


def test_the_team_filter_works_with_and_without_javascript(browser, live_server, transactional_db):
    desk = LoketFactory(slug="midden")
    coordinator = MembershipFactory(loket=desk, coordinator=True)
    MembershipFactory(loket=desk, supporter=True, user__full_name="Sanne de Boer")
    MembershipFactory(loket=desk, user__full_name="Victor Visser")
    for javascript in (True, False):
        context = browser.new_context(base_url=live_server.url, java_script_enabled=javascript)
        page = context.new_page()
        sign_in_as(page, live_server, coordinator.user)
        page.goto("/midden/team/")
        page.get_by_label("Zoek op naam of e-mail").fill("victor")
        page.get_by_role("button", name="Filteren").click()
        expect(page.get_by_role("cell", name="Victor Visser")).to_be_visible()
        expect(page.get_by_role("cell", name="Sanne de Boer")).to_have_count(0)
        context.close()


def test_error_pages_are_accessible(page, live_server):
    desk = LoketFactory(slug="fout")
    supporter = MembershipFactory(loket=desk, supporter=True)
    sign_in_as(page, live_server, supporter.user)

    response = page.goto("/fout/settings/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_contain_text("geen toegang")
    assert_accessible(page)

    response = page.goto("/bestaat-niet/dashboard/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_contain_text("bestaat niet")
    assert_accessible(page)

    response = page.goto("/fout/organisations/?q=%00")
    assert response.status == 400
    expect(page.get_by_role("heading", level=1)).to_contain_text("niet lezen")
    assert_accessible(page)

    html = server_error(None).content.decode()
    page.route(
        "**/kapot/",
        lambda route: route.fulfill(status=500, body=html, content_type="text/html"),
    )
    response = page.goto("/kapot/")
    assert response.status == 500
    expect(page.get_by_role("heading", level=1)).to_contain_text("ging bij ons iets mis")
    assert_accessible(page)


def test_the_layout_works_on_a_phone(phone_page, live_server):
    desk = LoketFactory(slug="mobiel", name="Sportloket Mobiel")
    coordinator = MembershipFactory(loket=desk, coordinator=True)
    sign_in_as(phone_page, live_server, coordinator.user)
    phone_page.goto("/mobiel/team/")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page scrolls sideways on a phone ({width}px wide)"
    assert_accessible(phone_page)


def test_start_page_national_overview_and_end_confirmation_are_accessible(page, live_server):
    from sportloket.accounts.tests.factories import UserFactory

    desk = LoketFactory(slug="rand", name="Sportloket Rand")
    coordinator = MembershipFactory(loket=desk, coordinator=True)
    supporter = MembershipFactory(loket=desk, supporter=True, user__full_name="Sem Smit")

    page.goto("/")
    expect(page.get_by_role("link", name="Sportloket Rand")).to_be_visible()
    assert_accessible(page)

    sign_in_as(page, live_server, coordinator.user)
    page.goto(f"/rand/team/{supporter.pk}/")
    page.get_by_role("link", name="Lidmaatschap beëindigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lidmaatschap beëindigen")
    assert_accessible(page)
    page.get_by_role("button", name="Lidmaatschap beëindigen").click()
    expect(page.locator(".messages")).to_contain_text("Het lidmaatschap van Sem Smit is beëindigd")
    expect(page.get_by_role("cell", name="Sem Smit")).to_have_count(0)

    page.context.clear_cookies()
    sign_in_as(page, live_server, UserFactory(national=True))
    page.goto("/national/")
    expect(page.get_by_role("rowheader", name="Sportloket Rand")).to_be_visible()
    assert_accessible(page)


def test_a_coordinator_chooses_a_daily_summary_of_new_questions(page, live_server):
    from sportloket.core.constants import RequestMail

    desk = LoketFactory(slug="post", name="Sportloket Post")
    coordinator = MembershipFactory(loket=desk, coordinator=True)
    sign_in_as(page, live_server, coordinator.user)
    page.goto("/post/requests/")
    page.get_by_role("link", name="E-mail over nieuwe vragen").click()
    assert_accessible(page)
    page.get_by_label("Eén e-mail per dag met de nieuwe vragen").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".messages")).to_contain_text("Je keuze is opgeslagen")
    expect(page.get_by_label("Eén e-mail per dag met de nieuwe vragen")).to_be_checked()
    assert_accessible(page)
    coordinator.refresh_from_db()
    assert coordinator.request_mail == RequestMail.DAILY
