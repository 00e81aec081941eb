# ruff: noqa: E501 - a question or message reads best on one line
"""The demo desks' help requests: questions from the clubs and sport providers of the demo
network (see core.demo_network), in every state of the workflow, with their history.

Pure data; ``seed_demo`` makes them through the help-request services and then moves them back
in time. Times are relative: a request was submitted ``ago`` working days before today, at
``at`` o'clock, and each step follows the previous one after ``days`` working days (0: the same
day, later). People and organisations are invented; e-mail addresses use example domains.
"""

from typing import NamedTuple

from sportloket.helprequests.constants import RequestState as S
from sportloket.helprequests.constants import Urgency

# The desk members who act (accounts from seed_demo.USERS).
CARLA = "coordinator@sportloket-demo.nl"
SANDER = "ondersteuner@sportloket-demo.nl"
FATIMA = "buurtsportcoach@sportloket-demo.nl"
HANS = "coordinator@sportloket-heuvelrug.nl"

# Themes by their source name in helprequests.constants.DEFAULT_THEMES (the desk's rows carry
# the Dutch translation).
GOVERNANCE = "Governance and board"
VOLUNTEERS = "Volunteers"
FINANCES = "Finances"
MEMBERS = "Members and recruitment"
FACILITIES = "Facilities and accommodation"
SUSTAINABILITY = "Sustainability"
SAFE_SPORT = "Safe sport climate"
INCLUSION = "Inclusion and diversity"
HEALTHY = "Healthy sport environment"
COMMUNICATION = "Communication"
COOPERATION = "Cooperation"
TRAINING = "Training of staff and trainers"
OTHER = "Other"


class Step(NamedTuple):
    days: int  # working days after the previous step
    at: str  # time of day, "HH:MM"
    action: str  # move, assign, note, message, reply, link, rate, outcome, withdraw
    by: str = ""  # e-mail of the desk member; empty when the provider acts
    text: str = ""  # note, message, reason or comment
    state: str = ""  # the state a move goes to
    extra: str | int = ""  # referred to, supporter's e-mail, organisation or rating


class DemoRequest(NamedTuple):
    ago: int  # working days before today it was submitted
    at: str
    organisation: str  # its name in the demo register, or as typed for a new organisation
    contact: tuple[str, str, str]  # name, e-mail, role at the organisation
    themes: tuple[str, ...]
    question: str
    steps: tuple[Step, ...] = ()
    urgency: str = Urgency.NORMAL
    sharing: bool = True
    new: bool = False  # not in the register: kvk and place as the provider typed them
    kvk: str = ""
    place: str = ""
    kvk_given: bool = True  # False: the provider left it out, the desk links it in triage
    typed: str = ""  # the name as typed, when it differs from the register


def move(days, at, state, by=CARLA, note=""):
    return Step(days, at, "move", by, note, state)


def triage(days, at, by=CARLA):
    return move(days, at, S.TRIAGE, by)


def hold(days, at, by, reason):
    return move(days, at, S.ON_HOLD, by, reason)


def refer(days, at, by, to, reason):
    return Step(days, at, "move", by, reason, S.REFERRED, to)


def reject(days, at, by, reason):
    return move(days, at, S.REJECTED, by, reason)


def assign(days, at, supporter, by=CARLA):
    return Step(days, at, "assign", by, extra=supporter)


def link(days, at, organisation, by=CARLA):
    return Step(days, at, "link", by, extra=organisation)


def note(days, at, by, body):
    return Step(days, at, "note", by, body)


def message(days, at, by, body):
    return Step(days, at, "message", by, body)


def reply(days, at, body):
    return Step(days, at, "reply", text=body)


def outcome(days, at, by, text):
    return Step(days, at, "outcome", by, text)


def rate(days, at, rating, comment):
    return Step(days, at, "rate", text=comment, extra=rating)


def withdraw(days, at, reason):
    return Step(days, at, "withdraw", text=reason)


# fmt: off

DUPLICATE_KANTINE = "Wij willen onze kantine gezonder maken: minder frituur, meer fruit en water, en geen alcohol tijdens jeugdwedstrijden. Maar de kantine is onze belangrijkste bron van inkomsten. Hoe doen andere clubs dat zonder omzet te verliezen?"

DEMO = [
    # Evaluated
    DemoRequest(
        160, "21:14", "Voetbalvereniging Domstad Oost", ("Henk Verhoeven", "henk-verhoeven@example.nl", "voorzitter"), (VOLUNTEERS,),
        "Onze club groeit hard (ruim 600 leden), maar het aantal vrijwilligers niet. De kantine draait op vijf mensen en op zaterdag fluiten ouders met tegenzin de jeugdwedstrijden. Hoe pakken andere voetbalclubs dit aan? We denken aan een vrijwilligersplicht voor ouders, maar zijn bang dat leden dan opzeggen.",
        (
            triage(1, "09:12"),
            message(0, "09:30", CARLA, "Beste Henk, dank voor je vraag. Herkenbaar: veel clubs in Utrecht lopen hier tegenaan. Sander Bakker van de verenigingsondersteuning neemt deze week contact met je op."),
            assign(0, "09:32", SANDER),
            note(0, "09:35", CARLA, "Domstad Oost deed vorig jaar mee aan de pilot 'Vrijwilligers in de kantine' van het Sportbedrijf; Sander vraagt of daar nog materiaal van is."),
            message(2, "11:05", SANDER, "Hoi Henk, zullen we dinsdagavond bij jullie op de club afspreken? Neem gerust de kantinecoördinator mee."),
            reply(0, "18:47", "Dinsdag om 19.30 uur past goed, de koffie staat klaar. Onze kantinecoördinator Ellen schuift ook aan."),
            move(3, "10:20", S.MATCHED, CARLA, "We helpen jullie met een vrijwilligersplan: een gesprek met het bestuur en een workshop 'Vrijwilligers werven en behouden'."),
            move(1, "09:00", S.IN_PROGRESS, SANDER),
            note(0, "09:15", SANDER, "Goed gesprek met Henk en Ellen. Afspraken: taakkaarten per functie, een vrijwilligersmarkt bij de seizoensopening en een klussenlijst voor ouders in plaats van een verplichting."),
            message(12, "15:30", SANDER, "Hierbij het concept-vrijwilligersplan en de taakkaarten. Laat maar weten wat jullie ervan vinden; de workshop is over twee weken op donderdagavond."),
            reply(3, "20:05", "Het bestuur is enthousiast. We passen de klussenlijst nog aan en zetten hem in de nieuwsbrief."),
            move(10, "16:40", S.COMPLETED, SANDER, "Vrijwilligersplan opgeleverd en workshop gegeven."),
            rate(4, "21:20", 5, "Heel praktisch geholpen. Na de vrijwilligersmarkt hebben zich twaalf nieuwe vrijwilligers gemeld!"),
        ),
    ),
    DemoRequest(
        140, "13:02", "Mixed Hockey Club De Uithof", ("Daan Vos", "daan-vos@example.nl", "vrijwilligerscoördinator"), (SAFE_SPORT, VOLUNTEERS),
        "Wij willen dat al onze trainers en coaches een VOG hebben en we zoeken een vertrouwenscontactpersoon. Het gaat om ruim 120 vrijwilligers, veel van hen studenten die elk jaar wisselen. Hoe regelen we dat praktisch, en kunnen we de VOG's gratis aanvragen?",
        (
            triage(1, "08:55"),
            message(0, "09:10", CARLA, "Beste Daan, goede vraag! Voor vrijwilligers kan de club de VOG gratis aanvragen via de regeling Gratis VOG. Sander Bakker helpt jullie met het beleid en met het aanstellen van een vertrouwenscontactpersoon."),
            assign(0, "09:12", SANDER),
            move(8, "11:30", S.MATCHED, CARLA, "Begeleiding bij het VOG-beleid en bij het werven en opleiden van een vertrouwenscontactpersoon."),
            move(1, "10:00", S.IN_PROGRESS, SANDER),
            message(0, "10:05", SANDER, "Hoi Daan, ik stuur je een stappenplan voor het VOG-beleid. Zullen we volgende week bellen over de vertrouwenscontactpersoon? Er start binnenkort een cursus in de regio."),
            reply(1, "22:10", "Top, bellen kan donderdag na 16.00 uur. We hebben al twee kandidaten."),
            note(2, "16:20", SANDER, "Twee kandidaten aangemeld voor de cursus vertrouwenscontactpersoon. De club registreert VOG's voortaan in de ledenadministratie, met een herinnering na drie jaar."),
            move(14, "15:00", S.COMPLETED, SANDER, "VOG-beleid staat, twee vertrouwenscontactpersonen opgeleid."),
            rate(6, "19:30", 4, "Fijne begeleiding. De cursus begon pas na een maand, dat had sneller gekund."),
        ),
    ),
    DemoRequest(
        118, "10:47", "Tennisvereniging Wilhelminapark", ("Ingrid Smits", "ingrid-smits@example.nl", "penningmeester"), (SUSTAINABILITY, FINANCES),
        "Wij willen de verlichting van onze zes banen vervangen door led. Volgens de offerte kost dat ruim € 90.000. Welke subsidies zijn er (we hoorden over de BOSA) en hoe pakken we de aanvraag aan? Het liefst hebben we het voor het winterseizoen geregeld.",
        (
            triage(5, "14:20"),
            message(0, "14:35", CARLA, "Beste Ingrid, excuses dat het even duurde: het was druk rond de subsidieronde. De BOSA-regeling is inderdaad de eerste plek om te kijken; Sander Bakker zoekt het met je uit."),
            assign(1, "09:30", SANDER),
            note(0, "09:40", CARLA, "Ook de gemeentelijke regeling voor verduurzaming van sportaccommodaties bekijken. De club huurt de grond van de gemeente: uitzoeken van wie de lichtmasten zijn."),
            message(4, "13:10", SANDER, "Hoi Ingrid, kun je ons de offerte en het huurcontract met de gemeente sturen? Voor de BOSA is het belangrijk wie eigenaar is van de masten."),
            reply(2, "20:40", "Offerte en huurcontract heb ik gemaild. De masten zijn van de club."),
            move(13, "11:00", S.MATCHED, CARLA, "We helpen jullie met de BOSA-aanvraag en kijken naar aanvullende financiering via de gemeente."),
            move(1, "09:15", S.IN_PROGRESS, SANDER),
            note(10, "15:45", SANDER, "BOSA-aanvraag ingediend. Gesprek met de accountmanager sport van de gemeente over cofinanciering gepland."),
            move(15, "10:30", S.COMPLETED, SANDER, "Subsidieaanvraag ingediend en cofinanciering besproken."),
            rate(5, "21:00", 3, "Goed advies en de aanvraag is ingediend, maar het duurde lang voordat we een eerste reactie kregen."),
        ),
        sharing=False,
    ),
    DemoRequest(
        100, "19:55", "VV Nieuwegein Noord", ("Mohamed Ouali", "mohamed-ouali@example.nl", "voorzitter"), (INCLUSION, MEMBERS),
        "Steeds meer meiden in de wijk willen voetballen, maar wij hebben nog geen meidenteams en geen vrouwelijke trainers. We willen na de zomer starten met twee meidenteams (onder 11 en onder 13). Kunnen jullie ons helpen met werving, trainers en de aanpak?",
        (
            triage(1, "09:05"),
            assign(0, "09:10", FATIMA),
            message(0, "10:30", FATIMA, "Hoi Mohamed, wat een mooi plan! Ik ben buurtsportcoach in Nieuwegein en help jullie graag. Ik ken een paar scholen in Noord waar we een clinic kunnen geven."),
            move(2, "14:00", S.MATCHED, CARLA, "Buurtsportcoach Fatima El Amrani begeleidt de start van de meidenteams; de KNVB denkt mee over de trainersopleiding."),
            move(1, "09:30", S.IN_PROGRESS, FATIMA),
            note(3, "16:15", FATIMA, "Clinics gepland op twee basisscholen in Nieuwegein-Noord. Twee moeders willen trainer worden en zijn aangemeld voor de cursus pupillentrainer."),
            reply(8, "20:30", "De clinics waren een succes: 23 meiden hebben zich aangemeld voor een proeftraining!"),
            message(1, "09:45", FATIMA, "Geweldig! Ik kom bij de eerste proeftraining kijken en neem flyers mee voor de ouders."),
            move(12, "16:00", S.COMPLETED, FATIMA, "Twee meidenteams gestart met eigen trainers."),
            rate(3, "21:05", 5, "Fatima was er echt bij en kende de weg in de wijk. Zonder haar was het niet gelukt."),
        ),
    ),
    DemoRequest(
        82, "11:20", "Voetbalvereniging 't Goy", ("Wim Hoogendoorn", "wim.hoogendoorn@example.nl", "coördinator senioren"), (HEALTHY, FINANCES),
        "Wij willen walking football aanbieden voor 60-plussers in Houten en Schalkwijk. Er is belangstelling, maar we hebben geld nodig voor ballen, hesjes en een begeleider, en we weten niet hoe we de doelgroep bereiken. Wie kan ons helpen?",
        (
            triage(1, "10:00"),
            message(0, "10:15", CARLA, "Beste Wim, dank voor je vraag. We zoeken uit welk fonds past en wie in Houten de ouderen goed kent."),
            assign(1, "09:00", SANDER),
            move(2, "15:30", S.MATCHED, CARLA, "Hulp bij een fondsaanvraag en contact met Welzijn Houten om ouderen te bereiken."),
            move(1, "09:20", S.IN_PROGRESS, SANDER),
            hold(3, "11:00", SANDER, "We wachten op het besluit van het fonds over de aanvraag; daarna gaan we verder met de werving."),
            move(12, "10:10", S.IN_PROGRESS, SANDER, "Het fonds heeft de aanvraag toegekend."),
            message(0, "10:20", SANDER, "Goed nieuws, Wim: het fonds heeft € 2.500 toegekend voor materiaal en begeleiding! Zullen we de startdag plannen?"),
            reply(1, "17:45", "Fantastisch! Wat ons betreft starten we over drie weken, op woensdagochtend."),
            note(2, "14:00", SANDER, "Welzijn Houten verspreidt de flyer via de ouderenadviseurs en de huisartsen in Houten-Zuid."),
            move(16, "15:20", S.COMPLETED, SANDER, "Walking football gestart met achttien deelnemers."),
            rate(5, "10:45", 4, "Prima geholpen met de fondsaanvraag. Het wachten op het fonds duurde lang, maar daar kon het loket niets aan doen."),
        ),
    ),
    DemoRequest(
        64, "14:40", "Boulderhal De Kluis", ("Jasper Mol", "jasper@boulderhal-de-kluis.example.nl", "eigenaar"), (INCLUSION,),
        "Wij willen klimmen toegankelijk maken voor kinderen en jongeren met een beperking. We hebben de hal, maar geen ervaring met aangepast sporten. Met wie kunnen we samenwerken, en is er ondersteuning voor het opleiden van onze instructeurs?",
        (
            triage(1, "09:30"),
            message(0, "09:45", CARLA, "Beste Jasper, mooi initiatief. We brengen je in contact met de partners voor aangepast sporten in de regio; Sander Bakker helpt je verder."),
            assign(0, "09:46", SANDER),
            move(3, "13:15", S.MATCHED, CARLA, "Koppeling aan het regionale netwerk voor aangepast sporten en scholing voor de instructeurs."),
            move(1, "10:00", S.IN_PROGRESS, SANDER),
            note(2, "11:30", SANDER, "Contact gelegd met twee scholen voor speciaal onderwijs in Utrecht; zij willen een pilot van zes lessen."),
            message(5, "15:00", SANDER, "Hoi Jasper, de twee scholen willen graag een pilot. Ik heb ook een workshop 'Omgaan met een beperking in de sport' voor jullie instructeurs geregeld."),
            reply(1, "09:15", "Super, we plannen de pilot over drie weken."),
            move(14, "16:30", S.COMPLETED, SANDER, "Pilot met twee scholen gedraaid en instructeurs geschoold."),
            rate(2, "12:00", 5, "Precies wat we nodig hadden: het juiste netwerk. De pilot liep zo goed dat we er een vaste groep van maken."),
        ),
    ),
    DemoRequest(
        46, "20:10", "Tafeltennisvereniging Batau", ("Ton Verbeek", "ton.verbeek@example.nl", "secretaris"), (MEMBERS,),
        "Ons ledental loopt al jaren terug, vooral bij de jeugd. We hebben nu 70 leden, de meesten ouder dan 55. Hoe trekken we nieuwe leden aan? We hebben weinig budget en een kleine groep vrijwilligers.",
        (
            triage(4, "10:40"),
            assign(0, "10:45", FATIMA),
            move(10, "14:20", S.MATCHED, CARLA, "Advies over ledenwerving en een kennismakingsactie met de buurtsportcoach."),
            move(1, "09:00", S.IN_PROGRESS, FATIMA),
            message(0, "09:10", FATIMA, "Hoi Ton, ik stel voor dat we een open avond organiseren en tafeltennis aanbieden in het naschoolse aanbod. Zal ik een voorstel sturen?"),
            reply(3, "19:50", "Graag, maar doordeweeks 's middags hebben we geen vrijwilligers."),
            note(1, "11:15", FATIMA, "Naschools aanbod is lastig zonder vrijwilligers overdag. Alternatief: actie 'Pingpong in de wijk' met tafels bij het winkelcentrum."),
            move(10, "16:00", S.COMPLETED, FATIMA, "Open avond gehouden en werfplan opgesteld."),
            rate(5, "21:30", 2, "Het werfplan was netjes, maar paste niet bij onze kleine club: alles moest door onze eigen vrijwilligers gebeuren. We hadden meer praktische hulp verwacht."),
        ),
    ),
    DemoRequest(
        33, "21:40", "Korfbalvereniging Oranje Nassau", ("Marloes de Haan", "marloes.dehaan@example.nl", "secretaris"), (GOVERNANCE, VOLUNTEERS),
        "Onze voorzitter en penningmeester stoppen over drie maanden en we hebben nog geen opvolgers. Niemand wil een bestuursfunctie: mensen vinden het te veel werk. Hoe maken we besturen aantrekkelijker? Moeten we ons misschien anders organiseren?",
        (
            triage(1, "09:00"),
            message(0, "09:20", CARLA, "Beste Marloes, dit horen we vaker. Sander Bakker heeft meer clubs geholpen met een andere bestuursvorm, bijvoorbeeld met commissies en kleinere taken."),
            assign(0, "09:21", SANDER),
            move(2, "13:00", S.MATCHED, CARLA, "Begeleiding bij een nieuwe bestuursstructuur en bij het werven van bestuursleden."),
            move(1, "09:30", S.IN_PROGRESS, SANDER),
            note(1, "16:10", SANDER, "Bestuursavond gehad. Plan: de voorzitterstaken verdelen over een duo, de boekhouding deels uitbesteden aan een administratiekantoor."),
            message(4, "14:45", SANDER, "Hierbij het voorstel voor de nieuwe structuur en een vacaturetekst voor het duo-voorzitterschap."),
            reply(2, "21:15", "Dank! Er hebben zich al twee leden gemeld voor het duo."),
            move(6, "15:00", S.COMPLETED, SANDER, "Nieuwe bestuursstructuur voorgesteld; opvolgers gevonden."),
            rate(3, "20:00", 4, "Het idee van een duo-voorzitterschap werkt. Fijn dat Sander het ook op de ledenvergadering kwam uitleggen."),
        ),
    ),
    # Completed, not rated (yet)
    DemoRequest(
        70, "12:30", "Badmintonclub De Pluim", ("Kevin Lam", "kevin.lam@example.nl", "bestuurslid communicatie"), (COMMUNICATION,),
        "Onze website is verouderd en onze leden lezen de nieuwsbrief niet. Hoe kunnen we als kleine club (120 leden) beter communiceren, ook met nieuwe leden? Is er een goedkope, veilige ledenapp?",
        (
            triage(1, "09:40"),
            assign(0, "09:45", SANDER),
            message(0, "10:00", SANDER, "Hoi Kevin, ik stuur je een keuzehulp voor ledenapps en een paar voorbeelden van kleine clubs die het goed doen. Daarna bellen we even."),
            move(3, "11:00", S.MATCHED, CARLA, "Advies over communicatie en een keuzehulp voor een ledenapp."),
            move(1, "09:00", S.IN_PROGRESS, SANDER),
            reply(4, "20:20", "Bedankt voor de keuzehulp. We twijfelen nog tussen twee apps; kunnen jullie meekijken naar de privacy?"),
            note(1, "10:30", SANDER, "Verwerkersovereenkomsten van beide apps bekeken: allebei in orde. Advies: de app met een koppeling aan de ledenadministratie."),
            move(9, "15:40", S.COMPLETED, SANDER, "Communicatieadvies gegeven; de club kiest een ledenapp."),
        ),
    ),
    DemoRequest(
        52, "15:05", "Zwemvereniging Merwestein", ("Petra Koster", "petra.koster@example.nl", "voorzitter"), (COOPERATION, HEALTHY),
        "Op de basisscholen in Nieuwegein hebben veel kinderen geen zwemdiploma. Wij willen samen met scholen extra zwemlessen geven, maar weten niet hoe we dat financieren en organiseren. Kan het loket helpen?",
        (
            triage(4, "09:15"),
            assign(0, "09:20", FATIMA),
            move(3, "14:00", S.MATCHED, CARLA, "De buurtsportcoach brengt de scholen en de club samen; de gemeente kijkt naar de financiering."),
            move(1, "10:00", S.IN_PROGRESS, FATIMA),
            note(2, "13:30", FATIMA, "Gemeente Nieuwegein heeft budget voor schoolzwemmen voor kinderen zonder diploma; aanvragen via de buurtsportcoaches."),
            message(6, "11:10", FATIMA, "Hoi Petra, drie scholen doen mee. De gemeente betaalt de badhuur, jullie leveren de instructeurs. Kunnen jullie op vrijdagmiddag?"),
            reply(1, "19:35", "Vrijdagmiddag lukt, we hebben drie instructeurs beschikbaar."),
            move(8, "16:20", S.COMPLETED, FATIMA, "Schoolzwemmen gestart met drie scholen."),
        ),
    ),
    DemoRequest(
        38, "10:15", "Tennisclub Schalkwijk", ("Bert Schouten", "bert.schouten@example.nl", "secretaris"), (GOVERNANCE,),
        "Wij moeten onze statuten aanpassen aan de Wet bestuur en toezicht rechtspersonen (WBTR). Wat moet er precies in, en hebben jullie een voorbeeld? De notaris is duur voor een club van 210 leden.",
        (
            triage(1, "11:00"),
            message(0, "11:15", CARLA, "Beste Bert, de sportbonden hebben een modelstatuut dat aan de WBTR voldoet. Sander Bakker loopt het met je door."),
            assign(0, "11:16", SANDER),
            move(2, "09:45", S.MATCHED, CARLA, "Hulp bij het aanpassen van de statuten met het modelstatuut van de bond."),
            move(0, "14:00", S.IN_PROGRESS, SANDER),
            message(3, "10:30", SANDER, "Hoi Bert, ik heb jullie statuten naast het modelstatuut gelegd. De belangrijkste punten: tegenstrijdig belang, ontstentenis en belet, en de aansprakelijkheid van bestuurders. Mijn opmerkingen staan in de mail die ik je net stuurde."),
            reply(2, "21:00", "Heel duidelijk, we leggen het voor aan de ledenvergadering."),
            move(5, "15:10", S.COMPLETED, SANDER, "Statuten nagekeken; voorstel voor de ledenvergadering klaar."),
        ),
    ),
    DemoRequest(
        24, "13:50", "Dansschool Het Ritme", ("Sharon Biharie", "sharon@dansschool-het-ritme.example.nl", "eigenaar"), (HEALTHY, COOPERATION),
        "Wij willen overdag danslessen geven voor 65-plussers in Nieuwegein, bijvoorbeeld in buurthuizen. Hoe bereiken we deze groep, en kunnen we samenwerken met de buurtsportcoaches?",
        (
            triage(1, "09:30"),
            assign(0, "09:35", FATIMA),
            message(0, "11:00", FATIMA, "Hoi Sharon, leuk! De gemeente heeft een beweegprogramma voor ouderen waar jullie lessen goed in passen. Zal ik langskomen in de dansschool?"),
            reply(0, "16:45", "Graag, woensdag om 11.00 uur?"),
            move(1, "10:00", S.MATCHED, CARLA, "Samenwerking met de buurtsportcoach en twee buurthuizen."),
            move(2, "11:30", S.IN_PROGRESS, FATIMA),
            note(0, "12:00", FATIMA, "Buurthuizen in Galecop en Fokkesteeg bieden ruimte op dinsdag- en donderdagochtend; proeflessen ingepland."),
            move(8, "15:30", S.COMPLETED, FATIMA, "Proeflessen in twee buurthuizen gegeven; vaste lessen gestart."),
        ),
    ),
    # Referred
    DemoRequest(
        150, "16:25", "Zwem- en Poloclub De Vaartse Rijn", ("Frank Dijkstra", "frank.dijkstra@example.nl", "penningmeester"), (FACILITIES, FINANCES),
        "De huur van badwater is dit jaar met 18% gestegen. Voor onze waterpolojeugd wordt de contributie zo te hoog. Kan het loket bemiddelen bij het zwembad, of weten jullie van een regeling?",
        (
            triage(1, "10:10"),
            note(0, "10:20", CARLA, "De badwatertarieven stelt het Sportbedrijf vast. Doorverwijzen naar de accountmanager zwembaden en Frank op de hoogte houden."),
            refer(1, "14:30", CARLA, "Sportbedrijf Utrecht", "Het Sportbedrijf Utrecht gaat over de tarieven en de verdeling van badwater. We hebben je vraag doorgestuurd naar de accountmanager zwembaden; zij neemt contact met je op."),
            outcome(15, "11:00", CARLA, "Het Sportbedrijf heeft de club een extra uur badwater in de daluren aangeboden tegen het lage tarief; de jeugdcontributie blijft gelijk."),
        ),
    ),
    DemoRequest(
        95, "09:40", "Atletiekclub Houten Loopt", ("Ilse Jacobs", "ilse.jacobs@example.nl", "trainer"), (HEALTHY, COOPERATION),
        "Wij krijgen steeds vaker vragen van mensen met overgewicht of na een revalidatie die willen beginnen met hardlopen. Onze trainers weten niet goed hoe ze hen moeten begeleiden. Is er in Houten een partij met wie we kunnen samenwerken?",
        (
            triage(1, "13:00"),
            message(0, "13:10", CARLA, "Beste Ilse, dank je. We zoeken even uit welke partij in Houten hier het beste bij past."),
            note(2, "10:00", CARLA, "Welzijn Houten coördineert de verwijzing vanuit huisartsen en fysiotherapeuten naar beweegaanbod. Daar beleggen, niet bij de club alleen."),
            refer(1, "15:45", CARLA, "Welzijn Houten", "Welzijn Houten begeleidt mensen die op advies van hun huisarts of fysiotherapeut gaan bewegen, en zoekt clubs die hen daarna opvangen. We hebben jullie aan elkaar voorgesteld."),
        ),
    ),
    DemoRequest(
        30, "19:20", "Korfbalvereniging De Lindenhof", ("Annelies Kok", "annelies.kok@example.nl", "secretaris"), (FACILITIES,),
        "Onze club in Zeist deelt een sporthal met twee andere verenigingen en de zaaluren worden voor volgend seizoen opnieuw verdeeld. Wij dreigen drie trainingsuren kwijt te raken. Kunnen jullie ons helpen bij het gesprek met de gemeente?",
        (
            note(1, "09:20", CARLA, "Zeist valt niet in ons werkgebied maar in dat van Sportloket Heuvelrug. Afgestemd met Hans Mulder: zij pakken het op."),
            refer(0, "09:45", CARLA, "Sportloket Heuvelrug", "Zeist valt in het werkgebied van Sportloket Heuvelrug. Zij kennen de gemeente en de sporthal en nemen je vraag over; je hoort deze week van hen."),
            outcome(2, "15:00", CARLA, "Sportloket Heuvelrug heeft de vraag overgenomen en plant een gesprek met de gemeente Zeist."),
        ),
        new=True, kvk="71845203", place="Zeist",
    ),
    # Rejected
    DemoRequest(
        130, "11:50", "Yogastudio Zonnehof", ("Mirjam Peeters", "mirjam@yogastudio-zonnehof.example.nl", "eigenaar"), (OTHER,),
        "Ik wil een tweede yogastudio openen in Leidsche Rijn. Kunnen jullie mij helpen met het ondernemingsplan en met de financiering bij de bank?",
        (
            triage(1, "09:50"),
            note(0, "10:00", CARLA, "Ondernemingsplan van een commerciële aanbieder: valt buiten ons aanbod. Afwijzen, met een verwijzing naar het Ondernemersplein van de KvK."),
            reject(0, "10:30", CARLA, "Het loket helpt sportaanbieders bij vragen over sporten en bewegen, maar niet bij ondernemingsplannen of bankfinanciering. Daarvoor kun je terecht bij het Ondernemersplein van de KvK. Wil je later samenwerken met clubs of scholen in Leidsche Rijn, dan helpen we je graag."),
        ),
    ),
    DemoRequest(
        44, "20:09", "Hockeyclub IJsselstein", ("Yvonne Hoekstra", "yvonne.hoekstra@example.nl", "bestuurslid kantinezaken"), (HEALTHY,),
        DUPLICATE_KANTINE,
        (
            reject(1, "09:10", CARLA, "Deze vraag kwam twee keer binnen. We behandelen hem onder je eerste aanvraag; deze sluiten we af."),
        ),
    ),
    # Withdrawn
    DemoRequest(
        110, "15:30", "Café Één Biljartclub", ("Gerard Brink", "gerard.brink@example.nl", "voorzitter"), (FINANCES, FACILITIES),
        "Onze twee biljarttafels moeten opnieuw worden bekleed. Dat kost ongeveer € 1.800. Is daar een subsidie of fonds voor?",
        (
            triage(2, "10:00"),
            message(0, "10:10", CARLA, "Beste Gerard, er zijn een paar fondsen die kleine investeringen als deze steunen. Mogen we je gegevens delen met het fonds?"),
            reply(3, "14:25", "Dank voor het meedenken. Een lid heeft aangeboden het te sponsoren, dus het is al geregeld."),
            withdraw(0, "14:30", "Een sponsor betaalt het nieuwe laken."),
        ),
        sharing=False,
    ),
    DemoRequest(
        18, "10:20", "Fitland Nieuwegein", ("Dennis Vermeulen", "dennis@fitland-nieuwegein.example.nl", "bedrijfsleider"), (TRAINING,),
        "Al onze trainers moeten een geldig EHBO- en AED-certificaat hebben. Kunnen jullie een cursus op locatie regelen, en is daar een tegemoetkoming voor?",
        (
            triage(1, "09:05"),
            assign(0, "09:10", FATIMA),
            message(0, "13:40", FATIMA, "Hoi Dennis, ik vraag bij twee opleiders een offerte op voor een cursus op locatie. Met hoeveel trainers zijn jullie?"),
            reply(1, "09:55", "Met veertien. Maar inmiddels heeft ons hoofdkantoor een cursus geregeld; sorry voor de moeite!"),
            withdraw(0, "10:00", "Ons hoofdkantoor heeft de cursus zelf geregeld."),
        ),
    ),
    # In progress
    DemoRequest(
        90, "17:45", "Roeivereniging De Vecht", ("Pieter Hofman", "pieter.hofman@example.nl", "voorzitter bouwcommissie"), (SUSTAINABILITY, FACILITIES),
        "Wij willen zonnepanelen op het dak van ons botenhuis uit 1962. Het dak moet waarschijnlijk eerst worden versterkt. Hoe pakken we dit aan, en welke subsidies zijn er voor het verduurzamen van sportaccommodaties?",
        (
            triage(4, "15:00"),
            message(0, "15:10", CARLA, "Beste Pieter, sorry voor de late reactie. We koppelen je aan Sander Bakker; hij heeft meer clubs geholpen met zonnepanelen."),
            assign(0, "15:12", SANDER),
            note(8, "11:00", SANDER, "Eerst uitzoeken of het dak de panelen kan dragen: de constructeur van de gemeente gevraagd voor een quickscan. Hij heeft pas over twee weken tijd."),
            move(10, "10:30", S.MATCHED, CARLA, "Begeleiding van het verduurzamingsplan: dakonderzoek, offertes en de subsidieaanvraag (BOSA)."),
            move(1, "09:00", S.IN_PROGRESS, SANDER),
            note(4, "14:20", SANDER, "Quickscan van het dak gedaan. De club vraagt drie offertes op."),
            reply(15, "21:10", "De quickscan is binnen: het dak kan de panelen dragen als er een extra balk komt. Offertes volgen."),
            message(2, "10:00", SANDER, "Mooi, Pieter. Stuur de offertes zodra je ze hebt, dan maken we samen de BOSA-aanvraag."),
            reply(20, "20:45", "Twee van de drie offertes zijn binnen, de derde volgt volgende week."),
            note(1, "09:30", SANDER, "Het BOSA-loket gaat binnenkort weer open; aanvraag voorbereiden zodat hij op de eerste dag kan worden ingediend."),
        ),
    ),
    DemoRequest(
        60, "09:25", "IJsselsteinse Voetbalclub", ("Karin Bos", "karin-bos@example.nl", "contactpersoon"), (FINANCES,),
        "Door de hogere energierekening komen we dit jaar ongeveer € 15.000 tekort. We willen de contributie niet te veel verhogen. Kunnen jullie met ons meekijken naar de begroting en naar manieren om te besparen?",
        (
            triage(1, "10:45"),
            assign(0, "10:50", FATIMA),
            message(0, "11:30", FATIMA, "Hoi Karin, ik kom graag langs met een collega die verstand heeft van clubfinanciën. Kun je de begroting en de energierekening van vorig jaar sturen?"),
            reply(1, "20:15", "Heb ik gemaild. Onze penningmeester schuift ook aan."),
            move(2, "14:10", S.MATCHED, CARLA, "Financieel advies over de begroting en een energiescan van de accommodatie."),
            move(1, "09:30", S.IN_PROGRESS, FATIMA),
            note(3, "15:00", FATIMA, "Energiescan aangevraagd. Eerste besparingen: koelingen in de kantine 's nachts uit en ledverlichting in de kleedkamers. Een contributieverhoging van € 1,50 per maand lijkt dan genoeg."),
            message(10, "13:20", FATIMA, "Hierbij de uitkomst van de energiescan. Met de maatregelen besparen jullie naar schatting € 6.000 per jaar."),
            reply(2, "21:40", "Dank! We bespreken het in de bestuursvergadering en laten het weten."),
        ),
    ),
    DemoRequest(
        44, "20:02", "Hockeyclub IJsselstein", ("Yvonne Hoekstra", "yvonne.hoekstra@example.nl", "bestuurslid kantinezaken"), (HEALTHY,),
        DUPLICATE_KANTINE,
        (
            triage(1, "09:05"),
            assign(0, "09:08", FATIMA),
            message(0, "10:20", FATIMA, "Hoi Yvonne, leuk dat jullie hiermee aan de slag gaan! Er is een landelijke aanpak voor een gezonde sportkantine met praktische tips. Zullen we een keer in de kantine afspreken?"),
            reply(1, "18:30", "Graag, op zaterdagochtend is de kantine het drukst, dan zie je hoe het gaat."),
            move(1, "11:00", S.MATCHED, CARLA, "Begeleiding naar een gezondere kantine, met aandacht voor de omzet."),
            move(3, "09:00", S.IN_PROGRESS, FATIMA),
            note(0, "12:30", FATIMA, "Kantine bekeken. Snelle winst: een watertappunt, fruit bij de kassa, de gezonde keuze bovenaan de menukaart. Alcoholvrij tot 17.00 uur bij jeugdwedstrijden."),
            message(5, "15:00", FATIMA, "Hierbij het plan van aanpak in drie stappen. Stap 1 kan al volgende maand."),
            reply(4, "20:05", "Stap 1 is ingevoerd. De omzet is gelijk gebleven en het fruit is op zaterdag op!"),
        ),
    ),
    DemoRequest(
        30, "21:05", "Volleybalclub Lombok", ("Tim Janssen", "tim.janssen@example.nl", "jeugdcoördinator"), (MEMBERS, COMMUNICATION),
        "We hebben te weinig jeugdleden om teams te vormen in de jongste categorieën. Hoe maken we kinderen uit de wijk enthousiast voor volleybal? We hebben wel een paar enthousiaste trainers.",
        (
            triage(1, "09:15"),
            assign(0, "09:20", SANDER),
            move(2, "10:40", S.MATCHED, CARLA, "Samen met de buurtsportcoaches een wervingsactie op de scholen in Lombok en Oog in Al."),
            move(1, "13:00", S.IN_PROGRESS, SANDER),
            message(0, "13:05", SANDER, "Hoi Tim, ik heb contact gelegd met de buurtsportcoaches in West. Zij organiseren over drie weken een sportweek op twee scholen; kunnen jullie daar volleybal geven?"),
            reply(1, "21:30", "Ja, twee trainers kunnen op woensdagmiddag."),
            note(5, "11:00", SANDER, "Sportweek ingepland. De club maakt een flyer met een gratis proefmaand; ik vraag of de scholen hem via de ouderapp willen delen."),
        ),
    ),
    DemoRequest(
        22, "14:35", "Gymnastiekclub Benschop-IJsselstein", ("Linda van Vliet", "linda.vanvliet@example.nl", "technisch coördinator"), (TRAINING, VOLUNTEERS),
        "We hebben een wachtlijst van 60 kinderen voor turnen en trampolinespringen, maar te weinig gediplomeerde trainers. Hoe kunnen we snel nieuwe trainers opleiden, en wie betaalt de cursus?",
        (
            triage(1, "09:00"),
            assign(0, "09:05", SANDER),
            message(0, "09:40", SANDER, "Hoi Linda, dank voor je vraag. Mogen we je bellen om de situatie te bespreken?"),
            reply(0, "15:10", "Ja hoor, ik ben bereikbaar na 16.00 uur."),
            note(1, "09:30", CARLA, "IJsselstein is het werkgebied van Fatima; zij kent de club al van de sportweek. Overgedragen."),
            assign(0, "09:35", FATIMA),
            move(1, "14:00", S.MATCHED, CARLA, "Opleidingsplan voor nieuwe trainers: oud-turners en ouders worden assistent-trainer, met een vergoeding via de bond en de gemeente."),
            move(1, "10:00", S.IN_PROGRESS, FATIMA),
            message(0, "10:15", FATIMA, "Hoi Linda, ik neem het van Sander over. Zullen we samen een lijst maken van oud-turners en ouders die assistent-trainer willen worden?"),
            reply(2, "19:40", "Goed plan. Ik heb al acht namen!"),
            note(3, "11:20", FATIMA, "Zes kandidaten aangemeld voor de cursus assistent-trainer; de gemeente vergoedt de helft van het cursusgeld."),
        ),
    ),
    DemoRequest(
        14, "11:10", "Sportschool Domfit", ("Rik Willems", "rik-willems@example.nl", "directeur"), (COOPERATION,),
        "Wij willen jeugdteams van clubs in de binnenstad helpen met verantwoorde krachttraining, bijvoorbeeld één avond per week in onze zaal. Met welke clubs kunnen we het beste contact opnemen, en hoe maken we goede afspraken?",
        (
            triage(1, "10:00"),
            assign(0, "10:05", SANDER),
            message(0, "10:30", SANDER, "Hoi Rik, mooi aanbod. Ik weet twee clubs die hier al naar zochten. Mag ik jullie gegevens met hen delen?"),
            reply(0, "13:45", "Ja, prima."),
            move(2, "09:30", S.MATCHED, CARLA, "Koppeling aan twee clubs en een voorbeeld van een samenwerkingsovereenkomst."),
            move(0, "11:00", S.IN_PROGRESS, SANDER),
            note(3, "15:30", SANDER, "Domstad Oost en De Uithof hebben belangstelling. Kennismaking bij Domfit gepland; aandachtspunten: verzekering en begeleiding door gediplomeerde trainers."),
        ),
    ),
    # Support chosen
    DemoRequest(
        26, "20:50", "Basketbalvereniging Vleuten Rebounds", ("Sandra Oosterhuis", "sandra.oosterhuis@example.nl", "secretaris"), (FACILITIES,),
        "We groeien, maar krijgen geen extra zaaluren in Vleuten. Onze onder-14 traint nu maar één keer per week. Kunnen jullie helpen om meer zaalruimte te krijgen, eventueel in een gymzaal van een school?",
        (
            triage(2, "09:30"),
            message(0, "09:45", CARLA, "Beste Sandra, dank voor je vraag. We vragen het Sportbedrijf welke zalen en gymzalen nog ruimte hebben."),
            note(8, "14:00", CARLA, "Sportbedrijf: een gymzaal in Vleuten-centrum heeft op donderdagavond nog ruimte."),
            assign(0, "14:05", SANDER),
            move(2, "11:15", S.MATCHED, CARLA, "Sander Bakker bemiddelt bij het Sportbedrijf voor extra zaaluren."),
            message(0, "11:30", SANDER, "Hoi Sandra, op donderdagavond is er ruimte in een gymzaal in Vleuten. Is die te klein voor jullie onder-14, of kunnen jullie daar trainen?"),
            reply(1, "21:00", "Een gymzaal is krap, maar voor een techniektraining prima. Graag!"),
        ),
    ),
    DemoRequest(
        16, "16:00", "Judoclub Jutphaas", ("Erik de Graaf", "erik.degraaf@example.nl", "hoofdtrainer"), (INCLUSION, TRAINING),
        "We krijgen vragen van ouders van kinderen met autisme of een lichamelijke beperking. We willen G-judo starten. Wat is daarvoor nodig, en welke opleiding hebben onze trainers nodig?",
        (
            triage(1, "09:20"),
            assign(0, "09:25", FATIMA),
            message(0, "10:00", FATIMA, "Hoi Erik, wat mooi dat jullie G-judo willen starten. De judobond heeft een opleiding voor G-judo; ik zoek uit wanneer die begint en kom graag langs."),
            reply(1, "20:10", "Graag, de training op maandag om 18.00 uur is een goed moment."),
            move(3, "14:30", S.MATCHED, CARLA, "Begeleiding bij de start van G-judo: opleiding van de trainers en werving via het speciaal onderwijs."),
        ),
    ),
    DemoRequest(
        11, "13:30", "Zwemschool Spetter", ("Nicole van den Berg", "nicole@zwemschool-spetter.example.nl", "eigenaar"), (TRAINING,),
        "Wij vinden geen zweminstructeurs meer, waardoor we een wachtlijst van 150 kinderen hebben. Zijn er opleidingen die we samen met andere zwemscholen of zwemclubs kunnen organiseren?",
        (
            triage(1, "11:00"),
            message(0, "11:10", CARLA, "Beste Nicole, dit speelt bij meer aanbieders. We onderzoeken of we met de zwemclubs in de regio een gezamenlijke opleiding kunnen organiseren."),
            assign(1, "09:00", SANDER),
            note(0, "09:10", SANDER, "Ook Zwemclub De IJssel en Merwestein hebben een tekort aan instructeurs. Gezamenlijke opleiding met het ROC verkennen."),
            move(2, "15:00", S.MATCHED, CARLA, "We zetten met het ROC en twee zwemclubs een gezamenlijke opleiding voor zweminstructeurs op."),
        ),
    ),
    DemoRequest(
        8, "22:15", "SV Kanaleneiland", ("Youssef Benali", "youssef.benali@example.nl", "jeugdvoorzitter"), (SAFE_SPORT,),
        "Langs de lijn bij onze jeugdwedstrijden gaat het steeds vaker mis: ouders schelden op scheidsrechters en tegenstanders. Vorige week moest een wedstrijd worden stilgelegd. Hoe kunnen we dit aanpakken?",
        (
            link(1, "08:40", "SV Kanaleneiland"),
            triage(0, "08:45"),
            message(0, "09:00", CARLA, "Beste Youssef, vervelend om te horen. We pakken dit met voorrang op; Sander Bakker belt je vandaag nog."),
            assign(0, "09:02", SANDER),
            note(0, "15:30", SANDER, "Gebeld met Youssef. Plan: gedragsregels langs de lijn, een ouderavond en sfeerbeheerders bij jeugdwedstrijden. De KNVB wordt ingelicht."),
            move(2, "10:00", S.MATCHED, CARLA, "Begeleiding bij een aanpak voor een veilig sportklimaat langs de lijn, samen met de KNVB."),
        ),
        urgency=Urgency.HIGH, kvk_given=False, typed="Sportvereniging Kanaleneiland",
    ),
    # On hold
    DemoRequest(
        75, "10:05", "Tennispark Fokkesteeg", ("Marco de Bruijn", "marco.debruijn@example.nl", "bestuurslid accommodatie"), (FACILITIES, FINANCES),
        "Wij willen twee tennisbanen ombouwen tot drie padelbanen. Wat komt daar allemaal bij kijken (vergunning, geluid, financiering), en hoe krijgen we de buurt mee?",
        (
            triage(1, "14:15"),
            assign(0, "14:20", FATIMA),
            move(3, "10:00", S.MATCHED, CARLA, "Begeleiding van het padelplan: vergunning, geluidsonderzoek en financiering."),
            move(1, "09:30", S.IN_PROGRESS, FATIMA),
            note(2, "16:00", FATIMA, "De gemeente vraagt een akoestisch onderzoek vanwege de woningen aan de oostkant. De club vraagt een offerte op."),
            message(5, "11:00", FATIMA, "Hoi Marco, de gemeente heeft het akoestisch onderzoek nodig voor de vergunning. Zodra jullie het rapport hebben, dienen we de aanvraag samen in."),
            reply(10, "19:30", "Het rapport is binnen en de vergunningaanvraag is ingediend."),
            hold(1, "10:20", FATIMA, "We wachten op het besluit van de gemeente over de omgevingsvergunning; de gemeente heeft de beslistermijn verlengd. Daarna gaan we verder met de financiering."),
            note(20, "10:00", FATIMA, "Navraag bij de gemeente: besluit verwacht binnen vier weken. Er is een zienswijze van een buurtbewoner over geluid."),
        ),
    ),
    DemoRequest(
        35, "09:10", "Gymnastiekvereniging Turnlust Utrecht", ("Saskia Wouters", "saskia.wouters@example.nl", "voorzitter"), (FACILITIES,),
        "De gymzaal waar wij al dertig jaar turnen gaat volgend jaar een half jaar dicht voor renovatie. Waar kunnen onze 480 leden in die tijd terecht? We hebben hoge toestellen nodig, dus niet elke zaal is geschikt.",
        (
            triage(1, "10:30"),
            message(0, "10:40", CARLA, "Beste Saskia, dank voor je vraag. We vragen de gemeente en het Sportbedrijf wanneer de renovatie precies begint en welke zalen geschikt zijn."),
            note(2, "15:00", CARLA, "Gemeente Utrecht: de planning van de renovatie is nog niet definitief; verwacht over ongeveer twee maanden."),
            hold(0, "15:20", CARLA, "De gemeente stelt de planning van de renovatie over ongeveer twee maanden vast. Zodra die bekend is, zoeken we samen naar vervangende zalen."),
        ),
    ),
    DemoRequest(
        20, "12:40", "Kickboksschool Galecop", ("Orlando Martina", "orlando@kickboksschool-galecop.example.nl", "eigenaar"), (COOPERATION, SAFE_SPORT),
        "Wij willen gratis trainingen geven aan jongeren in Galecop die op straat rondhangen, samen met het jongerenwerk. Kan de buurtsportcoach helpen dit op te zetten, en hoe zit het met de verzekering?",
        (
            triage(1, "09:40"),
            assign(0, "09:45", FATIMA),
            message(0, "13:00", FATIMA, "Hoi Orlando, ik ken het jongerenwerk in Galecop goed. Zullen we met z'n drieën om tafel gaan?"),
            reply(1, "10:10", "Prima. Let wel: ik ben de komende weken met mijn vechters op trainingskamp in het buitenland."),
            move(1, "11:30", S.MATCHED, CARLA, "Samenwerking met het jongerenwerk en de buurtsportcoach, en advies over verzekering en begeleiding."),
            hold(0, "11:45", FATIMA, "Op verzoek van de aanbieder: de eigenaar is een paar weken afwezig. Daarna plannen we het gesprek met het jongerenwerk."),
        ),
    ),
    # In triage
    DemoRequest(
        27, "20:35", "Korfbalclub Galecop", ("Wendy Prins", "wendy.prins@example.nl", "voorzitter"), (COOPERATION, GOVERNANCE),
        "Wij praten met Korfbalvereniging Oranje Nassau uit Utrecht over een fusie of een intensieve samenwerking: beide clubs hebben te weinig leden voor volledige jeugdteams. Hoe pak je zo'n proces aan, en wie kan ons begeleiden?",
        (
            triage(2, "09:30"),
            message(0, "09:45", CARLA, "Beste Wendy, dank voor je vraag. Een fusieproces vraagt zorgvuldige begeleiding. We overleggen met de korfbalbond wie jullie het beste kan begeleiden."),
            note(0, "10:00", CARLA, "De KNKV heeft fusiebegeleiders; navragen of er iemand beschikbaar is. Anders een procesbegeleider via de verenigingsondersteuning."),
            note(6, "14:30", CARLA, "Nog geen reactie van de KNKV. Opnieuw gemaild."),
            reply(5, "21:15", "Is er al nieuws? Onze ledenvergadering wil graag weten hoe het verder gaat."),
        ),
    ),
    DemoRequest(
        9, "15:55", "Stichting Buurtsport Lunetten", ("Ahmet Yilmaz", "ahmet.yilmaz@example.nl", "coördinator"), (HEALTHY, MEMBERS),
        "Wij zijn een nieuwe stichting die in Lunetten laagdrempelig sporten organiseert voor kinderen en volwassenen: voetbal op het trapveldje en bootcamp in het park. We willen graag structureel worden. Kunnen we aansluiten bij het loket, en waar kunnen we subsidie aanvragen?",
        (
            triage(2, "10:15"),
            message(0, "10:30", CARLA, "Beste Ahmet, welkom! Jullie stichting staat nog niet in ons register. We nemen je gegevens op en plannen een kennismaking."),
            note(0, "10:35", CARLA, "Nieuwe organisatie, nog niet in het register. KvK-nummer controleren en de organisatie na de kennismaking toevoegen."),
            reply(1, "18:20", "Top, de kennismaking kan bij ons in het buurthuis."),
        ),
        new=True, kvk="81460327", place="Utrecht",
    ),
    DemoRequest(
        6, "08:50", "Paardensportvereniging Het Wijkse Erf", ("Annemarie Groen", "annemarie.groen@example.nl", "secretaris"), (FACILITIES,),
        "De gemeente Houten wil dat we onze rijbak verplaatsen vanwege nieuwbouw. Wat zijn onze rechten als huurder van de grond, en wie kan ons helpen in het gesprek met de gemeente?",
        (
            triage(1, "11:40"),
            assign(0, "11:45", SANDER),
            message(0, "14:20", SANDER, "Beste Annemarie, ik wil eerst het huurcontract met de gemeente lezen. Kun je dat sturen?"),
        ),
        urgency=Urgency.HIGH,
    ),
    DemoRequest(
        3, "16:15", "Sportcentrum Houten Zuid", ("Bas Verhoef", "bas.verhoef@example.nl", "manager"), (SUSTAINABILITY, FINANCES),
        "Onze energierekening is verdubbeld. We willen investeren in een warmtepomp voor het squashgedeelte en in zonnepanelen. Komen wij als commerciële sportaanbieder ook in aanmerking voor subsidie?",
        (
            triage(2, "09:10"),
            message(0, "09:25", CARLA, "Beste Bas, dank voor je vraag. Voor commerciële aanbieders gelden andere regelingen dan voor clubs; we zoeken uit wat voor jullie mogelijk is."),
        ),
    ),
    # Submitted, not yet answered (the first two are past the target for a first response)
    DemoRequest(
        7, "21:25", "Zwemclub De IJssel", ("Femke Veenstra", "femke.veenstra@example.nl", "secretaris"), (SAFE_SPORT,),
        "Onze vertrouwenscontactpersoon stopt. We zoeken iemand nieuw, maar weten niet goed wat de rol inhoudt en welke cursus nodig is. Kunnen jullie ons helpen?",
    ),
    DemoRequest(
        5, "22:50", "Freerunning Collectief Utrecht", ("Milan de Wit", "milan.dewit@example.nl", "oprichter"), (FACILITIES, OTHER),
        "Wij zijn een groep jongeren die aan freerunning doet. We trainen nu op straat en in parkeergarages, maar worden vaak weggestuurd. We zoeken een vaste plek om te trainen en willen misschien een vereniging oprichten. Waar moeten we beginnen?",
        new=True, kvk="", place="Utrecht",
    ),
    DemoRequest(
        2, "19:40", "Volleybalvereniging Houten", ("Joyce van Dam", "joyce.vandam@example.nl", "wedstrijdsecretaris"), (TRAINING, VOLUNTEERS),
        "We hebben te weinig scheidsrechters en de bond legt ons boetes op als we er niet genoeg leveren. Hoe motiveren we leden om de scheidsrechterscursus te volgen?",
    ),
    DemoRequest(
        1, "10:30", "Padelcentrum Leidsche Rijn", ("Kim Verbruggen", "kim@padelcentrum-leidsche-rijn.example.nl", "eigenaar"), (COOPERATION,),
        "Wij hebben overdag veel lege banen. We willen scholen in Leidsche Rijn de kans geven om tijdens de gymles gratis kennis te maken met padel. Kunnen jullie ons in contact brengen met scholen?",
    ),
]

HEUVELRUG = [
    DemoRequest(
        95, "10:00", "Tennisvereniging Maarnse Heide", ("Jolanda Timmer", "jolanda.timmer@example.nl", "secretaris"), (VOLUNTEERS, FACILITIES),
        "Onze baancommissie bestaat nog uit twee mensen van boven de 75. Wie doet straks het onderhoud van de gravelbanen? Kunnen jullie helpen om jongere vrijwilligers te vinden of het onderhoud anders te organiseren?",
        (
            triage(2, "09:30", HANS),
            assign(0, "09:35", HANS, HANS),
            message(0, "09:45", HANS, "Beste Jolanda, dank voor je vraag. Ik kom graag een keer langs op het park om mee te denken."),
            move(3, "14:00", S.MATCHED, HANS, "Advies over het organiseren van baanonderhoud: klussendagen, taken per team en eventueel uitbesteden."),
            move(1, "09:00", S.IN_PROGRESS, HANS),
            note(5, "15:30", HANS, "Afspraak: elk competitieteam doet twee keer per jaar een klusochtend; het groot onderhoud in het voorjaar wordt uitbesteed."),
            move(12, "16:00", S.COMPLETED, HANS, "Onderhoudsplan opgesteld met de baancommissie."),
            rate(4, "20:00", 4, "Eenvoudig en goed plan. De eerste klusochtend was gezellig en het werk was in twee uur klaar."),
        ),
        new=True, kvk="62318475", place="Maarn",
    ),
    DemoRequest(
        60, "19:15", "Toerclub De Kromme Rijn", ("Dirk Schipper", "dirk.schipper@example.nl", "voorzitter"), (OTHER,),
        "Wij organiseren elk jaar een toertocht van 120 km met 400 deelnemers. Dit jaar vraagt de gemeente een verkeersplan en verkeersregelaars. Wie kan ons daarbij helpen?",
        (
            triage(1, "10:00", HANS),
            refer(1, "11:30", HANS, "Gemeente Wijk bij Duurstede, team evenementen", "Voor het verkeersplan en de evenementenvergunning is het team evenementen van de gemeente het aanspreekpunt. We hebben je vraag aan hen doorgegeven; zij helpen ook met het regelen van verkeersregelaars."),
            outcome(20, "14:00", HANS, "Vergunning verleend; de toertocht gaat door met verkeersregelaars van de buurtvereniging."),
        ),
        new=True, kvk="58203146", place="Wijk bij Duurstede",
    ),
    DemoRequest(
        28, "12:15", "Korfbalvereniging De Lindenhof", ("Annelies Kok", "annelies.kok@example.nl", "secretaris"), (FACILITIES,),
        "Via Sportloket Demo zijn we bij jullie terechtgekomen. Onze club in Zeist deelt een sporthal met twee andere verenigingen en we dreigen volgend seizoen drie trainingsuren kwijt te raken. Kunnen jullie ons helpen bij het gesprek met de gemeente?",
        (
            triage(0, "14:00", HANS),
            message(0, "14:10", HANS, "Beste Annelies, welkom! We kennen de situatie in de sporthal. Ik plan een gesprek met de gemeente en hou je op de hoogte."),
            assign(0, "14:11", HANS, HANS),
            move(2, "10:00", S.MATCHED, HANS, "We gaan samen in gesprek met de gemeente Zeist over de verdeling van de zaaluren."),
            move(1, "09:00", S.IN_PROGRESS, HANS),
            note(5, "16:00", HANS, "Gesprek met de beleidsadviseur sport van Zeist. Voorstel: de zaaluren verdelen naar het aantal leden per leeftijdsgroep. De club levert een overzicht aan."),
            reply(2, "20:30", "Het overzicht is gestuurd. Spannend!"),
        ),
        new=True, kvk="71845203", place="Zeist",
    ),
    DemoRequest(
        12, "11:45", "Jeu de Boulesvereniging Overberg", ("Riet van Os", "riet.vanos@example.nl", "penningmeester"), (FACILITIES, MEMBERS),
        "Wij spelen buiten, maar in de winter ligt alles stil en lopen leden weg. Is er in de buurt een overdekte ruimte die we kunnen huren, en helpt iemand ons bij een aanvraag voor een overkapping?",
        (
            triage(2, "09:15", HANS),
            message(0, "09:30", HANS, "Beste Riet, dank voor je vraag. We inventariseren welke overdekte ruimtes er in Overberg en Amerongen zijn."),
        ),
        new=True, kvk="", place="Overberg",
    ),
    DemoRequest(
        2, "20:20", "Yogastudio Stille Kracht", ("Laura Blom", "laura@yogastudio-stille-kracht.example.nl", "eigenaar"), (HEALTHY, COOPERATION),
        "Ik wil stoelyoga aanbieden voor ouderen in Driebergen. Welke partijen kunnen mij helpen om deze groep te bereiken, bijvoorbeeld via de huisarts of het welzijnswerk?",
        new=True, kvk="89012574", place="Driebergen-Rijsenburg",
    ),
]

# fmt: on
