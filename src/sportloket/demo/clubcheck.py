"""The demo desk's club checks and the provider's page: last year's check, closed, whose figures
are on the public page and open data; this year's, opened three weeks ago with one question of
the desk's own, every provider of the work area invited, about two in three answered (some with
a board vacancy, money trouble or a wish for help: signals on the work list); and a secretary of
a club that asked questions at both demo desks, who signs in on /mijn/ with ``DEMO_SECRETARY``
(the code is printed by the worker's console mail). Made through the services. Idempotent:
nothing is added once the demo desk has a club check."""

import random
from datetime import timedelta

from django.utils import timezone

from sportloket.clubcheck import services
from sportloket.clubcheck.constants import Facilities, Finances, HelpTopic, QuestionKind
from sportloket.clubcheck.models import CheckInvitation, CheckRound
from sportloket.helprequests import services as request_services
from sportloket.registry import services as registry_services
from sportloket.registry.constants import PROVIDER_KINDS, LinkSource, PersonFunction
from sportloket.registry.models import Organisation

DEMO_SECRETARY = "secretaris@vv-demo.example.nl"
# Most clubs are healthy.
FINANCES = (*(Finances.HEALTHY,) * 4, Finances.WORRIED, Finances.TROUBLE)


def load_demo_clubcheck(demo, heuvelrug, *, actor) -> None:
    if CheckRound.objects.filter(loket=demo).exists():
        return
    _provider_page(demo, heuvelrug, actor=actor)
    today = timezone.localdate()
    # Last year's check, closed: its figures are on the public page and open data. (Answered
    # while open, as the services want, then given last year's dates.)
    earlier = services.round_create(
        loket=demo, actor=actor, year=today.year - 1, opens_on=today, closes_on=today
    )
    _invite_and_answer(earlier, actor=actor, share=0.7)
    last_year = today - timedelta(days=365)
    services.round_update(
        round=earlier,
        actor=actor,
        opens_on=last_year - timedelta(days=21),
        closes_on=last_year + timedelta(days=21),
    )
    round = services.round_create(
        loket=demo,
        actor=actor,
        year=today.year,
        opens_on=today - timedelta(days=21),
        closes_on=today + timedelta(days=21),
    )
    question = services.extra_question_add(
        round=round,
        actor=actor,
        text="Heeft jullie club een vertrouwenscontactpersoon?",
        kind=QuestionKind.YESNO,
    )
    _invite_and_answer(round, actor=actor, share=0.65, question=question)


def _invite_and_answer(round, *, actor, share, question=None):
    """Invites the work area and lets about ``share`` of the providers answer (the demo's
    secretary's club always, so her page shows an answered check)."""
    services.round_invite(round=round, actor=actor)
    rng = random.Random(round.year)  # noqa: S311 - demo data, not security
    invitations = CheckInvitation.objects.filter(round=round).select_related(
        "round", "organisation"
    )
    club = _club(round.loket)
    for invitation in invitations.order_by("organisation__name"):
        if rng.random() > share and invitation.organisation_id != getattr(club, "pk", None):
            continue
        youth, adult = rng.randint(0, 300), rng.randint(10, 400)
        services.answer_submit(
            invitation=invitation,
            by_name="Secretaris " + invitation.organisation.name,
            core={
                "members_youth": youth,
                "members_adult": adult,
                "members_senior": rng.randint(0, 80),
                "volunteers": rng.randint(2, 60),
                "board_vacancies": rng.choice((0, 0, 0, 1, 2)),
                "finances": rng.choice(
                    (Finances.HEALTHY,) * 4 + (Finances.WORRIED, Finances.TROUBLE)
                ),
                "facilities": rng.choice(Facilities.values),
            },
            topics=rng.sample(HelpTopic.values, k=rng.choice((0, 0, 1, 2))),
            extras={question.pk: rng.choice(("yes", "no"))} if question else {},
        )


def _club(demo):
    """The club whose secretary is the demo's provider: one that asked the demo desk."""
    return (
        Organisation.objects.for_desk(demo)
        .filter(kind__in=PROVIDER_KINDS, help_requests__loket=demo, merged_into__isnull=True)
        .order_by("name")
        .first()
    )


def _provider_page(demo, heuvelrug, *, actor):
    club = _club(demo)
    if club is None:
        return
    registry_services.organisation_link(
        organisation=club, loket=heuvelrug, source=LinkSource.MANUAL, actor=actor
    )
    registry_services.person_add_to_organisation(
        organisation=club,
        loket=demo,
        actor=actor,
        full_name="Sanne Kuipers",
        function=PersonFunction.SECRETARY,
        email=DEMO_SECRETARY,
        consents_to_contact=True,
    )
    request_services.request_submit(
        loket=heuvelrug,
        organisation=club,
        organisation_name=club.name,
        organisation_place=club.city,
        contact_name="Sanne Kuipers",
        contact_email=DEMO_SECRETARY,
        question="Mogen wij in de zomer het veld van de buurclub in Doorn gebruiken?",
        consents_to_processing=True,
    )
