"""The demo desk's network: clubs, commercial providers and the parties behind the desk.

Names are invented (any likeness to a real club is by accident), and so are the KvK numbers;
municipalities, sports and federations are real reference data.
"""

from sportloket.registry.constants import OrganisationKind, ParticipationKind, PersonFunction

# fmt: off

# (name, municipality CBS code, place, postcode, sports, federations, members, founded)
CLUBS = [
    ("Voetbalvereniging Domstad Oost", "GM0344", "Utrecht", "3581 AB", ["voetbal"], ["KNVB"], 640, "1921-05-01"),
    ("SV Kanaleneiland", "GM0344", "Utrecht", "3526 KL", ["voetbal", "futsal"], ["KNVB"], 410, "1968-09-12"),
    ("Mixed Hockey Club De Uithof", "GM0344", "Utrecht", "3584 CS", ["hockey"], ["KNHB"], 980, "1932-03-15"),
    ("Tennisvereniging Wilhelminapark", "GM0344", "Utrecht", "3581 NE", ["tennis", "padel"], ["KNLTB"], 720, "1909-06-01"),
    ("Zwem- en Poloclub De Vaartse Rijn", "GM0344", "Utrecht", "3523 AA", ["zwemmen", "waterpolo"], ["KNZB"], 355, "1946-04-20"),
    ("Atletiekvereniging Utrechtse Heuvel", "GM0344", "Utrecht", "3584 AK", ["atletiek", "hardlopen"], ["Atletiekunie"], 530, "1978-01-10"),
    ("Volleybalclub Lombok", "GM0344", "Utrecht", "3531 EH", ["volleybal", "beachvolleybal"], ["Nevobo"], 260, "1983-10-01"),
    ("Korfbalvereniging Oranje Nassau", "GM0344", "Utrecht", "3552 AS", ["korfbal"], ["KNKV"], 310, "1926-08-01"),
    ("Handbalvereniging Overvecht", "GM0344", "Utrecht", "3562 EA", ["handbal"], ["NHV"], 190, "1971-02-14"),
    ("Judovereniging Zuilen", "GM0344", "Utrecht", "3554 TA", ["judo", "jiu-jitsu"], ["JBN"], 150, "1965-11-30"),
    ("Gymnastiekvereniging Turnlust Utrecht", "GM0344", "Utrecht", "3572 KB", ["gymnastiek", "turnen"], ["KNGU"], 480, "1898-04-01"),
    ("Badmintonclub De Pluim", "GM0344", "Utrecht", "3533 AW", ["badminton"], ["Badminton Nederland"], 120, "1975-09-01"),
    ("Schaakclub Het Paard van Troje", "GM0344", "Utrecht", "3512 JE", ["schaken"], ["KNSB schaken"], 85, "1950-01-01"),
    ("Roeivereniging De Vecht", "GM0344", "Utrecht", "3582 AZ", ["roeien"], ["KNRB"], 400, "1895-05-05"),
    ("Basketbalvereniging Vleuten Rebounds", "GM0344", "Vleuten", "3451 GA", ["basketbal"], ["NBB"], 175, "1987-09-15"),
    ("Wandelsportvereniging De Stichtse Stappers", "GM0344", "Utrecht", "3515 AB", ["wandelen"], ["KWBN"], 95, "1962-03-03"),
    ("Café Één Biljartclub", "GM0344", "Utrecht", "3511 KV", ["biljarten"], ["KNBB"], 40, "1991-02-09"),
    ("VV Nieuwegein Noord", "GM0356", "Nieuwegein", "3437 JA", ["voetbal"], ["KNVB"], 520, "1969-07-01"),
    ("Hockeyclub Nieuwegein", "GM0356", "Nieuwegein", "3432 NR", ["hockey"], ["KNHB"], 610, "1973-04-01"),
    ("Tennispark Fokkesteeg", "GM0356", "Nieuwegein", "3433 ZN", ["tennis"], ["KNLTB"], 450, "1980-05-01"),
    ("Zwemvereniging Merwestein", "GM0356", "Nieuwegein", "3431 GA", ["zwemmen"], ["KNZB"], 230, "1972-01-01"),
    ("Korfbalclub Galecop", "GM0356", "Nieuwegein", "3437 PA", ["korfbal"], ["KNKV"], 240, "1976-09-01"),
    ("Judoclub Jutphaas", "GM0356", "Nieuwegein", "3431 CA", ["judo"], ["JBN"], 110, "1984-10-10"),
    ("Tafeltennisvereniging Batau", "GM0356", "Nieuwegein", "3437 GD", ["tafeltennis"], ["NTTB"], 70, "1979-03-01"),
    ("Voetbalvereniging 't Goy", "GM0321", "Houten", "3992 AA", ["voetbal", "walking-football"], ["KNVB"], 380, "1957-06-01"),
    ("Mixed Hockeyclub Houten", "GM0321", "Houten", "3991 CD", ["hockey"], ["KNHB"], 900, "1977-09-01"),
    ("Tennisclub Schalkwijk", "GM0321", "Schalkwijk", "3998 JA", ["tennis"], ["KNLTB"], 210, "1982-04-01"),
    ("Atletiekclub Houten Loopt", "GM0321", "Houten", "3995 DN", ["atletiek", "hardlopen"], ["Atletiekunie"], 290, "1990-05-01"),
    ("Volleybalvereniging Houten", "GM0321", "Houten", "3994 AB", ["volleybal"], ["Nevobo"], 200, "1974-09-01"),
    ("Paardensportvereniging Het Wijkse Erf", "GM0321", "Houten", "3999 AA", ["paardensport"], ["KNHS"], 130, "1966-05-01"),
    ("IJsselsteinse Voetbalclub", "GM0353", "IJsselstein", "3401 AA", ["voetbal"], ["KNVB"], 560, "1930-08-01"),
    ("Hockeyclub IJsselstein", "GM0353", "IJsselstein", "3402 BG", ["hockey"], ["KNHB"], 420, "1986-09-01"),
    ("Zwemclub De IJssel", "GM0353", "IJsselstein", "3403 AT", ["zwemmen", "schoonspringen"], ["KNZB"], 160, "1959-06-01"),
    ("Gymnastiekclub Benschop-IJsselstein", "GM0353", "IJsselstein", "3401 CE", ["gymnastiek", "trampolinespringen"], ["KNGU"], 230, "1955-01-01"),
    ("Wielervereniging De Lek", "GM0353", "IJsselstein", "3404 AB", ["wielrennen", "mountainbiken"], ["KNWU"], 140, "1988-03-01"),
]

# (name, municipality, place, postcode, sports)
COMMERCIAL = [
    ("Sportschool Domfit", "GM0344", "Utrecht", "3511 AA", ["fitness"]),
    ("Padelcentrum Leidsche Rijn", "GM0344", "Utrecht", "3541 AB", ["padel"]),
    ("Yogastudio Zonnehof", "GM0344", "Utrecht", "3512 CC", ["yoga"]),
    ("Boulderhal De Kluis", "GM0344", "Utrecht", "3534 AE", ["klimmen"]),
    ("Bootcamp Maximapark", "GM0344", "Utrecht", "3544 AA", ["bootcamp"]),
    ("Dansschool Het Ritme", "GM0356", "Nieuwegein", "3431 AB", ["dans"]),
    ("Fitland Nieuwegein", "GM0356", "Nieuwegein", "3439 LA", ["fitness"]),
    ("Kickboksschool Galecop", "GM0356", "Nieuwegein", "3437 AB", ["kickboksen", "boksen"]),
    ("Sportcentrum Houten Zuid", "GM0321", "Houten", "3994 DA", ["fitness", "squash"]),
    ("Zwemschool Spetter", "GM0321", "Houten", "3992 LA", ["zwemmen"]),
    ("Personal Training IJsselstein", "GM0353", "IJsselstein", "3401 DA", ["fitness"]),
    ("Golfbaan De Lage Weide", "GM0353", "IJsselstein", "3403 ZA", ["golf"]),
]

# (name, kind, municipality or None, place)
PARTIES = [
    ("Gemeente Utrecht", OrganisationKind.MUNICIPALITY, "GM0344", "Utrecht"),
    ("Gemeente Nieuwegein", OrganisationKind.MUNICIPALITY, "GM0356", "Nieuwegein"),
    ("Sportbedrijf Utrecht", OrganisationKind.SPORT_COMPANY, "GM0344", "Utrecht"),
    ("Sportraad Utrecht", OrganisationKind.SPORT_PLATFORM, "GM0344", "Utrecht"),
    ("KNVB district West I", OrganisationKind.FEDERATION, None, "Zeist"),
    ("KNHB regio Midden", OrganisationKind.FEDERATION, None, "Utrecht"),
    ("KNLTB regio Midden", OrganisationKind.FEDERATION, None, "Amersfoort"),
    ("Rabo ClubSupport (demo)", OrganisationKind.FUND, None, "Utrecht"),
    ("Verenigingsondersteuning Midden-Nederland", OrganisationKind.SUPPORT, "GM0344", "Utrecht"),
    ("Buurtteam Zorg Nieuwegein", OrganisationKind.CARE, "GM0356", "Nieuwegein"),
    ("Welzijn Houten", OrganisationKind.WELFARE, "GM0321", "Houten"),
    ("Ondernemersvereniging IJsselstein", OrganisationKind.BUSINESS, "GM0353", "IJsselstein"),
    ("ROC Midden Nederland (demo)", OrganisationKind.EDUCATION, "GM0344", "Utrecht"),
]

# (party name, how it takes part, declaration: None or (signed on, valid until or None))
PARTICIPATIONS = [
    ("Gemeente Utrecht", ParticipationKind.SUPPORTING, ("2025-11-03", None)),
    ("Gemeente Nieuwegein", ParticipationKind.FUNDING, ("2025-12-01", "2026-12-31")),
    ("Sportbedrijf Utrecht", ParticipationKind.SUPPORTING, ("2025-10-15", None)),
    ("Sportraad Utrecht", ParticipationKind.REPRESENTING, ("2026-01-20", None)),
    ("KNVB district West I", ParticipationKind.SUPPORTING, ("2025-11-20", "2027-11-20")),
    ("KNHB regio Midden", ParticipationKind.SUPPORTING, None),
    ("KNLTB regio Midden", ParticipationKind.SUPPORTING, ("2024-01-10", "2025-12-31")),
    ("Rabo ClubSupport (demo)", ParticipationKind.FUNDING, ("2026-02-01", None)),
    ("Verenigingsondersteuning Midden-Nederland", ParticipationKind.SUPPORTING, None),
]

# (organisation, person, function, agrees to sharing)
PEOPLE = [
    ("Voetbalvereniging Domstad Oost", "Henk Verhoeven", PersonFunction.CHAIR, True),
    ("Voetbalvereniging Domstad Oost", "Sanne Kuipers", PersonFunction.SECRETARY, False),
    ("Mixed Hockey Club De Uithof", "Eva Brouwer", PersonFunction.CHAIR, True),
    ("Mixed Hockey Club De Uithof", "Daan Vos", PersonFunction.VOLUNTEER_COORDINATOR, True),
    ("Tennisvereniging Wilhelminapark", "Ingrid Smits", PersonFunction.TREASURER, False),
    ("VV Nieuwegein Noord", "Mohamed Ouali", PersonFunction.CHAIR, True),
    ("Hockeyclub Nieuwegein", "Lotte van Leeuwen", PersonFunction.SECRETARY, True),
    ("Mixed Hockeyclub Houten", "Jeroen Dekker", PersonFunction.CHAIR, False),
    ("IJsselsteinse Voetbalclub", "Karin Bos", PersonFunction.CONTACT, True),
    ("Sportschool Domfit", "Rik Willems", PersonFunction.DIRECTOR, True),
    ("Sportraad Utrecht", "Anja Meijer", PersonFunction.CHAIR, True),
]

# fmt: on

# A one-page PDF that stands in for a scanned, signed declaration.
DEMO_DECLARATION_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

# The demo catalogue: (title, delivered by (a party above), kind, scope, theme keys, for which
# providers, cost in cents, capacity or None, capacity period, duration, description).
# Scope "region" is shared with the desk "heuvelrug"; "national" belongs to no desk.
OFFERINGS = [
    ("Vrijwilligersbeleid op maat", "Verenigingsondersteuning Midden-Nederland", "coaching",
     "desk", ["volunteers", "governance"], "all", 0, 12, "year", "8 weken",
     "Een verenigingsadviseur helpt het bestuur een vrijwilligersbeleid te maken: taken "
     "opknippen, nieuwe mensen werven en vrijwilligers vasthouden."),
    ("Bestuurlijk spreekuur", "Sportbedrijf Utrecht", "advice", "desk",
     ["governance", "finances", "cooperation"], "all", 0, None, "year", "1 gesprek",
     "Elke week een spreekuur voor bestuurders: statuten, WBTR, begroting en samenwerking."),
    ("Energiescan sportaccommodatie", "Gemeente Utrecht", "advice", "desk",
     ["sustainability", "facilities"], "club", 45000, 20, "year", "1 dag",
     "Een energieadviseur bekijkt kantine, kleedkamers en verlichting en maakt een plan met "
     "subsidies die passen."),
    ("Subsidiewijzer en begrotingscheck", "Sportbedrijf Utrecht", "advice", "desk",
     ["finances"], "club", 0, None, "year", "2 gesprekken",
     "Welke regelingen passen bij de club, en klopt de begroting voor volgend seizoen?"),
    ("Cursus Veilig sportklimaat voor trainers", "KNVB district West I", "course", "desk",
     ["safe-sport", "training"], "club", 25000, 4, "quarter", "3 avonden",
     "Trainers leren grensoverschrijdend gedrag herkennen en bespreekbaar maken; met een "
     "vertrouwenscontactpersoon als sluitstuk."),
    ("Ledenwerving jeugd", "KNHB regio Midden", "coaching", "desk",
     ["members", "communication"], "club", 60000, 6, "year", "3 maanden",
     "Een begeleidingstraject om meer jeugdleden te werven en te behouden, met scholen en "
     "wijk."),
    ("Inclusief sporten: aangepast aanbod opzetten", "Buurtteam Zorg Nieuwegein", "coaching",
     "desk", ["inclusion"], "all", 0, 8, "year", "10 weken",
     "Samen met zorg en welzijn een aangepast aanbod opzetten voor sporters met een beperking."),
    ("Gezonde sportkantine", "Sportbedrijf Utrecht", "coaching", "desk", ["healthy"], "club",
     0, 10, "year", "6 weken",
     "Een gezonder assortiment in de kantine, stap voor stap en zonder omzetverlies."),
    ("Communicatieplan en website", "ROC Midden Nederland (demo)", "course", "desk",
     ["communication", "members"], "all", 15000, 10, "year", "1 semester",
     "Studenten marketing en communicatie maken met de club een communicatieplan en een "
     "nieuwe website."),
    ("Samenwerken met school en buurt", "Sportraad Utrecht", "coaching", "desk",
     ["cooperation", "members"], "all", 0, None, "year", "doorlopend",
     "De sportraad brengt clubs in contact met scholen, buurtsportcoaches en buurthuizen."),
    ("Ondernemersnetwerk sport", "Ondernemersvereniging IJsselstein", "advice", "desk",
     ["finances", "cooperation"], "commercial", 0, None, "year", "4 bijeenkomsten per jaar",
     "Sportondernemers leren van elkaar over personeel, prijzen en samenwerking."),
    ("Opleiding jeugdtrainer tennis", "KNLTB regio Midden", "course", "region", ["training"],
     "club", 30000, 12, "year", "6 zaterdagen",
     "De bondsopleiding voor jeugdtrainers, samen met het sportloket Heuvelrug."),
    ("Rabo ClubSupport Clubadvies", "Rabo ClubSupport (demo)", "advice", "national",
     ["finances", "governance", "sustainability"], "club", 0, 50, "year", "3 gesprekken",
     "Landelijk adviesprogramma: een expert van de bank denkt mee over financiën, bestuur en "
     "verduurzaming."),
    ("Dienstenmenu: Verenigingsmonitor", "Verenigingsondersteuning Midden-Nederland",
     "services_menu", "national", ["governance", "members"], "club", 20000, None, "year",
     "1 meting", "Een gesprek en een meting die laten zien waar de club staat en wat de "
     "volgende stap is."),
]  # fmt: skip
