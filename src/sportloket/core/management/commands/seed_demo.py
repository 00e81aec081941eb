"""Creates the demo desks and accounts. Idempotent: a second run changes nothing."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from sportloket.accounts.services import user_get_or_create
from sportloket.core import services
from sportloket.core.constants import PartnerKind, Role
from sportloket.core.models import Loket, Membership
from sportloket.registry.models import Municipality

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

    def _print_accounts(self):
        self.stdout.write(
            self.style.SUCCESS(f"Demo accounts (password for all: {settings.DEMO_PASSWORD})")
        )
        for email, _name, _national, memberships in USERS:
            roles = ", ".join(f"{role.label} @ {slug}" for slug, role, _k, _a in memberships)
            self.stdout.write(f"  {email:40} {roles or 'landelijk team (alleen totalen)'}")
