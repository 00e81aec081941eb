"""The demo installation's desks and accounts (all with the password ``DEMO_PASSWORD``)."""

from sportloket.core.constants import PartnerKind, Role

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
