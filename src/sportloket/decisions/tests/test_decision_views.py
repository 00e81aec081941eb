"""The decision pages: ranking and deciding on a request, the provider's view, the desk's list,
the public register (page and CSV, no personal data) and the multi-partiality monitor."""

import csv
import io

import pytest
from django.urls import reverse

from sportloket.core.tests.factories import MembershipFactory, ThemeFactory
from sportloket.decisions.models import Decision
from sportloket.decisions.tests.factories import decide
from sportloket.decisions.tests.test_register_page import QUERIES as REGISTER_QUERIES
from sportloket.helprequests.constants import RequestState as S
from sportloket.helprequests.tests.factories import submit_request
from sportloket.offerings.models import Offering
from sportloket.offerings.tests.factories import OfferingFactory
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


@pytest.fixture
def offerings(desk):
    best = OfferingFactory(loket=desk, title="Vrijwilligersbeleid", theme_keys=["volunteers"],
                           cost_cents=125050)  # fmt: skip
    second = OfferingFactory(loket=desk, title="Financieel spreekuur", theme_keys=["finances"])
    return best, second


def test_the_coordinator_sees_the_ranking_and_decides_for_the_second_with_a_reason(
    coordinator_client, desk, question, offerings
):
    _best, second = offerings
    url = reverse("decisions:request-decide", args=[desk.slug, question.pk])
    page = coordinator_client.get(url).text
    assert page.index("Vrijwilligersbeleid") < page.index("Financieel spreekuur")
    data = {"chosen": [second.pk], "rationale": "De club wil eerst de financiën op orde.",
            "public_summary": "Eerst de financiën op orde."}  # fmt: skip
    refused = coordinator_client.post(url, data)
    assert refused.status_code == 400 and not Decision.objects.exists()
    assert "De club wil eerst de financiën op orde." in refused.text  # nothing typed is lost
    assert f'value="{second.pk}" id="chosen-{second.pk}" checked' in refused.text
    done = coordinator_client.post(url, data | {"deviation_reason": "Financiën gaan voor."})
    assert done.status_code == 302
    decision = Decision.objects.get()
    assert decision.options.get(chosen=True).offering == second
    question.refresh_from_db()
    assert question.state == S.MATCHED


def test_the_provider_reads_the_decision_and_its_rationale(client, desk, coordinator, question,
                                                          offerings):  # fmt: skip
    decide(question, offerings[0], coordinator, rationale="De bond heeft hier een goed traject.")
    page = client.get(reverse("helprequests:track", args=[question.tracking_token])).text
    assert "Vrijwilligersbeleid" in page and "De bond heeft hier een goed traject." in page


def test_supporters_and_partners_do_not_decide(client, desk, question, offerings):
    url = reverse("decisions:request-decide", args=[desk.slug, question.pk])
    for member in (MembershipFactory(loket=desk, supporter=True),
                   MembershipFactory(loket=desk, partner=True)):  # fmt: skip
        client.force_login(member.user)
        assert client.get(url).status_code in (403, 404)
        assert client.post(url, {"chosen": [offerings[0].pk]}).status_code in (403, 404)
    assert not Decision.objects.exists()


def test_a_supporter_the_desk_named_decides(client, desk, question, offerings):
    supporter = MembershipFactory(loket=desk, supporter=True, decides_support=True)
    client.force_login(supporter.user)
    detail = client.get(reverse("helprequests:request-detail", args=[desk.slug, question.pk]))
    url = reverse("decisions:request-decide", args=[desk.slug, question.pk])
    assert url in detail.text
    assert client.get(url).status_code == 200
    done = client.post(url, {"chosen": [offerings[0].pk], "rationale": "Past bij de vraag.",
                             "public_summary": "Hulp bij vrijwilligersbeleid."})  # fmt: skip
    assert done.status_code == 302
    assert Decision.objects.get().decided_by == supporter.user
    # The question, now "support chosen", stays in sight: the decider lands on it.
    landed = client.get(done.url)
    assert landed.status_code == 200 and "Vrijwilligersbeleid" in landed.text


def test_partners_see_all_decisions_of_the_desk(client, desk, coordinator, question, offerings):
    decide(question, offerings[0], coordinator)
    partner = MembershipFactory(loket=desk, partner=True)
    client.force_login(partner.user)
    page = client.get(reverse("decisions:list", args=[desk.slug])).text
    assert "Vrijwilligersbeleid" in page and "Past bij de vraag." in page


def test_the_public_register_and_csv_hold_no_personal_data(client, desk, coordinator, question,
                                                           offerings):  # fmt: skip
    decide(question, offerings[0], coordinator)
    page = client.get(reverse("decisions:public", args=[desk.slug])).text
    response = client.get(reverse("decisions:public-csv", args=[desk.slug]))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert rows[1][4] == "Vrijwilligersbeleid" and rows[1][6] == "1250,50"
    assert "Hulp bij vrijwilligersbeleid." in page and "1.250,50" in page
    assert "<td>Vrijwilligers</td>" in page  # the question's theme
    for text in (page, body):
        for personal in ("Eva Brouwer", question.contact_email, "0612345678", "+31612345678",
                         coordinator.email, coordinator.full_name):  # fmt: skip
            assert personal not in text


def test_the_public_register_shows_only_decisions_that_hold(client, desk, coordinator, question,
                                                            offerings):  # fmt: skip
    decide(question, offerings[0], coordinator, public_summary="Eerste besluit.")
    decide(question, offerings[0], coordinator, public_summary="Tweede besluit.")
    page = client.get(reverse("decisions:public", args=[desk.slug])).text
    assert "Tweede besluit." in page and "Eerste besluit." not in page


def test_the_public_register_needs_the_same_queries_for_many_decisions(client, desk, coordinator,
                                                                      offerings):  # fmt: skip
    url = reverse("decisions:public", args=[desk.slug])
    theme = ThemeFactory(loket=desk, key="volunteers")

    def add(n):
        for _ in range(n):
            decide(submit_request(desk, themes=[theme]), offerings[0], coordinator)

    add(1)
    _, response = assert_queries_do_not_grow(
        lambda: client.get(url), add, max_queries=REGISTER_QUERIES
    )
    assert response.text.count("Hulp bij vrijwilligersbeleid.") == 21


def test_the_monitor_counts_ranked_first_chosen_and_deviations(
    coordinator_client, desk, coordinator, question, offerings
):
    best, second = offerings
    decide(question, second, coordinator, deviation_reason="Financiën gaan voor.")
    decide(submit_request(desk, themes=list(question.themes.all())), best, coordinator)
    monitor = coordinator_client.get(reverse("decisions:monitor", args=[desk.slug]))
    rows = {
        r["offering__delivered_by__name"]: r for r in monitor.context["monitor"]["organisations"]
    }
    assert rows[best.delivered_by.name]["ranked_first"] >= 1
    assert rows[second.delivered_by.name]["chosen"] == 1
    assert rows[second.delivered_by.name]["rating"] is None
    from sportloket.helprequests import services as request_services

    for state in (S.IN_PROGRESS, S.COMPLETED):
        question = request_services.request_move(help_request=question, to_state=state,
                                                  actor=coordinator)  # fmt: skip
    request_services.request_rate(help_request=question, rating=4)
    monitor = coordinator_client.get(reverse("decisions:monitor", args=[desk.slug]))
    rows = {
        r["offering__delivered_by__name"]: r for r in monitor.context["monitor"]["organisations"]
    }
    assert (rows[second.delivered_by.name]["rating"], rows[second.delivered_by.name]["rated"]) == (
        4,
        1,
    )
    [deviation] = monitor.context["monitor"]["deviations"]
    assert deviation.deviation_reason == "Financiën gaan voor."


def test_the_monitor_flags_passing_over_the_first_without_a_reason(
    coordinator_client, desk, coordinator, question, offerings
):
    """The service asks for the reason; a decision taken over from an earlier system may have
    none, and the monitor shows it."""
    from django.utils import timezone

    from sportloket.decisions.models import DecisionOption

    best, second = offerings
    decide(question, second, coordinator, deviation_reason="Financiën gaan voor.")
    taken_over = Decision.objects.create(
        loket=desk, help_request=submit_request(desk), rationale="Overgenomen besluit.",
        decided_by=coordinator, decided_at=timezone.now(), option_count=2,
    )  # fmt: skip
    DecisionOption.objects.bulk_create([
        DecisionOption(decision=taken_over, offering=best, rank=1, score=80, chosen=False),
        DecisionOption(decision=taken_over, offering=second, rank=2, score=40, chosen=True),
    ])  # fmt: skip
    decide(submit_request(desk, themes=list(question.themes.all())), best, coordinator)
    response = coordinator_client.get(reverse("decisions:monitor", args=[desk.slug]))
    assert response.context["monitor"]["unexplained"] == 1
    page = response.text
    assert "1 besluit zonder reden" in page
    assert page.count("geen reden opgegeven") == 1
    assert "Financiën gaan voor." in page


def test_the_decision_list_and_the_monitor_need_the_same_queries_for_many_decisions(
    coordinator_client, desk, coordinator, offerings
):
    theme = ThemeFactory(loket=desk, key="volunteers")

    def add(n):
        for number in range(n):
            chosen = offerings[number % 2]
            decide(submit_request(desk, themes=[theme]), chosen, coordinator,
                   deviation_reason="Financiën gaan voor." if chosen == offerings[1] else "")  # fmt: skip

    add(2)
    for name in ("decisions:list", "decisions:monitor"):
        url = reverse(name, args=[desk.slug])
        _, response = assert_queries_do_not_grow(
            lambda url=url: coordinator_client.get(url), add, more=10
        )
        assert response.status_code == 200
    listed = coordinator_client.get(reverse("decisions:list", args=[desk.slug]))
    assert listed.context["page_obj"].paginator.count == 22
    monitor = coordinator_client.get(reverse("decisions:monitor", args=[desk.slug]))
    assert monitor.context["page_obj"].paginator.count == 11  # every second passed over


def test_another_desks_decisions_are_not_in_this_desks_list_or_monitor(
    client, desk, other_desk, coordinator, question, offerings
):
    decide(question, offerings[1], coordinator, deviation_reason="Financiën gaan voor.",
           rationale="Alleen voor Alpha.")  # fmt: skip
    theirs = MembershipFactory(loket=other_desk, coordinator=True).user
    own = OfferingFactory(loket=other_desk, title="Spreekuur Beta", theme_keys=["volunteers"])
    ThemeFactory(loket=other_desk, key="volunteers", name="Vrijwilligers")
    decide(submit_request(other_desk, themes=list(other_desk.themes.all())), own, theirs,
           rationale="Alleen voor Beta.")  # fmt: skip
    client.force_login(theirs)
    listed = client.get(reverse("decisions:list", args=[other_desk.slug])).text
    assert "Alleen voor Beta." in listed and "Alleen voor Alpha." not in listed
    monitor = client.get(reverse("decisions:monitor", args=[other_desk.slug]))
    names = [r["offering__delivered_by__name"] for r in monitor.context["monitor"]["organisations"]]
    assert names == [own.delivered_by.name]
    assert list(monitor.context["deviations"]) == []
    for name in ("decisions:list", "decisions:monitor"):
        assert client.get(reverse(name, args=[desk.slug])).status_code == 404


def test_the_public_register_of_the_demo_holds_no_personal_data(client):
    from django.core.management import call_command

    from sportloket.accounts.models import User
    from sportloket.helprequests.models import HelpRequest
    from sportloket.registry.models import Person

    call_command("seed_demo", "--quiet")
    page = client.get(reverse("decisions:public", args=["demo"])).text
    response = client.get(reverse("decisions:public-csv", args=["demo"]))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert len(body.splitlines()) > 20  # the demo's decisions are there
    personal = set()
    for name, email, phone in HelpRequest.objects.values_list(
        "contact_name", "contact_email", "contact_phone"
    ):
        personal |= {name, email, phone}
    for name, email, phone in Person.objects.values_list("full_name", "email", "phone"):
        personal |= {name, email, phone}
    for full_name, email in User.objects.values_list("full_name", "email"):
        personal |= {full_name, email}
    personal.discard("")
    assert len(personal) > 50
    for text in (page, body):
        assert not [value for value in personal if value in text]


# --- money from the funds on the decide page --------------------------------------------------


@pytest.fixture
def funds(desk):
    from sportloket.funds.tests.factories import FundFactory

    return (
        FundFactory(loket=desk, name="Uitvoeringsbudget", amount_cents=100_000),
        FundFactory(
            loket=desk,
            name="Rabo ClubSupport",
            amount_cents=500_000,
            approval_threshold_cents=20_000,
        ),
    )


def test_the_coordinator_co_funds_a_decision_from_two_funds(
    coordinator_client, desk, question, offerings, funds
):
    best, _second = offerings
    municipal, rabo = funds
    url = reverse("decisions:request-decide", args=[desk.slug, question.pk])
    page = coordinator_client.get(url).text
    assert f'name="fund_{municipal.pk}"' in page and f'name="fund_{rabo.pk}"' in page
    key = page.split('name="idempotency_key" value="')[1].split('"')[0]
    data = {"chosen": [best.pk], "rationale": "Past bij de vraag.", "idempotency_key": key,
            "public_summary": "Hulp bij vrijwilligersbeleid.",
            f"fund_{municipal.pk}": "1.000", f"fund_{rabo.pk}": "250,50"}  # fmt: skip
    assert coordinator_client.post(url, data).status_code == 302
    assert coordinator_client.post(url, data).status_code == 302  # sent twice: one decision
    decision = Decision.objects.get()
    assert dict(decision.allocations.values_list("fund_id", "amount_cents")) == {
        municipal.pk: 100_000,
        rabo.pk: 25_050,
    }


def test_the_decide_page_warns_about_a_fund_nobody_can_approve(
    coordinator_client, desk, question, funds
):
    """Rabo's fund has a threshold and nobody at the desk represents Rabo: above it the money
    would wait for ever. Once a partner represents Rabo, the page names who approves."""
    _municipal, rabo = funds
    OfferingFactory(loket=desk, title="Vrijwilligersbeleid", theme_keys=["volunteers"],
                    cost_cents=30_000)  # fmt: skip
    url = reverse("decisions:request-decide", args=[desk.slug, question.pk])
    page = coordinator_client.get(url).text
    owner = rabo.owner.name
    assert f"Niemand bij dit loket vertegenwoordigt {owner}" in page
    MembershipFactory(loket=desk, partner=True, organisation=rabo.owner)
    page = coordinator_client.get(url).text
    assert f"Niemand bij dit loket vertegenwoordigt {owner}" not in page
    assert f"Boven €\u00a0200,00 keurt {owner} eerst goed." in page


def test_a_fund_without_the_money_keeps_the_form_and_says_why(
    coordinator_client, desk, question, offerings, funds
):
    best, _second = offerings
    municipal, _rabo = funds
    url = reverse("decisions:request-decide", args=[desk.slug, question.pk])
    data = {"chosen": [best.pk], "rationale": "Past bij de vraag.", f"fund_{municipal.pk}": "1.200",
            "public_summary": "Hulp bij vrijwilligersbeleid."}  # fmt: skip
    response = coordinator_client.post(url, data)
    assert response.status_code == 400
    assert not Decision.objects.exists()
    # The fund's own field says why (checked with every other field, issue 17 fault 6).
    error = response.text.split(f'id="id_fund_{municipal.pk}_error"')[1].split("</ul>")[0]
    assert "Uitvoeringsbudget" in error
    assert 'value="1.200"' in response.text  # what was typed stays
    bad = coordinator_client.post(url, data | {f"fund_{municipal.pk}": "twaalf"})
    assert bad.status_code == 400 and 'value="twaalf"' in bad.text


def test_the_current_decision_links_to_its_money_for_those_who_manage_funds(
    client, coordinator_client, desk, question, offerings, coordinator
):
    first = decide(question, offerings[0], coordinator)
    current = decide(question, offerings[0], coordinator)
    url = reverse("helprequests:request-detail", args=[desk.slug, question.pk])
    page = coordinator_client.get(url).text
    assert reverse("funds:decision-fund", args=[desk.slug, current.pk]) in page
    assert reverse("funds:decision-fund", args=[desk.slug, first.pk]) not in page  # superseded
    client.force_login(MembershipFactory(loket=desk, supporter=True).user)
    assert "/funds/decisions/" not in client.get(url).text


# --- more than the best 25 -----------------------------------------------------------------------


def test_the_decide_page_shows_more_than_the_best_25_when_asked(coordinator_client, desk,
                                                                 question):  # fmt: skip
    titles = [f"Aanbod {number:02d}" for number in range(30)]
    for title in titles:
        OfferingFactory(loket=desk, title=title, theme_keys=["volunteers"])
    url = reverse("decisions:request-decide", args=[desk.slug, question.pk])
    first = coordinator_client.get(url)
    assert first.text.count('class="ranking__item"') == 25
    assert "De beste 25 staan hier." in first.text
    assert 'name="more" value="30"' in first.text and "De beste 30 tonen" in first.text
    assert "Aanbod 24" in first.text and "Aanbod 25" not in first.text  # equal scores: by title
    key = first.context["form"]["idempotency_key"].value()
    second = Offering.objects.get(title="Aanbod 01")
    typed = {"chosen": [second.pk], "rationale": "De club vroeg hierom.",
             "public_summary": "Hulp bij vrijwilligers.", "idempotency_key": key}  # fmt: skip
    # Asking for more keeps what was typed and records nothing.
    more = coordinator_client.post(url, typed | {"more": "30"})
    assert more.status_code == 200 and not Decision.objects.exists()
    assert more.text.count('class="ranking__item"') == 30
    assert "De club vroeg hierom." in more.text and f'value="{key}"' in more.text
    assert f'value="{second.pk}" id="chosen-{second.pk}" checked' in more.text
    assert 'name="more"' not in more.text and 'name="shown" value="30"' in more.text
    assert "errorlist" not in more.text
    last = Offering.objects.get(title="Aanbod 29")
    data = typed | {"chosen": [last.pk], "deviation_reason": "Op verzoek."}
    # Without asking for more, the 30th is not among what the form accepts; nothing is lost.
    refused = coordinator_client.post(url, data)
    assert refused.status_code == 400 and "De club vroeg hierom." in refused.text
    assert not Decision.objects.exists()
    done = coordinator_client.post(url, data | {"shown": "30"})
    assert done.status_code == 302
    assert Decision.objects.get().options.get(chosen=True).offering == last


def test_a_shown_count_that_is_no_number_shows_the_best_25(coordinator_client, desk, question):
    for number in range(27):
        OfferingFactory(loket=desk, title=f"Aanbod {number:02d}", theme_keys=["volunteers"])
    url = reverse("decisions:request-decide", args=[desk.slug, question.pk])
    for shown in ("veel", "-5", "3"):
        page = coordinator_client.get(url, {"shown": shown}).text
        assert page.count('class="ranking__item"') == 25


def test_an_amount_beyond_what_the_database_holds_is_an_error_next_to_the_field(
    coordinator_client, desk, question, offerings
):
    url = reverse("decisions:request-decide", args=[desk.slug, question.pk])
    data = {"chosen": [offerings[0].pk], "rationale": "Past.", "public_summary": "Hulp.",
            "amount": "21474837"}  # fmt: skip
    response = coordinator_client.post(url, data)
    assert response.status_code == 400
    assert "amount" in response.context["form"].errors
    assert 'value="21474837"' in response.text  # what was typed stays
    assert not Decision.objects.exists()


def test_the_service_refuses_an_amount_beyond_the_maximum(desk, coordinator, question, offerings):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        decide(question, offerings[0], coordinator, amount_cents=2**31)
    assert "amount_cents" in refused.value.message_dict
    with pytest.raises(ValidationError):
        decide(question, offerings[0], coordinator, amount_cents=-1)
    assert not Decision.objects.exists()
