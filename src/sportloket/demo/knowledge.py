"""The demo desks' knowledge base, made through the services: a few articles of the demo desk
(public, shared with all desks, desk-only, one with its review due), one shared article of
Sportloket Heuvelrug, which the demo desk follows, and one article linked to an offering.
Idempotent: an article whose title the desk already has is left as it is."""

from datetime import timedelta

from django.utils import timezone

from sportloket.core.constants import ProviderKinds
from sportloket.knowledge.constants import ArticleStatus, Visibility
from sportloket.knowledge.models import Article
from sportloket.knowledge.services.articles import article_save
from sportloket.knowledge.services.follows import desk_follow
from sportloket.offerings.models import Offering

# (title, summary, body, visibility, theme keys, review in days (negative: due))
DEMO_ARTICLES = [
    (
        "Vrijwilligers werven: begin met kleine klussen",
        "Vijf stappen die bij veel verenigingen werken.",
        "## Waarom klein beginnen\n\nOuders die langs het veld staan, willen vaak best iets "
        "doen, maar niet meteen een functie. Vraag om **een klus van een uur**.\n\n"
        "## Vijf stappen\n\n1. Maak een lijst van klussen.\n2. Schrijf per klus op hoeveel "
        "tijd het kost.\n3. Vraag mensen persoonlijk.\n4. Bedank zichtbaar.\n5. Vraag na een "
        "seizoen wat ze nog meer willen doen.\n\nMeer tips: "
        "[NOC*NSF over vrijwilligers](https://www.nocnsf.nl/).",
        Visibility.PUBLIC,
        ["volunteers"],
        180,
    ),
    (
        "Subsidie aanvragen bij de gemeente",
        "Waar een vereniging op let bij een subsidieaanvraag.",
        "Vraag **op tijd** aan: veel gemeenten hebben een vaste datum per jaar.\n\n"
        "- Beschrijf wat u wilt bereiken, niet alleen wat het kost.\n"
        "- Laat zien wie er meedoet.\n- Voeg de begroting toe.",
        Visibility.PUBLIC,
        ["finances"],
        -10,
    ),
    (
        "Werkwijze bij een vraag over sociale veiligheid",
        "Hoe het loket een melding of vraag over sociale veiligheid oppakt.",
        "Verwijs bij een melding altijd naar het **Centrum Veilige Sport Nederland** en leg "
        "vast wie de vereniging begeleidt.",
        Visibility.DESK,
        ["governance"],
        90,
    ),
    (
        "Bestuurswerving met een open avond",
        "Een draaiboek voor een avond waarop leden kennismaken met het bestuur.",
        "## Draaiboek\n\n- Nodig persoonlijk uit.\n- Laat elk bestuurslid vertellen wat het "
        "werk echt inhoudt.\n- Sluit af met een concrete vraag.",
        Visibility.ALL_DESKS,
        ["governance"],
        365,
    ),
]

HEUVELRUG_ARTICLE = (
    "Samen een sportpark beheren",
    "Hoe drie verenigingen één beheerstichting opzetten.",
    "Een gezamenlijke **beheerstichting** verdeelt de kosten van het park eerlijk.",
    Visibility.ALL_DESKS,
    ["facilities"],
    365,
)


def _article(loket, actor, spec, offerings=()):
    title, summary, body, visibility, keys, review_days = spec
    if Article.objects.filter(loket=loket, title=title).exists():
        return None
    return article_save(
        actor=actor,
        loket=loket,
        theme_keys=keys,
        offerings=offerings,
        title=title,
        summary=summary,
        body=body,
        provider_kinds=ProviderKinds.ALL,
        review_on=timezone.localdate() + timedelta(days=review_days),
        visibility=visibility,
        status=ArticleStatus.PUBLISHED,
    )


def load_demo_knowledge(demo, heuvelrug, *, actor):
    offering = Offering.objects.filter(loket=demo).order_by("pk").first()
    for index, spec in enumerate(DEMO_ARTICLES):
        linked = [offering] if index == 0 and offering is not None else []
        _article(demo, actor, spec, offerings=linked)
    _article(heuvelrug, None, HEUVELRUG_ARTICLE)
    desk_follow(actor=actor, loket=demo, followed=heuvelrug)
