"""Creates the demo desks, accounts, register and help requests. Idempotent: a second run
changes nothing."""

from contextlib import nullcontext
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.test.utils import override_settings
from django.utils import timezone, translation
from django.utils.text import slugify

from sportloket.core import services
from sportloket.core import services as core_services
from sportloket.core.constants import DEFAULT_THEMES
from sportloket.core.models import Loket, Membership, Municipality
from sportloket.core.services import user_get_or_create
from sportloket.decisions import services as decision_services
from sportloket.decisions.matching import rank_offerings
from sportloket.demo.clubcheck import DEMO_SECRETARY, load_demo_clubcheck
from sportloket.demo.contacts import load_demo_contacts
from sportloket.demo.cooperation import load_demo_cooperation
from sportloket.demo.desks import DESKS, USERS
from sportloket.demo.funds import load_demo_funds
from sportloket.demo.knowledge import load_demo_knowledge
from sportloket.demo.meetings import load_demo_meetings
from sportloket.demo.network import (
    CLUBS,
    COMMERCIAL,
    DEMO_DECLARATION_PDF,
    OFFERINGS,
    PARTICIPATIONS,
    PARTIES,
    PEOPLE,
)
from sportloket.demo.quality import load_demo_quality
from sportloket.demo.requests_closed import CLOSED
from sportloket.demo.requests_open import HEUVELRUG, OPEN
from sportloket.demo.scan import load_demo_scan
from sportloket.helprequests import services as request_services
from sportloket.helprequests.constants import RequestState as S
from sportloket.helprequests.models import (
    Assignment,
    HelpRequest,
    InternalNote,
    Message,
    StateChange,
)
from sportloket.helprequests.workflow import CLOSED_STATES
from sportloket.helprequests.workingdays import add_working_days, is_working_day
from sportloket.offerings import services as offering_services
from sportloket.offerings.constants import OfferingScope
from sportloket.offerings.models import Offering
from sportloket.registry import services as registry_services
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.models import (
    AreaAlignment,
    Federation,
    Organisation,
    Participation,
    Person,
    Sport,
)


class Command(BaseCommand):
    help = "Creates the demo desks 'demo' and 'heuvelrug' with an account for every role."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Do not print the accounts.")

    def handle(self, *args, quiet=False, **options):
        # The services queue e-mails to providers and supporters: the demo's example
        # addresses get nothing, and `make run` does not print a few hundred e-mails.
        with _mail_held_back(), transaction.atomic():
            self._seed()
        if not quiet:
            self._print_accounts()

    def _seed(self):
        desks = {spec["slug"]: self._desk(spec) for spec in DESKS}
        for email, full_name, national, memberships in USERS:
            user, _created = user_get_or_create(
                email=email,
                full_name=full_name,
                password=settings.DEMO_PASSWORD,
                is_national=national,
                actor=None,
            )
            for slug, role, partner_kind, acts_for in memberships:
                if not Membership.objects.active().filter(user=user, loket=desks[slug]).exists():
                    services.membership_add(
                        loket=desks[slug],
                        user=user,
                        role=role,
                        partner_kind=partner_kind,
                        acts_for=acts_for,
                        actor=None,
                    )
        organisations = self._network(desks["demo"])
        themes = {
            slug: core_services.themes_prefill(loket=loket, actor=None)
            for slug, loket in desks.items()
        }
        self._offerings(desks["demo"], organisations, [desks["heuvelrug"]])
        self._requests(desks["demo"], [*CLOSED, *OPEN], organisations, themes["demo"])
        self._requests(desks["heuvelrug"], HEUVELRUG, {}, themes["heuvelrug"])
        # After the questions and decisions: the rule would refuse the assignments of a
        # supporter whose registration lapsed, and the funds pay for some of the decisions.
        coordinator = (
            Membership.objects.active()
            .get(loket=desks["demo"], user__email="coordinator@sportloket-demo.nl")
            .user
        )
        load_demo_quality(desks["demo"], actor=coordinator)
        load_demo_funds(desks["demo"], actor=coordinator)
        load_demo_contacts(desks["demo"], actor=coordinator)
        load_demo_meetings(desks["demo"], actor=coordinator)
        load_demo_knowledge(desks["demo"], desks["heuvelrug"], actor=coordinator)
        load_demo_cooperation(desks["demo"], desks["heuvelrug"], actor=coordinator)
        load_demo_clubcheck(desks["demo"], desks["heuvelrug"], actor=coordinator)
        # Last: the scan reads everything above.
        load_demo_scan(desks["demo"], desks["heuvelrug"])

    def _desk(self, spec):
        spec = dict(spec)
        codes = spec.pop("work_area")
        loket = Loket.objects.filter(slug=spec["slug"]).first()
        if loket is None:
            loket = services.loket_create(
                actor=None, work_area=Municipality.objects.filter(code__in=codes), **spec
            )
        return loket

    def _network(self, loket):
        """The demo desk's register, participations and declarations (see demo.network)."""
        sports = {s.slug: s for s in Sport.objects.all()}
        federations = {f.abbreviation: f for f in Federation.objects.all()}
        municipalities = {m.code: m for m in Municipality.objects.filter(desks=loket)}
        organisations = {}
        rows = [
            (
                name,
                OrganisationKind.CLUB,
                code,
                place,
                postcode,
                sport_slugs,
                feds,
                members,
                founded,
            )
            for name, code, place, postcode, sport_slugs, feds, members, founded in CLUBS
        ]
        rows += [
            (name, OrganisationKind.COMMERCIAL, code, place, postcode, sport_slugs, [], None, None)
            for name, code, place, postcode, sport_slugs in COMMERCIAL
        ]
        rows += [
            (name, kind, code, place, "", [], [], None, None) for name, kind, code, place in PARTIES
        ]
        for number, (
            name,
            kind,
            code,
            place,
            postcode,
            sport_slugs,
            feds,
            members,
            founded,
        ) in enumerate(rows, start=1):
            kvk = f"{90000000 + number * 137:08d}"
            organisation = Organisation.objects.filter(kvk_number=kvk).first()
            if organisation is None:
                organisation = registry_services.organisation_create(
                    loket=loket,
                    actor=None,
                    kind=kind,
                    name=name,
                    kvk_number=kvk,
                    postcode=postcode,
                    city=place,
                    municipality=municipalities.get(code),
                    member_count=members,
                    founded_on=date.fromisoformat(founded) if founded else None,
                    email=f"info@{slugify(name)[:40]}.example.nl",
                    sports=[sports[s] for s in sport_slugs],
                    federations=[federations[f] for f in feds],
                )
            organisations[name] = organisation
        for org_name, full_name, function, sharing in PEOPLE:
            email = f"{slugify(full_name)}@example.nl"
            person = Person.objects.filter(email=email).first()
            if person is None:
                person = registry_services.person_create(
                    full_name=full_name,
                    email=email,
                    consents_to_contact=True,
                    consents_to_sharing=sharing,
                    actor=None,
                )
                registry_services.person_role_add(
                    person=person,
                    organisation=organisations[org_name],
                    loket=loket,
                    function=function,
                    start_on=date(2024, 1, 1),
                    actor=None,
                )
        for org_name, kind, declaration in PARTICIPATIONS:
            organisation = organisations[org_name]
            participation = Participation.objects.filter(
                loket=loket, organisation=organisation
            ).first()
            if participation is None:
                participation = registry_services.participation_add(
                    loket=loket,
                    organisation=organisation,
                    kind=kind,
                    representative=organisation.person_roles.first().person
                    if organisation.person_roles.exists()
                    else None,
                    actor=None,
                )
            if declaration and not participation.declarations.exists():
                signed_on, valid_until = declaration
                registry_services.declaration_add(
                    participation=participation,
                    signed_on=date.fromisoformat(signed_on),
                    valid_until=date.fromisoformat(valid_until) if valid_until else None,
                    signatory=f"Directie {organisation.name}",
                    document=ContentFile(DEMO_DECLARATION_PDF, name="verklaring.pdf"),
                    actor=None,
                )
        knvb = federations["KNVB"]
        if not AreaAlignment.objects.filter(loket=loket, federation=knvb).exists():
            registry_services.alignment_save(
                loket=loket,
                actor=None,
                federation=knvb,
                agreed=True,
                agreed_on=date(2025, 11, 20),
                agreed_with="Regiomanager KNVB district West I",
            )
            registry_services.alignment_save(
                loket=loket,
                actor=None,
                municipality=Municipality.objects.get(code="GM0355"),
                note="Overleg gepland met de gemeente Zeist over clubs op de grens.",
            )
        return organisations

    def _requests(self, loket, specs, organisations, themes):
        """The desk's demo help requests (see demo.requests_closed and demo.requests_open),
        once: made through the services, then moved back in time with their history, oldest
        first."""
        if HelpRequest.objects.filter(loket=loket).exists():
            return
        with translation.override("en"):  # the theme rows carry the translated names
            by_key = dict(zip([str(name) for _key, name in DEFAULT_THEMES], themes, strict=True))
        members = {
            m.user.email: m
            for m in Membership.objects.active().filter(loket=loket).select_related("user")
        }
        now = timezone.now()
        for spec in sorted(specs, key=lambda spec: (-spec.ago, spec.at)):
            self._request(loket, spec, organisations, by_key, members, now)

    def _request(self, loket, spec, organisations, themes, members, now):
        moments = _moments(spec, now)
        organisation = None if spec.new else organisations[spec.organisation]
        request = request_services.request_submit(
            loket=loket,
            themes=[themes[key] for key in spec.themes],
            organisation=organisation if spec.kvk_given else None,
            organisation_name=spec.typed or spec.organisation,
            organisation_kvk=spec.kvk
            if spec.new
            else (organisation.kvk_number if spec.kvk_given else ""),
            organisation_place=spec.place if spec.new else organisation.city,
            contact_name=spec.contact[0],
            contact_email=spec.contact[1],
            contact_role=spec.contact[2],
            question=spec.question,
            urgency=spec.urgency,
            consents_to_processing=True,
            consents_to_sharing=spec.sharing,
        )
        StateChange.objects.filter(help_request=request).update(at=moments[0])
        closed_at = None
        for step, at in zip(spec.steps, moments[1:], strict=True):
            actor = members[step.by].user if step.by else None
            if step.action in ("move", "rate", "withdraw"):
                if step.action == "rate":
                    request = request_services.request_rate(
                        help_request=request, rating=step.extra, comment=step.text
                    )
                elif step.action == "withdraw":
                    request = request_services.request_withdraw(
                        help_request=request, note=step.text
                    )
                elif step.state == S.MATCHED and request.state in (S.SUBMITTED, S.TRIAGE):
                    request = self._decide(request, step, actor, at)
                else:
                    request = request_services.request_move(
                        help_request=request,
                        to_state=step.state,
                        actor=actor,
                        note=step.text,
                        referred_to=step.extra,
                    )
                change = request.state_changes.order_by("-pk").first()
                StateChange.objects.filter(pk=change.pk).update(at=at)
                closed_at = at if change.to_state in CLOSED_STATES else None
            elif step.action == "assign":
                previous = request.assignments.filter(ended_at__isnull=True).first()
                assignment = request_services.request_assign(
                    help_request=request, membership=members[step.extra], actor=actor
                )
                Assignment.objects.filter(pk=assignment.pk).update(started_at=at)
                if previous is not None and previous.pk != assignment.pk:
                    Assignment.objects.filter(pk=previous.pk).update(ended_at=at)
            elif step.action == "link":
                request = request_services.request_triage(
                    help_request=request, actor=actor, organisation=organisations[step.extra]
                )
            elif step.action == "note":
                note = request_services.note_add(help_request=request, actor=actor, body=step.text)
                InternalNote.objects.filter(pk=note.pk).update(created_at=at)
            elif step.action == "message":
                sent = request_services.message_send(
                    help_request=request, actor=actor, body=step.text
                )
                Message.objects.filter(pk=sent.pk).update(created_at=at)
            elif step.action == "reply":
                sent = request_services.message_from_provider(help_request=request, body=step.text)
                Message.objects.filter(pk=sent.pk).update(created_at=at)
            elif step.action == "outcome":
                request = request_services.referral_outcome_record(
                    help_request=request, outcome=step.text, actor=actor
                )
            else:
                raise ValueError(f"Unknown demo step: {step.action}")
        HelpRequest.objects.filter(pk=request.pk).update(
            submitted_at=moments[0], created_at=moments[0], closed_at=closed_at
        )
        request = HelpRequest.objects.select_related("loket").get(pk=request.pk)
        request_services.response_times_refresh(help_request=request)
        HelpRequest.objects.filter(pk=request.pk).update(updated_at=moments[-1])

    def _decide(self, request, step, actor, at):
        """Support is chosen by an open decision among the ranked offerings: mostly the one
        ranked first; every fourth time the second, with the reason."""
        ranked = rank_offerings(help_request=request)
        self.decisions_made = getattr(self, "decisions_made", 0) + 1
        passed_over = self.decisions_made % 4 == 0 and len(ranked) > 1
        chosen = ranked[1 if passed_over else 0].offering
        decision_services.decision_record(
            help_request=request,
            chosen=[chosen],
            rationale=step.text or f"{chosen.title} past het best bij deze vraag.",
            public_summary=f"{chosen.title} sluit het best aan bij de vraag van de club.",
            deviation_reason="De club werkt al met deze partij; dat maakt de start sneller."
            if passed_over
            else "",
            actor=actor,
            decided_at=at,
        )
        return HelpRequest.objects.get(pk=request.pk)

    def _offerings(self, loket, organisations, other_desks):
        """The demo catalogue (see demo.network.OFFERINGS), once."""
        if Offering.objects.filter(Q(loket=loket) | Q(loket__isnull=True)).exists():
            return
        for (title, party, kind, scope, keys, kinds, cost, capacity, period, duration,
             description) in OFFERINGS:  # fmt: skip
            offering_services.offering_save(
                actor=None,
                loket=None if scope == OfferingScope.NATIONAL else loket,
                title=title,
                description=description,
                delivered_by=organisations[party],
                kind=kind,
                scope=scope,
                provider_kinds=kinds,
                cost_cents=cost,
                capacity=capacity,
                capacity_period=period,
                duration=duration,
                theme_keys=keys,
                shared_with=other_desks if scope == OfferingScope.REGION else (),
            )

    def _print_accounts(self):
        self.stdout.write(
            self.style.SUCCESS(f"Demo accounts (password for all: {settings.DEMO_PASSWORD})")
        )
        for email, _name, _national, memberships in USERS:
            roles = ", ".join(f"{role.label} @ {slug}" for slug, role, _k, _a in memberships)
            self.stdout.write(f"  {email:40} {roles or 'landelijk team (alleen totalen)'}")
        self.stdout.write(
            f"  Pagina van een aanbieder / provider's page: /mijn/ met / with {DEMO_SECRETARY} "
            "(de code staat in de console / the code is printed on the console)"
        )


def _mail_held_back():
    """Sends the services' e-mails nowhere, unless tests collect them (locmem)."""
    if settings.MAILER_EMAIL_BACKEND == "django.core.mail.backends.locmem.EmailBackend":
        return nullcontext()
    return override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")


def _working_days_before(day, count):
    while count:
        day -= timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def _moments(spec, now):
    """When the request was submitted and when each of its steps happened: ``ago`` working
    days before today, then ``days`` working days after each previous step."""
    day = _working_days_before(timezone.localdate(now), spec.ago)
    moments = [timezone.make_aware(datetime.combine(day, time.fromisoformat(spec.at)))]
    for step in spec.steps:
        day = add_working_days(day, step.days)
        moments.append(timezone.make_aware(datetime.combine(day, time.fromisoformat(step.at))))
    if moments != sorted(set(moments)) or moments[-1] >= now:
        raise ValueError(f"Demo request of {spec.organisation}: steps out of order or to come.")
    return moments
