"""Browser fixtures: Debian's Chromium, driven by Playwright, against pytest-django's live server.

Without Chromium the browser tests are skipped locally, and fail under CI=true: a missing
browser must never turn into a green build.
"""

import os

import pytest

from sportloket.testing.browser import CHROMIUM, CHROMIUM_ARGS, chromium_available


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not chromium_available():
        message = (
            f"Chromium not found at {CHROMIUM}: run `make test` (it installs Debian's chromium)."
        )
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, transactional_db):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server, transactional_db):
    """A small touch screen, for the responsive layout."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="nl-NL",
        viewport={"width": 375, "height": 740},
        is_mobile=True,
        has_touch=True,
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _no_wait_on_the_question_form(settings):
    """The live server runs in this process: the form's minimum fill time (tested by the intake
    tests) need not cost every browser test its seconds."""
    settings.INTAKE_MIN_FILL_SECONDS = 0


@pytest.fixture(autouse=True)
def _reference_data(reference_data):
    """Browser tests run against a live server, so their database is emptied after each test
    (a flush), which also removes the reference data the migrations loaded."""


@pytest.fixture(autouse=True)
def _mail_through_the_queue(queued_mail):
    """The live server sends e-mail as production does: queued with the change, delivered to
    the outbox when it commits (a decision that is refused leaves no e-mail behind)."""
