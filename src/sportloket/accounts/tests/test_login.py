from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from freezegun import freeze_time

from sportloket.accounts.models import User
from sportloket.accounts.tests.factories import TEST_PASSWORD, UserFactory, add_totp
from sportloket.core.tests.factories import MembershipFactory
from sportloket.testing.totp import totp_code

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def login(client, email, password):
    return client.post(LOGIN, {"login": email, "password": password})


def test_login_by_email_and_password(client):
    user = UserFactory(email="viewer@example.org")
    response = login(client, "Viewer@Example.org", TEST_PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_wrong_password_shows_a_dutch_error_and_keeps_the_email(client):
    UserFactory(email="viewer@example.org")
    response = login(client, "viewer@example.org", "wrong password")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Het door jou opgegeven e-mailadres en/of wachtwoord is niet correct." in response.text
    assert 'value="viewer@example.org"' in response.text


def test_five_wrong_passwords_lock_the_account_for_a_while(client):
    UserFactory(email="target@example.org")
    for _ in range(5):
        login(client, "target@example.org", "guess")
    # Even the right password is refused while the account is locked.
    locked = login(client, "target@example.org", TEST_PASSWORD)
    assert locked.status_code == 429
    assert "tijdelijk geblokkeerd" in locked.text
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get(username="target@example.org").failures_since_start >= 5

    with freeze_time(timedelta(minutes=16), tick=True):
        unlocked = login(client, "target@example.org", TEST_PASSWORD)
        assert unlocked.status_code == 302
        assert "_auth_user_id" in client.session


def test_four_wrong_passwords_do_not_lock(client):
    UserFactory(email="typo@example.org")
    for _ in range(4):
        login(client, "typo@example.org", "guess")
    assert login(client, "typo@example.org", TEST_PASSWORD).status_code == 302


def test_the_lock_is_per_account_not_per_office(client):
    UserFactory(email="target@example.org")
    UserFactory(email="colleague@example.org")
    for _ in range(5):
        login(client, "target@example.org", "guess")
    assert login(client, "colleague@example.org", TEST_PASSWORD).status_code == 302


def test_coordinator_logs_in_with_password_and_totp(client, desk):
    member = MembershipFactory(loket=desk, coordinator=True, with_totp=False)
    secret = add_totp(member.user)
    response = login(client, member.user.email, TEST_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session  # not signed in before the second step

    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "_auth_user_id" not in client.session
    assert wrong.status_code == 200

    done = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert done.status_code == 302
    assert client.session["_auth_user_id"] == str(member.user.pk)
    assert client.get(reverse("dashboard:desk", args=[desk.slug])).status_code == 200


@pytest.mark.parametrize("trait", ["coordinator", "supporter"])
def test_staff_without_second_factor_are_sent_to_set_it_up(client, desk, trait):
    member = MembershipFactory(loket=desk, with_totp=False, **{trait: True})
    assert login(client, member.user.email, TEST_PASSWORD).status_code == 302
    response = client.get(reverse("dashboard:desk", args=[desk.slug]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
    # allauth asks for the password once more before a device may be added.
    setup = client.get(reverse("mfa_activate_totp"), follow=True)
    assert setup.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    setup = client.get(reverse("mfa_activate_totp"))
    assert setup.status_code == 200
    assert "Activeer authenticator-app" in setup.text


@pytest.mark.parametrize(
    "traits", [{"partner": True}, {"role": "supporter", "ended": True}], ids=["partner", "ended"]
)
def test_partners_and_former_staff_are_not_forced_to_set_up_a_second_factor(client, desk, traits):
    member = MembershipFactory(loket=desk, with_totp=False, **traits)
    client.force_login(member.user)
    response = client.get(reverse("core:home"))
    assert not response.get("Location", "").startswith(reverse("mfa_activate_totp"))


def test_the_requirement_can_be_switched_off_for_the_demo(client, desk, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    member = MembershipFactory(loket=desk, coordinator=True, with_totp=False)
    client.force_login(member.user)
    assert client.get(reverse("dashboard:desk", args=[desk.slug])).status_code == 200


def test_signup_is_closed(client):
    response = client.get(reverse("account_signup"))
    assert "Registratie gesloten" in response.text
    client.post(
        reverse("account_signup"),
        {
            "email": "new@example.org",
            "password1": "a long passphrase",
            "password2": "a long passphrase",
        },
    )
    assert not User.objects.filter(email="new@example.org").exists()


def test_password_reset_sends_an_email(client, mailoutbox):
    UserFactory(email="forgot@example.org")
    response = client.post(reverse("account_reset_password"), {"email": "forgot@example.org"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "/accounts/password/reset/key/" in mailoutbox[0].body


def test_the_admin_signs_in_through_allauth(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_technical_administrators_need_a_second_factor_too(client):
    admin_user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
    add_totp(admin_user)
    assert client.get("/admin/").status_code == 200


def test_account_changes_are_audited_without_secrets(desk, coordinator):
    from auditlog.models import LogEntry

    from sportloket.core.services import user_get_or_create

    user, created = user_get_or_create(email="nieuw@example.org", actor=coordinator)
    assert created
    entry = LogEntry.objects.get_for_object(user).get()
    assert entry.actor == coordinator
    assert "email" in entry.changes_dict
    assert "password" not in entry.changes_dict


def test_guessing_the_second_factor_is_limited(client, desk):
    member = MembershipFactory(loket=desk, coordinator=True, with_totp=False)
    secret = add_totp(member.user)
    login(client, member.user.email, TEST_PASSWORD)
    for _ in range(6):
        client.post(reverse("mfa_authenticate"), {"code": "000000"})
    refused = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert "_auth_user_id" not in client.session
    assert "Te veel inlogpogingen" in refused.text


def test_a_desk_slug_that_starts_like_an_open_path_is_still_guarded(client):
    from sportloket.core.tests.factories import LoketFactory

    desk = LoketFactory(slug="healthzorg")
    member = MembershipFactory(loket=desk, coordinator=True, with_totp=False)
    client.force_login(member.user)
    response = client.get(reverse("dashboard:desk", args=[desk.slug]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
    assert client.get("/healthz").status_code == 200


def test_a_recovery_code_replaces_a_lost_phone_once(client, desk):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    member = MembershipFactory(loket=desk, coordinator=True)
    code = RecoveryCodes.activate(member.user).get_unused_codes()[0]
    login(client, member.user.email, TEST_PASSWORD)
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert client.session["_auth_user_id"] == str(member.user.pk)

    client.logout()
    login(client, member.user.email, TEST_PASSWORD)
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert "_auth_user_id" not in client.session  # each code works once


def test_a_code_typed_at_the_turn_of_a_period_is_accepted_but_not_an_older_one():
    import time

    from allauth.mfa.totp.internal.auth import validate_totp_code

    from sportloket.testing.totp import totp_code

    secret = "JBSWY3DPEHPK3PXP"
    now = time.time()
    assert validate_totp_code(secret, totp_code(secret, at=now - 30))
    assert not validate_totp_code(secret, totp_code(secret, at=now - 90))
