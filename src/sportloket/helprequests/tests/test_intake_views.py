import datetime
import time

import pytest
from django.core import mail, signing
from django.urls import reverse

from sportloket.core import services as core_services
from sportloket.helprequests import services
from sportloket.helprequests.constants import RequestState as S
from sportloket.helprequests.forms import _STARTED_SALT, started_stamp
from sportloket.helprequests.models import HelpRequest
from sportloket.registry.tests.factories import (
    IntentDeclarationFactory,
    OrganisationFactory,
    ParticipationFactory,
)

pytestmark = pytest.mark.django_db


def asked(desk, **fields):
    """A question as the form would submit it (consent given)."""
    return services.request_submit(loket=desk, consents_to_processing=True, **fields)


def stamp(seconds_ago=30):
    return started_stamp(time.time() - seconds_ago)


def answers(**overrides):
    data = {
        "organisation_name": "Voetbalvereniging 't Goy",
        "contact_name": "Sanne Kuipers",
        "contact_email": "sanne@tgoy.nl",
        "question": "Wij zoeken een nieuwe penningmeester. Kunnen jullie helpen?",
        "urgency": "normal",
        "consents_to_processing": "on",
        "started": stamp(),
        "website": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def intake_url(desk):
    core_services.themes_prefill(loket=desk, actor=None)
    return reverse("helprequests:intake", args=[desk.slug])


def test_a_provider_asks_without_an_account_and_gets_a_tracking_link(
    client, desk, intake_url, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory.for_desk(desk, kvk_number="01234567")
    theme = desk.themes.get(name="Financiën")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            intake_url,
            answers(kvk_number="0123 4567", themes=[theme.pk], contact_phone="06 12345678"),
        )
    assert response.status_code == 200
    question = HelpRequest.objects.get()
    assert question.organisation == organisation
    assert question.contact_phone == "+31612345678"
    assert list(question.themes.all()) == [theme]
    assert question.state == S.SUBMITTED
    [to_provider] = [m for m in mail.outbox if m.to == ["sanne@tgoy.nl"]]
    link = reverse("helprequests:track", args=[question.tracking_token])
    assert link in to_provider.body
    assert link not in response.text  # the same thank-you page for everyone: the link is mailed


def test_errors_are_dutch_and_keep_what_was_typed(client, intake_url):
    response = client.post(
        intake_url, answers(contact_email="geen-adres", consents_to_processing="")
    )
    assert response.status_code == 400
    assert "Voer een geldig e-mailadres in." in response.text
    assert "Zonder je toestemming kan het loket je niet helpen." in response.text
    assert "Wij zoeken een nieuwe penningmeester" in response.text
    assert 'value="Sanne Kuipers"' in response.text
    assert not HelpRequest.objects.exists()


def test_a_filled_trap_gets_the_normal_thank_you_and_nothing_is_stored(client, intake_url):
    real = client.post(intake_url, answers(contact_email="echt@club.nl"))
    bot = client.post(intake_url, answers(website="http://spam.example"))
    assert bot.status_code == real.status_code == 200

    def main(response):  # the page body; the form tokens in the footer differ per response
        text = response.content.decode()
        return text[text.index("<main") : text.index("</main>")]

    assert main(bot) == main(real)
    assert HelpRequest.objects.count() == 1


@pytest.mark.parametrize("started", ["too fast", "missing", "forged"])
def test_a_suspicious_stamp_asks_to_send_again_and_keeps_the_answers(client, intake_url, started):
    stamp_value = {"too fast": stamp(seconds_ago=1), "missing": "", "forged": "x"}[started]
    response = client.post(intake_url, answers(started=stamp_value))
    assert response.status_code == 400
    assert "Controleer je antwoorden en verstuur ze opnieuw." in response.text
    assert "Wij zoeken een nieuwe penningmeester" in response.text
    assert 'value="Sanne Kuipers"' in response.text
    assert not HelpRequest.objects.exists()
    # The page carries a fresh stamp: sending again a little later works.
    fresh = response.context["form"].data["started"]
    assert fresh != stamp_value


def test_a_stamp_is_good_for_one_question(client, intake_url):
    once = stamp()
    assert client.post(intake_url, answers(started=once)).status_code == 200
    again = client.post(intake_url, answers(started=once, contact_email="ander@tgoy.nl"))
    assert again.status_code == 400
    assert "Controleer je antwoorden en verstuur ze opnieuw." in again.text
    assert 'value="ander@tgoy.nl"' in again.text  # nothing typed is lost
    assert HelpRequest.objects.count() == 1
    assert again.context["form"].data["started"] != once


def test_a_stamp_without_its_one_time_part_is_not_accepted(client, intake_url):
    old_style = signing.dumps({"t": time.time() - 30}, salt=_STARTED_SALT)
    assert client.post(intake_url, answers(started=old_style)).status_code == 400
    assert not HelpRequest.objects.exists()


def test_typing_mistakes_do_not_use_up_the_limit(client, intake_url):
    for _ in range(6):
        client.post(intake_url, answers(contact_email="fout"))
    assert client.post(intake_url, answers()).status_code == 200
    assert HelpRequest.objects.count() == 1


def test_intake_is_rate_limited_per_address(client, intake_url):
    for number in range(5):
        client.post(intake_url, answers(contact_email=f"p{number}@club.nl"))
    response = client.post(intake_url, answers(contact_email="p6@club.nl"))
    assert response.status_code == 429
    assert "veel vragen verstuurd" in response.text
    assert 'value="p6@club.nl"' in response.text
    assert HelpRequest.objects.count() == 5
    other = client.post(intake_url, answers(), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_intake_is_rate_limited_per_e_mail_address_too(client, intake_url):
    for number in range(5):
        client.post(intake_url, answers(), REMOTE_ADDR=f"10.0.1.{number}")
    response = client.post(intake_url, answers(contact_email="SANNE@tgoy.nl"),
                           REMOTE_ADDR="10.0.1.99")  # fmt: skip
    assert response.status_code == 429
    assert HelpRequest.objects.count() == 5


def test_a_token_opens_only_its_own_question(client, desk):
    first = asked(
        desk, organisation_name="A", contact_name="A", contact_email="a@a.nl", question="Vraag A"
    )
    second = asked(
        desk, organisation_name="B", contact_name="B", contact_email="b@b.nl", question="Vraag B"
    )
    page = client.get(reverse("helprequests:track", args=[first.tracking_token]))
    assert "Vraag A" in page.text and "Vraag B" not in page.text
    assert page["Referrer-Policy"] == "same-origin"
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    assert (
        client.get(reverse("helprequests:track", args=[second.tracking_token[:-1]])).status_code
        == 404
    )
    assert client.get(reverse("helprequests:track", args=["x" * 43])).status_code == 404


def test_the_provider_withdraws_and_then_can_do_nothing_more(client, desk):
    question = asked(
        desk, organisation_name="A", contact_name="A", contact_email="a@a.nl", question="Vraag"
    )
    url = reverse("helprequests:track", args=[question.tracking_token])
    assert "Vraag intrekken" in client.get(url).text
    client.post(url, {"action": "withdraw", "note": "Al opgelost"})
    question.refresh_from_db()
    assert question.state == S.WITHDRAWN
    page = client.get(url).text
    assert "Ingetrokken" in page and "Vraag intrekken" not in page


def test_the_provider_rates_completed_help(client, desk, coordinator):
    question = asked(
        desk, organisation_name="A", contact_name="A", contact_email="a@a.nl", question="Vraag"
    )
    for state in (S.TRIAGE, S.MATCHED, S.IN_PROGRESS, S.COMPLETED):
        question = services.request_move(help_request=question, to_state=state, actor=coordinator)
    url = reverse("helprequests:track", args=[question.tracking_token])
    bad = client.post(url, {"action": "rate", "rating": "9"})
    assert bad.status_code == 400
    client.post(url, {"action": "rate", "rating": "4", "comment": "Snel geholpen"})
    question.refresh_from_db()
    assert (question.state, question.rating, question.rating_comment) == (
        S.EVALUATED,
        4,
        "Snel geholpen",
    )


def test_only_reasons_meant_for_the_provider_show_on_the_tracking_page(client, desk, coordinator):
    question = asked(
        desk, organisation_name="A", contact_name="A", contact_email="a@a.nl", question="Vraag"
    )
    question = services.request_move(
        help_request=question, to_state=S.TRIAGE, actor=coordinator, note="intern: lastige club"
    )
    question = services.request_move(
        help_request=question,
        to_state=S.REJECTED,
        actor=coordinator,
        note="Valt buiten ons werkgebied",
    )
    page = client.get(reverse("helprequests:track", args=[question.tracking_token])).text
    assert "Valt buiten ons werkgebied" in page
    assert "lastige club" not in page


def test_the_provider_reads_why_this_support_was_chosen(client, desk, coordinator):
    question = asked(
        desk, organisation_name="A", contact_name="A", contact_email="a@a.nl", question="Vraag"
    )
    question = services.request_move(help_request=question, to_state=S.TRIAGE, actor=coordinator)
    question = services.request_move(
        help_request=question, to_state=S.MATCHED, actor=coordinator,
        note="De verenigingsadviseur van de KNVB past het best bij jullie vraag.",
    )  # fmt: skip
    page = client.get(reverse("helprequests:track", args=[question.tracking_token])).text
    assert "De verenigingsadviseur van de KNVB past het best bij jullie vraag." in page


def test_the_desk_mailbox_hears_of_a_new_question_without_its_content(
    desk, django_capture_on_commit_callbacks
):
    desk.email = "loket@alpha.nl"
    desk.save()
    with django_capture_on_commit_callbacks(execute=True):
        question = asked(
            desk,
            organisation_name="A",
            contact_name="Geheime Naam",
            contact_email="a@a.nl",
            question="Persoonlijke vraag",
        )
    [to_desk] = [m for m in mail.outbox if m.to == ["loket@alpha.nl"]]
    assert f"/{desk.slug}/requests/{question.pk}/" in to_desk.body
    assert "Geheime Naam" not in to_desk.body and "Persoonlijke vraag" not in to_desk.body


def test_the_public_page_shows_who_takes_part(client, desk):
    party = ParticipationFactory(loket=desk, organisation__name="Gemeente Alpha", kind="funding")
    # Only a party with a valid declaration is named.
    IntentDeclarationFactory(participation=party, signed_on=datetime.date(2000, 1, 1))
    page = client.get(reverse("core:desk-public", args=[desk.slug])).text
    assert "Gemeente Alpha" in page and "Financierende partij" in page


def test_the_intake_offers_organisations_of_the_register_once_before_storing(
    client, desk, other_desk, intake_url
):
    ours = OrganisationFactory.for_desk(desk, name="VV 't Goy", city="Houten")
    OrganisationFactory.for_desk(other_desk, name="Goy Tennis", city="Zeist")
    first = client.post(intake_url, answers(organisation_name="Goy", organisation_place="Houten"))
    assert first.status_code == 400 and not HelpRequest.objects.exists()
    page = first.text
    assert "Kies je organisatie, of “Nee, mijn organisatie staat er niet bij”." in page
    assert "VV &#x27;t Goy, Houten" in page and "Goy Tennis" not in page
    assert "Wij zoeken een nieuwe penningmeester" in page  # nothing typed is lost
    assert ours.kvk_number not in page  # only name and place are shown publicly

    client.post(intake_url, answers(organisation_name="Goy", organisation=str(ours.pk)))
    question = HelpRequest.objects.get()
    assert question.organisation == ours and question.organisation_name == "Goy"


def test_not_listed_stores_the_question_without_a_link(client, desk, intake_url):
    OrganisationFactory.for_desk(desk, name="VV 't Goy")
    offered = client.post(intake_url, answers(organisation_name="Goy"))
    assert "Nee, mijn organisatie staat er niet bij" in offered.text
    client.post(
        intake_url,
        answers(organisation_name="Goy", organisation_place="Schalkwijk", kvk_number="87654321",
                organisation="none"),
    )  # fmt: skip
    question = HelpRequest.objects.get()
    assert question.organisation is None
    assert (question.organisation_place, question.organisation_kvk) == ("Schalkwijk", "87654321")


def test_an_unknown_kvk_number_still_offers_organisations_by_name(client, desk, intake_url):
    OrganisationFactory.for_desk(desk, name="VV 't Goy", kvk_number="01234567")
    response = client.post(intake_url, answers(organisation_name="Goy", kvk_number="76543210"))
    assert response.status_code == 400 and "VV &#x27;t Goy" in response.text


def test_a_choice_from_another_desk_or_a_stale_list_is_asked_again(
    client, desk, other_desk, intake_url
):
    OrganisationFactory.for_desk(desk, name="VV 't Goy")
    theirs = OrganisationFactory.for_desk(other_desk, name="Goy Tennis")
    response = client.post(
        intake_url, answers(organisation_name="Goy", organisation=str(theirs.pk))
    )
    assert response.status_code == 400 and not HelpRequest.objects.exists()
    assert "VV &#x27;t Goy" in response.text and "Goy Tennis" not in response.text


def test_the_register_cannot_be_read_out_through_the_intake(client, desk, intake_url):
    OrganisationFactory.for_desk(desk, name="Zwemclub De Otter", city="Houten",
                                 kvk_number="12345678")  # fmt: skip
    # Invalid or unstamped answers never search the register.
    for data in (
        {"organisation_name": "Otter", "organisation": ""},
        answers(organisation_name="Otter", contact_email="fout", started=""),
        answers(organisation_name="Otter", contact_email="fout"),
    ):
        assert "Zwemclub De Otter" not in client.post(intake_url, data).text
    # Not by place, not by a part of a KvK number, not by two letters.
    for name in ("Houten", "1234", "Ot"):
        assert (
            "Zwemclub De Otter" not in client.post(intake_url, answers(organisation_name=name)).text
        )
    # And only a bounded number of look-ups per address.
    for _ in range(30):
        client.post(intake_url, answers(organisation_name="Otter"))
    assert (
        "Zwemclub De Otter" not in client.post(intake_url, answers(organisation_name="Otter")).text
    )
