"""Signing in on the provider's page with an e-mailed code: the code works once, for ten
minutes, not after five wrong tries; only a contact person of an organisation gets one; asking
for codes is limited."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from freezegun import freeze_time

from sportloket.portal import services
from sportloket.portal.models import SignInCode
from sportloket.registry.tests.factories import PersonRoleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary(desk):
    return PersonRoleFactory.for_desk(desk, person__email="Secretaris@Club.example.org")


def sent_code() -> str:
    return re.search(r"\b(\d{8})\b", mail.outbox[-1].body).group(1)


def ask(email="secretaris@club.example.org", address="10.0.0.1"):
    services.code_request(email=email, network_address=address)


def test_a_code_works_once(secretary):
    ask()
    assert mail.outbox[-1].to == ["secretaris@club.example.org"]
    code = sent_code()
    assert SignInCode.objects.get().code_hash != code  # only its keyed hash is stored
    assert services.code_verify(email="SECRETARIS@club.example.org", code=code) == (
        "secretaris@club.example.org"
    )
    with pytest.raises(ValidationError, match="niet meer geldig"):
        services.code_verify(email="secretaris@club.example.org", code=code)


def test_a_code_expires_after_ten_minutes(secretary):
    with freeze_time("2026-12-07 10:00"):
        ask()
        code = sent_code()
    with freeze_time("2026-12-07 10:09:59"):
        ask(address="10.0.0.2")  # a new code ends the one before
        newer = sent_code()
        with pytest.raises(ValidationError):
            services.code_verify(email="secretaris@club.example.org", code=code)
    with (
        freeze_time("2026-12-07 10:20:00"),
        pytest.raises(ValidationError, match="niet meer geldig"),
    ):
        services.code_verify(email="secretaris@club.example.org", code=newer)


def test_a_code_is_refused_after_five_wrong_tries(secretary):
    ask()
    code = sent_code()
    wrong = f"{(int(code) + 1) % 100_000_000:08d}"
    for attempt in range(1, 6):
        with pytest.raises(ValidationError) as refused:
            services.code_verify(email="secretaris@club.example.org", code=wrong)
        expected = "Te veel" if attempt == 5 else "niet juist"
        assert expected in str(refused.value)
    with pytest.raises(ValidationError, match="Te veel"):
        services.code_verify(email="secretaris@club.example.org", code=code)
    assert SignInCode.objects.get().attempts == 5


def test_nobody_without_a_current_role_gets_a_code(desk, secretary):
    PersonRoleFactory.for_desk(
        desk, person__email="oud@club.example.org", end_on=secretary.created_at.date() - timedelta(days=1),
        start_on=secretary.created_at.date() - timedelta(days=400),
    )  # fmt: skip
    ask(email="onbekend@example.org")
    ask(email="oud@club.example.org")
    assert mail.outbox == []
    assert not SignInCode.objects.exists()
    with pytest.raises(ValidationError):
        services.code_verify(email="onbekend@example.org", code="000000")


def test_asking_for_codes_is_limited_per_address(secretary):
    for _ in range(3):
        ask()
    with pytest.raises(services.TooManyRequests):
        ask()


def test_the_pages_sign_in_and_the_same_answer_for_unknown_addresses(client, secretary):
    url = reverse("portal:sign-in")
    unknown = client.post(url, {"email": "onbekend@example.org"})
    assert unknown.status_code == 302 and unknown.url == reverse("portal:code")
    known = client.post(url, {"email": "secretaris@club.example.org"})
    assert known.url == unknown.url  # nobody learns which addresses are known
    page = client.get(reverse("portal:code"))
    assert "secretaris@club.example.org" in page.content.decode()
    wrong = client.post(reverse("portal:code"), {"code": "12"})
    assert wrong.status_code == 400
    assert "niet juist" in wrong.content.decode()  # next to the field, in Dutch
    done = client.post(reverse("portal:code"), {"code": sent_code()})
    assert done.url == reverse("portal:home")
    home = client.get(reverse("portal:home"))
    assert home.url == reverse("portal:organisation", args=[secretary.organisation_id])
    assert client.get(home.url).status_code == 200
    client.post(reverse("portal:sign-out"))
    assert client.get(home.url).url.startswith(reverse("portal:sign-in"))


def test_an_empty_address_is_refused_next_to_the_field(client):
    page = client.post(reverse("portal:sign-in"), {"email": "geen-adres"})
    assert page.status_code == 400
    assert page.context["form"]["email"].value() == "geen-adres"
    assert page.context["form"].errors["email"]


def test_signing_in_leads_back_to_the_page_asked_for(client, secretary):
    page = reverse("portal:data", args=[secretary.organisation_id])
    sign_in = client.get(page)
    form = client.get(sign_in.url)
    assert form.context["next"] == page
    to_code = client.post(sign_in.url, {"email": "secretaris@club.example.org", "next": page})
    done = client.post(to_code.url, {"code": sent_code(), "next": page})
    assert done.url == page
    outside = client.get(reverse("portal:sign-in"), {"next": "https://elders.example.org/"})
    assert outside.url == reverse("portal:home")  # signed in: never to another site


def test_ten_wrong_tries_in_a_day_over_several_codes_stop_signing_in_for_the_day(secretary):
    with freeze_time("2026-12-07 10:00") as clock:
        for _ in range(2):
            ask(address="10.0.0.9")
            code = sent_code()
            wrong = f"{(int(code) + 1) % 100_000_000:08d}"
            for _ in range(5):
                with pytest.raises(ValidationError):
                    services.code_verify(email="secretaris@club.example.org", code=wrong)
            clock.tick(16 * 60)  # the next quarter of an hour: a new code may be asked
        with pytest.raises(services.TooManyRequests):
            ask(address="10.0.0.10")
        with pytest.raises(ValidationError, match="morgen"):
            services.code_verify(email="secretaris@club.example.org", code=code)


def test_an_ipv6_network_counts_as_one():
    assert services._network("2001:db8:1:2::5") == services._network("2001:db8:1:2:ffff::1")
    assert services._network("2001:db8:1:3::5") != services._network("2001:db8:1:2::5")
    assert services._network("192.0.2.7") == "192.0.2.7"
