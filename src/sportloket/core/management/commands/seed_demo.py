"""Creates the demo desks and accounts. Idempotent: a second run changes nothing."""

from datetime import date

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.text import slugify

from sportloket.accounts.services import user_get_or_create
from sportloket.core import services
from sportloket.core.constants import PartnerKind, Role
from sportloket.core.demo_network import (
    CLUBS,
    COMMERCIAL,
    DEMO_DECLARATION_PDF,
    PARTICIPATIONS,
    PARTIES,
    PEOPLE,
)
from sportloket.core.models import Loket, Membership
from sportloket.helprequests.services import themes_prefill
from sportloket.registry import services as registry_services
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.models import (
    AreaAlignment,
    Federation,
    Municipality,
    Organisation,
    Participation,
    Person,
    Sport,
)

DESKS = [
    {
        "slug": "demo",
        "name": "Sportloket Demo",
        "description": (
            "Het sport- en beweegloket voor sportclubs en sportaanbieders in Utrecht, "
            "Nieuwegein, Houten en IJsselstein. Met al je vragen kun je hier terecht: wij zoeken "
            "samen met gemeenten, sportbonden, het sportbedrijf en fondsen de best passende "
            "ondersteuning."
        ),
        "email": "info@sportloket-demo.nl",
        "phone": "030 123 45 67",
        "address": "Sportlaan 1, 3511 AB Utrecht",
        "website": "https://sportloket-demo.nl",
        "work_area": ["GM0344", "GM0356", "GM0321", "GM0353"],
    },
    {
        "slug": "heuvelrug",
        "name": "Sportloket Heuvelrug",
        "description": (
            "Het sport- en beweegloket voor Utrechtse Heuvelrug, Zeist en Wijk bij Duurstede."
        ),
        "email": "info@sportloket-heuvelrug.nl",
        "phone": "0343 12 34 56",
        "address": "Dorpsstraat 10, 3941 JK Doorn",
        "website": "",
        "work_area": ["GM1581", "GM0355", "GM0352"],
    },
]

# (e-mail, full name, national team, [(desk slug, role, partner kind, acts for)])
USERS = [
    (
        "coordinator@sportloket-demo.nl",
        "Carla de Vries",
        False,
        [
            ("demo", Role.COORDINATOR, "", "Sportbedrijf Utrecht"),
            ("heuvelrug", Role.VIEWER, "", "Sportloket Demo"),
        ],
    ),
    (
        "ondersteuner@sportloket-demo.nl",
        "Sander Bakker",
        False,
        [("demo", Role.SUPPORTER, "", "Verenigingsondersteuning Utrecht")],
    ),
    (
        "buurtsportcoach@sportloket-demo.nl",
        "Fatima El Amrani",
        False,
        [("demo", Role.SUPPORTER, "", "Buurtsportcoaches Nieuwegein")],
    ),
    (
        "gemeente@sportloket-demo.nl",
        "Joost Hendriks",
        False,
        [("demo", Role.PARTNER, PartnerKind.MUNICIPALITY, "Gemeente Utrecht")],
    ),
    (
        "bond@sportloket-demo.nl",
        "Marieke Jansen",
        False,
        [("demo", Role.PARTNER, PartnerKind.FEDERATION, "KNVB")],
    ),
    (
        "fonds@sportloket-demo.nl",
        "Peter van Dijk",
        False,
        [("demo", Role.PARTNER, PartnerKind.FUND, "Rabo ClubSupport")],
    ),
    (
        "kijker@sportloket-demo.nl",
        "Annemiek Visser",
        False,
        [("demo", Role.VIEWER, "", "Sportplatform Utrecht")],
    ),
    (
        "coordinator@sportloket-heuvelrug.nl",
        "Hans Mulder",
        False,
        [("heuvelrug", Role.COORDINATOR, "", "Gemeente Utrechtse Heuvelrug")],
    ),
    ("landelijk@sportloket-demo.nl", "Noor Smit", True, []),
]


class Command(BaseCommand):
    help = "Creates the demo desks 'demo' and 'heuvelrug' with an account for every role."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Do not print the accounts.")

    @transaction.atomic
    def handle(self, *args, quiet=False, **options):
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
        self._network(desks["demo"])
        for loket in desks.values():
            themes_prefill(loket=loket, actor=None)
        if not quiet:
            self._print_accounts()

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
        """The demo desk's register, participations and declarations (see core.demo_network)."""
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

    def _print_accounts(self):
        self.stdout.write(
            self.style.SUCCESS(f"Demo accounts (password for all: {settings.DEMO_PASSWORD})")
        )
        for email, _name, _national, memberships in USERS:
            roles = ", ".join(f"{role.label} @ {slug}" for slug, role, _k, _a in memberships)
            self.stdout.write(f"  {email:40} {roles or 'landelijk team (alleen totalen)'}")
