"""Signing in with password and TOTP, and the second-factor requirement, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from sportloket.accounts.tests.factories import TEST_PASSWORD, add_totp
from sportloket.core.tests.factories import LoketFactory, MembershipFactory
from sportloket.testing.browser import assert_accessible
from sportloket.testing.totp import totp_code

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page, email, password=TEST_PASSWORD):
    page.goto("/accounts/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()


def test_coordinator_signs_in_with_password_and_totp(page):
    desk = LoketFactory(slug="noord", name="Sportloket Noord")
    member = MembershipFactory(loket=desk, coordinator=True, with_totp=False)
    secret = add_totp(member.user)

    page.goto("/accounts/login/")
    expect(page).to_have_title(re.compile("Inloggen"))
    assert_accessible(page)

    sign_in(page, member.user.email)
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
    assert_accessible(page)

    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Aanmelden").click()
    expect(page).to_have_url(re.compile(r"/noord/dashboard/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sportloket Noord")
    assert_accessible(page)


def test_a_wrong_password_keeps_the_email_and_five_lock_the_account(page):
    member = MembershipFactory(loket=LoketFactory(slug="oost"), coordinator=True)
    sign_in(page, member.user.email, password="niet mijn wachtwoord")
    expect(page.get_by_role("alert")).to_contain_text("niet correct")
    expect(page.get_by_label("E-mailadres")).to_have_value(member.user.email)
    assert_accessible(page)

    for _ in range(4):
        sign_in(page, member.user.email, password="nog steeds fout")
    expect(page.get_by_role("heading", level=1)).to_have_text("Account tijdelijk geblokkeerd")
    assert_accessible(page)


def test_a_supporter_without_second_factor_is_sent_to_set_one_up(page):
    desk = LoketFactory(slug="west", name="Sportloket West")
    member = MembershipFactory(loket=desk, supporter=True, with_totp=False)
    sign_in(page, member.user.email)
    # allauth confirms the password once more before a device may be added.
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/"))
    assert_accessible(page)
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Bevestigen").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/"))
    assert_accessible(page)

    # Dashboard stays out of reach until a device is set up.
    page.goto("/west/dashboard/")
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/"))

    # Set up the authenticator app with the secret shown on the page.
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activeer").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/recovery-codes/"))
    codes = page.locator("#recovery_codes").input_value().split()
    assert len(codes) == 10
    assert_accessible(page)

    page.goto("/west/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sportloket West")
