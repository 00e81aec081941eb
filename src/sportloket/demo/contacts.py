"""The demo desk's contact policy, account holders and about a hundred contact moments over
the past eighteen months, made through the services.

The story: the coordinator and two supporters keep in touch with the providers of the work
area; most were contacted within the year, some are overdue, a few were never contacted, and
some planned follow-ups have passed, so the work list, the coverage figures and the reminders
all have something to show. Dates are relative to the day the demo is loaded and drawn from a
fixed random seed, so the demo tells the same story on any day. Idempotent: the policy and the
account holders are set only when they differ, and the contact moments only once.
"""

import random
from datetime import timedelta

from django.utils import timezone

from sportloket.contacts import services
from sportloket.contacts.constants import Channel, Visibility
from sportloket.contacts.models import AccountHolder, ContactMoment
from sportloket.contacts.selectors import desk_policy, work_area_providers
from sportloket.core.models import Membership, Theme
from sportloket.registry.models import Organisation, PersonRole, Sport

COORDINATOR = "coordinator@sportloket-demo.nl"
SUPPORTER = "ondersteuner@sportloket-demo.nl"
COACH = "buurtsportcoach@sportloket-demo.nl"

# Commercial providers every two years, clubs (the default) every year.
POLICY = {"default_months": 12, "kind_months": {"commercial": 24}}

# (e-mail, municipality CBS code | sport slug | organisation name)
HOLDERS_BY_MUNICIPALITY = [
    (SUPPORTER, "GM0344"),  # Utrecht
    (COACH, "GM0356"),  # Nieuwegein
    (COORDINATOR, "GM0321"),  # Houten
    (COORDINATOR, "GM0353"),  # IJsselstein
]
HOLDERS_BY_SPORT = [(COACH, "zwemmen")]
HOLDERS_BY_HAND = [(COACH, "Sportschool Domfit")]

MOMENTS = 100
SUMMARIES = [
    "Kennismaking met het nieuwe bestuur; de vereniging zoekt een penningmeester.",
    "Gesproken over vrijwilligersbeleid en de werving voor het nieuwe seizoen.",
    "De club wil een open dag organiseren en vraagt naar subsidie.",
    "Ledenaantal loopt terug bij de jeugd; samenwerking met scholen besproken.",
    "Vraag over de huur van de accommodatie en de energiekosten.",
    "Signaal over grensoverschrijdend gedrag; doorverwezen naar de vertrouwenscontactpersoon.",
    "Uitnodiging voor de netwerkbijeenkomst van het sportplatform besproken.",
    "Ondernemer wil aanbod voor ouderen starten; contact met welzijn gelegd.",
    "Evaluatie van de ondersteuning bij het verenigingsplan.",
    "Korte check-in: geen vragen op dit moment.",
]


def _members(loket):
    return {
        m.user.email: m.user
        for m in Membership.objects.active()
        .filter(loket=loket, user__email__in=[COORDINATOR, SUPPORTER, COACH])
        .select_related("user")
    }


def _policy(loket, actor):
    current = desk_policy(loket=loket)
    if (
        current.policy_id is not None
        and current.default_months == POLICY["default_months"]
        and current.kind_months == POLICY["kind_months"]
    ):
        return
    services.policy_save(loket=loket, actor=actor, **POLICY)


def _holders(loket, actor, members):
    existing = {
        (h.municipality_id, h.sport_id, h.organisation_id): h.supporter_id
        for h in AccountHolder.objects.for_desk(loket)
    }
    work_area = {m.code: m for m in loket.work_area.all()}
    wanted = []
    for email, code in HOLDERS_BY_MUNICIPALITY:
        if code in work_area:
            wanted.append((email, {"municipality": work_area[code]}))
    for email, slug in HOLDERS_BY_SPORT:
        sport = Sport.objects.filter(slug=slug).first()
        if sport is not None:
            wanted.append((email, {"sport": sport}))
    for email, name in HOLDERS_BY_HAND:
        organisation = Organisation.objects.for_desk(loket).filter(name=name).first()
        if organisation is not None:
            wanted.append((email, {"organisation": organisation}))
    for email, target in wanted:
        user = members.get(email)
        if user is None:
            continue
        key = tuple(
            getattr(target.get(name), "pk", None)
            for name in ("municipality", "sport", "organisation")
        )
        if existing.get(key) != user.pk:
            services.account_holder_set(loket=loket, actor=actor, supporter=user, **target)


def _moments(loket, members):
    if ContactMoment.objects.for_desk(loket).exists():
        return
    rng = random.Random(2026)  # noqa: S311 - demo data, not security
    today = timezone.localdate()
    providers = list(work_area_providers(loket=loket).order_by("name", "pk"))
    if not providers or not members:
        return
    # A few providers are never contacted: the work list starts with them.
    rng.shuffle(providers)
    contacted = providers[: max(1, len(providers) - 4)]
    themes = list(Theme.objects.for_desk(loket).filter(is_active=True))
    people = {}
    for role in PersonRole.objects.filter(organisation__in=contacted).select_related("person"):
        people.setdefault(role.organisation_id, []).append(role.person)
    staff = list(members.values())
    for number in range(MOMENTS):
        organisation = contacted[number % len(contacted)]
        day = today - timedelta(days=rng.randint(0, 548))  # the past eighteen months
        follow_up = None
        if rng.random() < 0.25:
            follow_up = day + timedelta(days=rng.randint(14, 120))
        supporter = rng.choice(staff)
        services.contact_log(
            loket=loket,
            actor=supporter,
            organisation=organisation,
            supporter=supporter,
            people=people.get(organisation.pk, [])[:1],
            topics=rng.sample(themes, k=min(len(themes), rng.randint(0, 2))),
            date=day,
            channel=rng.choice(Channel.values),
            summary=rng.choice(SUMMARIES),
            follow_up_on=follow_up,
            proactive=rng.random() < 0.7,
            visibility=Visibility.RESTRICTED if rng.random() < 0.1 else Visibility.DESK,
        )


def load_demo_contacts(loket, *, actor) -> None:
    """Gives the demo desk its contact policy, account holders (for those of its coordinator
    and supporters who are active members of ``loket``) and contact moments."""
    members = _members(loket)
    _policy(loket, actor)
    _holders(loket, actor, members)
    _moments(loket, members)
