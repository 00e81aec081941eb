"""The demo desks' cooperation: the two desks name each other neighbours; six providers of the
demo desk that asked questions agreed to be introduced (so the suggestions page has groups to
show); a running cooperation of two football clubs sharing their pitch and an idea of a club
with a welfare partner; the KNVB's association adviser of one club; and one open question
referred to Sportloket Heuvelrug, waiting for its answer. Made through the services where a
service exists. Idempotent: nothing is added once the demo desk has a cooperation."""

from sportloket.cooperation import services
from sportloket.cooperation.constants import CooperationKind, CooperationStatus
from sportloket.cooperation.models import Cooperation
from sportloket.core import services as core_services
from sportloket.helprequests import services as request_services
from sportloket.helprequests.models import HelpRequest
from sportloket.helprequests.workflow import OPEN_STATES
from sportloket.registry import services as registry_services
from sportloket.registry.constants import PROVIDER_KINDS, OrganisationKind
from sportloket.registry.models import Federation, Organisation


def load_demo_cooperation(demo, heuvelrug, *, actor) -> None:
    if Cooperation.objects.filter(loket=demo).exists():
        return
    core_services.loket_update(loket=demo, actor=actor, neighbours=[heuvelrug])
    core_services.loket_update(loket=heuvelrug, actor=actor, neighbours=[demo])
    register = Organisation.objects.for_desk(demo).filter(merged_into__isnull=True)
    asked = (
        register.filter(kind__in=PROVIDER_KINDS, help_requests__loket=demo)
        .distinct()
        .order_by("name")
    )
    for organisation in asked[:6]:
        services.consent_record(
            loket=demo, organisation=organisation, actor=actor, source="telefonisch, demo"
        )
    football = list(register.filter(sports__slug="voetbal").distinct().order_by("name")[:2])
    if len(football) == 2:
        services.cooperation_create(
            loket=demo,
            actor=actor,
            parties=[(football[0], "eigenaar van het kunstgrasveld"), (football[1], "")],
            status=CooperationStatus.RUNNING,
            title="Samen één kunstgrasveld benutten",
            kind=CooperationKind.SHARED_FACILITY,
            goal="Het veld van de een ook doordeweeks gebruiken voor de jeugd van de ander.",
        )
        _adviser(demo, football[0], actor)
        welfare = register.filter(kind=OrganisationKind.WELFARE).first()
        if welfare is not None:
            services.cooperation_create(
                loket=demo,
                actor=actor,
                parties=[football[1], (welfare, "pedagoog op de club")],
                title="Pedagoog op de club",
                kind=CooperationKind.CARE_WELFARE,
                goal="Een pedagogisch medewerker helpt trainers met lastig gedrag.",
            )
    _referral(demo, heuvelrug, actor)


def _adviser(demo, club, actor):
    knvb = Federation.objects.filter(abbreviation="KNVB").first()
    if knvb is None:
        return
    registry_services.adviser_relation_add(
        loket=demo,
        organisation=club,
        actor=actor,
        kind="federation",
        adviser_name="Verenigingsadviseur KNVB regio Midden",
        federation=knvb,
        adviser_organisation=knvb.organisation,
        about="ledenwerving en het jeugdplan",
    )


def _referral(demo, heuvelrug, actor):
    question = (
        HelpRequest.objects.filter(loket=demo, state__in=OPEN_STATES, consents_to_sharing=True)
        .order_by("submitted_at")
        .first()
    )
    if question is not None:
        request_services.referral_send(
            help_request=question,
            actor=actor,
            to_loket=heuvelrug,
            reason="De vereniging speelt in Heuvelrug; daar kent het loket de accommodaties.",
        )
