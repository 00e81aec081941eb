"""Decisions: the chosen offering among the ranked ones, a rationale, a reason to pass over the
top-ranked one, never changed (service and database), superseded by a new one."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from sportloket.core.tests.factories import ThemeFactory
from sportloket.decisions import selectors, services
from sportloket.decisions.models import Decision, DecisionOption
from sportloket.helprequests.constants import RequestState as S
from sportloket.helprequests.models import HelpRequest
from sportloket.helprequests.tests.factories import submit_request
from sportloket.offerings.tests.factories import OfferingFactory

pytestmark = pytest.mark.django_db


def decide(**kwargs):
    kwargs.setdefault("public_summary", "Past bij de vraag van de club.")
    return services.decision_record(**kwargs)


@pytest.fixture
def question(desk):
    theme = ThemeFactory(loket=desk, key="volunteers", name="Vrijwilligers")
    return submit_request(desk, themes=[theme])


@pytest.fixture
def offerings(desk):
    """The first fits the question's theme, the second does not: it ranks lower."""
    best = OfferingFactory(loket=desk, title="Vrijwilligersbeleid", theme_keys=["volunteers"],
                           cost_cents=45000)  # fmt: skip
    second = OfferingFactory(loket=desk, title="Financieel spreekuur", theme_keys=["finances"])
    return best, second


def test_a_decision_on_the_top_ranked_offering_moves_the_request(
    desk, coordinator, question, offerings
):
    best, second = offerings
    decision = decide(
        help_request=question, chosen=[best], rationale="Past precies bij de vraag.",
        public_summary="Vrijwilligersbeleid past bij de vraag.", actor=coordinator,
    )  # fmt: skip
    question.refresh_from_db()
    assert question.state == S.MATCHED
    assert decision.amount_cents == 45000  # what the chosen offering costs
    options = list(decision.options.order_by("rank"))
    assert [(o.offering, o.rank, o.chosen) for o in options] == [
        (best, 1, True),
        (second, 2, False),
    ]
    assert options[0].score > options[1].score
    assert options[0].explanation and {"criterion", "value", "weight", "text"} <= set(
        options[0].explanation[0]
    )
    assert decision.weights["theme"] == 10
    # The provider reads the rationale with the move to "support chosen".
    assert question.state_changes.get(to_state=S.MATCHED).note_for_provider


def test_passing_over_the_top_ranked_offering_needs_a_reason(
    desk, coordinator, question, offerings
):
    _best, second = offerings
    with pytest.raises(ValidationError) as error:
        decide(help_request=question, chosen=[second], rationale="Goedkoper.",
                                 actor=coordinator)  # fmt: skip
    assert "deviation_reason" in error.value.error_dict
    assert not Decision.objects.exists()
    decision = decide(
        help_request=question, chosen=[second], rationale="Goedkoper.",
        deviation_reason="De club wil eerst de financiën op orde.", actor=coordinator,
    )  # fmt: skip
    assert decision.options.get(chosen=True).rank == 2


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"chosen": []}, "chosen"),
        ({"rationale": "  "}, "rationale"),
    ],
)
def test_a_decision_needs_a_choice_and_a_rationale(
    desk, coordinator, question, offerings, fields, field
):
    data = {"chosen": [offerings[0]], "rationale": "Reden"} | fields
    with pytest.raises(ValidationError) as error:
        decide(help_request=question, actor=coordinator, **data)
    assert field in error.value.error_dict


def test_only_offerings_ranked_for_the_question_can_be_chosen(
    desk, other_desk, coordinator, question, offerings
):
    theirs = OfferingFactory(loket=other_desk, theme_keys=["volunteers"])
    with pytest.raises(ValidationError) as error:
        decide(help_request=question, chosen=[theirs], rationale="Reden",
                                 actor=coordinator)  # fmt: skip
    assert "chosen" in error.value.error_dict


def test_a_closed_question_gets_no_decision(desk, coordinator, question, offerings):
    from sportloket.helprequests import services as request_services

    request_services.request_withdraw(help_request=question)
    with pytest.raises(ValidationError):
        decide(help_request=question, chosen=[offerings[0]], rationale="R",
                                 actor=coordinator)  # fmt: skip


def test_a_new_decision_supersedes_and_both_stay(desk, coordinator, question, offerings):
    best, second = offerings
    first = decide(help_request=question, chosen=[best], rationale="Eerst",
                                     actor=coordinator)  # fmt: skip
    again = decide(
        help_request=question, chosen=[best, second], rationale="Beide", actor=coordinator
    )
    assert again.supersedes == first
    assert selectors.current_decision(help_request=question) == again
    assert list(selectors.request_decisions(help_request=question)) == [again, first]
    first.refresh_from_db()
    assert first.rationale == "Eerst" and first.options.filter(chosen=True).count() == 1


def test_a_decision_cannot_be_changed_by_the_model_or_the_database(
    desk, coordinator, question, offerings
):
    decision = decide(
        help_request=question, chosen=[offerings[0]], rationale="Vast", actor=coordinator
    )
    decision.rationale = "Anders"
    with pytest.raises(ValidationError):
        decision.save()
    option = decision.options.first()
    with pytest.raises(ValidationError):
        option.save()
    for statement in (
        lambda: Decision.objects.filter(pk=decision.pk).update(rationale="Anders"),
        lambda: DecisionOption.objects.filter(decision=decision).update(chosen=False),
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            statement()
    decision.refresh_from_db()
    assert decision.rationale == "Vast"


def test_no_option_is_added_to_a_decision_once_it_is_made(desk, coordinator, question, offerings):
    decision = decide(
        help_request=question, chosen=[offerings[0]], rationale="Vast", actor=coordinator
    )
    assert decision.option_count == decision.options.count() == 2
    extra = OfferingFactory(loket=desk, title="Later bedacht")
    before = list(decision.options.values_list("offering", "rank", "chosen"))
    with pytest.raises(IntegrityError), transaction.atomic():
        DecisionOption.objects.create(decision=decision, offering=extra, rank=3, score=99,
                                      chosen=True)  # fmt: skip
    assert list(decision.options.values_list("offering", "rank", "chosen")) == before


def test_a_decision_and_its_options_are_never_deleted(desk, coordinator, question, offerings):
    decision = decide(
        help_request=question, chosen=[offerings[0]], rationale="Vast", actor=coordinator
    )
    option = decision.options.first()
    for delete in (
        decision.delete,
        option.delete,
        Decision.objects.filter(pk=decision.pk).delete,
        DecisionOption.objects.filter(decision=decision).delete,
        decision.options.all().delete,
    ):
        with pytest.raises(ValidationError):
            delete()
    assert Decision.objects.filter(pk=decision.pk).exists()
    assert decision.options.count() == 2


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite's test flush needs DELETE (decisions.db)"
)
def test_postgresql_refuses_deleting_a_decision_or_an_option(
    desk, coordinator, question, offerings
):
    decision = decide(
        help_request=question, chosen=[offerings[0]], rationale="Vast", actor=coordinator
    )
    with connection.cursor() as cursor:
        for table in ("offerings_decisionoption", "offerings_decision"):
            with pytest.raises(IntegrityError), transaction.atomic():
                cursor.execute(f"DELETE FROM {table} WHERE id > 0")  # noqa: S608
    assert decision.options.count() == 2


def test_the_public_summary_names_no_person_the_desk_knows(desk, coordinator, offerings):
    from sportloket.core.tests.factories import MembershipFactory
    from sportloket.registry.tests.factories import OrganisationFactory, PersonRoleFactory

    club = OrganisationFactory()
    PersonRoleFactory(organisation=club, person__full_name="Piet  Jansen")
    MembershipFactory(loket=desk, supporter=True, user__full_name="Sanne de Vries")
    theme = ThemeFactory(loket=desk, key="volunteers", name="Vrijwilligers")
    question = submit_request(desk, themes=[theme])
    HelpRequest.objects.filter(pk=question.pk).update(organisation=club)
    question.refresh_from_db()
    for summary in ("Trainer piet jansen helpt de club.", "Begeleiding door Sanne de Vries."):
        with pytest.raises(ValidationError) as error:
            decide(help_request=question, chosen=[offerings[0]], rationale="R",
                   public_summary=summary, actor=coordinator)  # fmt: skip
        assert "public_summary" in error.value.error_dict
    # Words that only resemble a name, or a first name alone, are no person's name.
    decision = decide(help_request=question, chosen=[offerings[0]], rationale="R",
                      public_summary="Pieter Jansenius en Sanne helpen de club.",
                      actor=coordinator)  # fmt: skip
    assert decision.public_summary == "Pieter Jansenius en Sanne helpen de club."


@pytest.mark.parametrize(
    "summary",
    ["", "Bel Eva Brouwer terug", "Mail eva@hchouten.example.nl", "Bel 06-12345678",
     "Bel +31 30 123 45 67"],
)  # fmt: skip
def test_the_public_summary_is_required_and_holds_no_personal_data(
    desk, coordinator, question, offerings, summary
):
    with pytest.raises(ValidationError) as error:
        decide(help_request=question, chosen=[offerings[0]], rationale="R",
               public_summary=summary, actor=coordinator)  # fmt: skip
    assert "public_summary" in error.value.error_dict


# --- who decides, and who delivers what is chosen ----------------------------------------------


def test_only_coordinators_and_supporters_named_for_it_decide(desk, other_desk, question,
                                                              offerings):  # fmt: skip
    from sportloket.core import services as core_services
    from sportloket.core.constants import Role
    from sportloket.core.tests.factories import MembershipFactory

    coordinator = MembershipFactory(loket=desk, coordinator=True).user
    supporter = MembershipFactory(loket=desk, supporter=True)
    for actor in (supporter.user, MembershipFactory(loket=desk, partner=True).user,
                  MembershipFactory(loket=other_desk, coordinator=True).user, None):  # fmt: skip
        with pytest.raises(ValidationError) as error:
            decide(help_request=question, chosen=[offerings[0]], rationale="R", actor=actor)
        assert error.value.messages[0].startswith("Alleen een coördinator")
        assert not Decision.objects.exists()
    core_services.membership_change_role(
        membership=supporter, role=Role.SUPPORTER, decides_support=True, actor=coordinator
    )
    decision = decide(help_request=question, chosen=[offerings[0]], rationale="R",
                      actor=supporter.user)  # fmt: skip
    assert decision.decided_by == supporter.user


def test_the_refusal_of_a_decider_is_in_dutch(desk, question, offerings):
    from sportloket.core.tests.factories import MembershipFactory

    supporter = MembershipFactory(loket=desk, supporter=True).user
    with pytest.raises(ValidationError) as error:
        decide(help_request=question, chosen=[offerings[0]], rationale="R", actor=supporter)
    assert error.value.messages == [
        "Alleen een coördinator, of een ondersteuner die het loket daarvoor aanwijst, besluit "
        "over ondersteuning."
    ]


def test_the_assigned_supporter_must_be_allowed_to_deliver_what_is_chosen(
    desk, coordinator, question, offerings
):
    """Assigning checks the current decision's offerings; a decision after the assignment
    checks the assigned supporter in turn."""
    from django.utils import translation

    from sportloket.core.tests.factories import MembershipFactory
    from sportloket.helprequests import services as request_services
    from sportloket.offerings.constants import Registration
    from sportloket.quality.tests.factories import QualityRegistrationFactory

    supporter = MembershipFactory(loket=desk, supporter=True, user__full_name="Sanne de Vries")
    request_services.request_assign(help_request=question, membership=supporter, actor=coordinator)
    course = OfferingFactory(loket=desk, title="Cursus trainer-coach",
                             theme_keys=["volunteers"], required_registration=Registration.SPN)  # fmt: skip
    with translation.override("en"), pytest.raises(ValidationError) as error:
        decide(help_request=question, chosen=[course], rationale="R", actor=coordinator,
               deviation_reason="Zo afgesproken.")  # fmt: skip
    assert error.value.message_dict == {
        "chosen": [
            "Sanne de Vries, assigned to this question, may not deliver “Cursus trainer-coach”. "
            "Needs a valid Sport Professionals netwerk (SPN). Assign someone who may, or choose "
            "another offering."
        ]
    }
    assert not Decision.objects.exists()
    # An offering that needs no registration is fine, and so is the course once she holds one.
    decide(help_request=question, chosen=[offerings[0]], rationale="R", actor=coordinator,
           deviation_reason="Zo afgesproken.")  # fmt: skip
    QualityRegistrationFactory(user=supporter.user, spn=True)
    decision = decide(help_request=question, chosen=[course], rationale="R", actor=coordinator,
                      deviation_reason="Zo afgesproken.")  # fmt: skip
    assert decision.options.get(chosen=True).offering == course


# --- the provider hears of it ---------------------------------------------------------------


def test_the_provider_gets_one_email_with_the_decision(desk, coordinator, question, offerings,
                                                       django_capture_on_commit_callbacks):  # fmt: skip
    """A decision on a new question moves it through triage to "support chosen": the provider
    hears of the decision once, with what was chosen, who delivers it and why."""
    from django.core import mail

    best, _second = offerings
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decide(help_request=question, chosen=[best], actor=coordinator,
               rationale="De bond begeleidt jullie bij het vrijwilligersbeleid.")  # fmt: skip
    [message] = mail.outbox
    assert message.to == [question.contact_email]
    assert message.subject == "Je vraag aan Sportloket Alpha: ondersteuning gekozen"
    assert f"- Vrijwilligersbeleid, door {best.delivered_by.name}" in message.body
    assert "De bond begeleidt jullie bij het vrijwilligersbeleid." in message.body
    assert question.tracking_token in message.body
    assert "vervangt" not in message.body


def test_a_new_decision_tells_the_provider_it_replaces_the_earlier(
    desk, coordinator, question, offerings, django_capture_on_commit_callbacks
):
    from django.core import mail

    best, second = offerings
    decide(help_request=question, chosen=[best], actor=coordinator, rationale="Eerst dit.")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decide(help_request=question, chosen=[second], actor=coordinator,
               rationale="Toch eerst de financiën.", deviation_reason="Op verzoek.")  # fmt: skip
    [message] = mail.outbox
    assert message.subject == "Je vraag aan Sportloket Alpha: een nieuw besluit"
    assert "- Financieel spreekuur" in message.body and "Vrijwilligersbeleid" not in message.body
    assert "Dit besluit vervangt het eerdere besluit." in message.body


def test_a_refused_decision_sends_nothing(desk, coordinator, question, offerings,
                                         django_capture_on_commit_callbacks):  # fmt: skip
    from django.core import mail

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        decide(help_request=question, chosen=[offerings[1]], actor=coordinator,
               rationale="Zonder reden het tweede.")  # fmt: skip
    assert mail.outbox == []
