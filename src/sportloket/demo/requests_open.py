# ruff: noqa: E501 - a question or message reads best on one line
"""The demo desks' questions still open: in progress, support chosen, on hold, in triage and
submitted; and the second desk's (Utrechtse Heuvelrug) questions."""

from sportloket.demo.request_steps import (
    CARLA,
    COMMUNICATION,
    COOPERATION,
    DUPLICATE_KANTINE,
    FACILITIES,
    FATIMA,
    FINANCES,
    GOVERNANCE,
    HANS,
    HEALTHY,
    INCLUSION,
    MEMBERS,
    OTHER,
    SAFE_SPORT,
    SANDER,
    SUSTAINABILITY,
    TRAINING,
    VOLUNTEERS,
    DemoRequest,
    S,
    Urgency,
    assign,
    hold,
    link,
    message,
    move,
    note,
    outcome,
    rate,
    refer,
    reply,
    triage,
)

# fmt: off

OPEN = [
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
