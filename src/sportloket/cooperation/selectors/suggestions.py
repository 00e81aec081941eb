"""Suggestions to bring providers together: groups of providers in the desk's register that
asked about the same theme in the last twelve months, share a sport, an address or a
neighbourhood, each with its reason in words. Only providers that agreed to be introduced
(``IntroductionConsent`` in force) are ever named; groups whose providers already cooperate
are left out. Five queries, whatever the size of the register."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sportloket.cooperation.constants import (
    SUGGESTION_MONTHS,
    SUGGESTION_NAMES,
    CooperationStatus,
    SuggestionReason,
)
from sportloket.cooperation.models import CooperationParty, Introduction, IntroductionConsent
from sportloket.helprequests.models import HelpRequest
from sportloket.registry.models import Organisation

# A sport or a postcode area shared by more providers than this says little about any two of
# them: no suggestion.
BROAD_GROUP = 12
REASON_ORDER = {
    SuggestionReason.THEME: 0,
    SuggestionReason.FACILITY: 1,
    SuggestionReason.NEIGHBOURHOOD: 2,
    SuggestionReason.SPORT: 3,
}


@dataclass
class Suggestion:
    kind: str
    key: str
    reason: str
    ids: tuple[int, ...]
    names: list[str]
    theme_id: int | None = None
    introduced_on: datetime.date | None = None
    more: int = field(init=False, default=0)

    def __post_init__(self):
        self.more = max(0, len(self.ids) - SUGGESTION_NAMES)
        self.names = self.names[:SUGGESTION_NAMES]

    @property
    def count(self) -> int:
        return len(self.ids)


def _agreeing(loket):
    """The desk's active providers that agreed to be introduced (a queryset)."""
    agreed = IntroductionConsent.objects.filter(loket=loket, withdrawn_on__isnull=True).values(
        "organisation_id"
    )
    return (
        Organisation.objects.for_desk(loket)
        .providers()
        .active()
        .filter(merged_into__isnull=True, pk__in=agreed)
    )


def _providers(loket) -> dict[int, dict]:
    rows = _agreeing(loket).values(
        "id", "name", "city", "postcode", "address", "municipality__name"
    )
    return {row["id"]: row for row in rows}


def _place(providers: dict, ids) -> str:
    places = {providers[i]["municipality__name"] or providers[i]["city"] for i in ids}
    places.discard("")
    places.discard(None)
    return places.pop() if len(places) == 1 else _("the work area")


def _theme_groups(loket, providers, today):
    start = today - datetime.timedelta(days=365 * SUGGESTION_MONTHS // 12)
    since = timezone.make_aware(datetime.datetime.combine(start, datetime.time()))
    rows = (
        HelpRequest.objects.filter(
            loket=loket, submitted_at__gte=since, organisation_id__in=_agreeing(loket).values("pk")
        )
        .exclude(themes=None)
        .values_list("organisation_id", "themes__id", "themes__name")
        .distinct()
    )
    groups: dict[tuple, set] = {}
    names = {}
    for organisation_id, theme_id, theme_name in rows:
        if organisation_id not in providers:  # agreed between the two reads
            continue
        place = providers[organisation_id]["municipality__name"] or ""
        groups.setdefault((theme_id, place), set()).add(organisation_id)
        names[theme_id] = theme_name
    for (theme_id, place), ids in groups.items():
        if len(ids) < 2:
            continue
        reason = ngettext(
            "%(count)d provider in %(place)s asked about %(theme)s in the last 12 months",
            "%(count)d providers in %(place)s asked about %(theme)s in the last 12 months",
            len(ids),
        ) % {"count": len(ids), "place": place or _place(providers, ids), "theme": names[theme_id]}
        yield SuggestionReason.THEME, f"theme-{theme_id}-{place}", reason, ids, theme_id


def _sport_groups(loket, providers):
    through = Organisation.sports.through
    rows = through.objects.filter(organisation_id__in=_agreeing(loket).values("pk")).values_list(
        "organisation_id", "sport_id", "sport__name"
    )
    groups: dict[tuple, set] = {}
    names = {}
    for organisation_id, sport_id, sport_name in rows:
        if organisation_id not in providers:
            continue
        place = providers[organisation_id]["municipality__name"] or ""
        groups.setdefault((sport_id, place), set()).add(organisation_id)
        names[sport_id] = sport_name
    for (sport_id, place), ids in groups.items():
        if 2 <= len(ids) <= BROAD_GROUP:
            reason = _("%(count)d providers in %(place)s offer %(sport)s") % {
                "count": len(ids),
                "place": place or _place(providers, ids),
                "sport": names[sport_id],
            }
            yield SuggestionReason.SPORT, f"sport-{sport_id}-{place}", reason, ids, None


def _address_groups(providers):
    by_address: dict[tuple, set] = {}
    by_area: dict[str, set] = {}
    for row in providers.values():
        postcode = (row["postcode"] or "").replace(" ", "").upper()
        if len(postcode) < 4:
            continue
        address = " ".join((row["address"] or "").lower().split())
        if address:
            by_address.setdefault((postcode, address), set()).add(row["id"])
        by_area.setdefault(postcode[:4], set()).add(row["id"])
    shared_address = set()
    for (postcode, _address), ids in by_address.items():
        if len(ids) >= 2:
            shared_address.add(frozenset(ids))
            first = providers[min(ids)]
            reason = _("%(count)d providers at %(address)s, %(place)s") % {
                "count": len(ids),
                "address": first["address"],
                "place": first["city"] or first["municipality__name"] or "",
            }
            yield SuggestionReason.FACILITY, f"address-{postcode}-{min(ids)}", reason, ids, None
    for area, ids in by_area.items():
        if 2 <= len(ids) <= BROAD_GROUP and frozenset(ids) not in shared_address:
            reason = _("%(count)d providers in postcode area %(area)s (%(place)s)") % {
                "count": len(ids),
                "area": area,
                "place": _place(providers, ids),
            }
            yield SuggestionReason.NEIGHBOURHOOD, f"area-{area}", reason, ids, None


def _cooperating(loket) -> list[set]:
    """The parties of each of the desk's cooperations that have not ended."""
    parties: dict[int, set] = {}
    rows = (
        CooperationParty.objects.filter(cooperation__loket=loket)
        .exclude(cooperation__status=CooperationStatus.ENDED)
        .values_list("cooperation_id", "organisation_id")
    )
    for cooperation_id, organisation_id in rows:
        parties.setdefault(cooperation_id, set()).add(organisation_id)
    return list(parties.values())


def _introduced(loket) -> list[tuple[set, datetime.date]]:
    sent: dict[int, tuple[set, datetime.date]] = {}
    rows = Introduction.organisations.through.objects.filter(introduction__loket=loket).values_list(
        "introduction_id", "organisation_id", "introduction__sent_at"
    )
    for introduction_id, organisation_id, sent_at in rows:
        ids, _day = sent.setdefault(introduction_id, (set(), timezone.localtime(sent_at).date()))
        ids.add(organisation_id)
    return list(sent.values())


def suggestions(*, loket, kind: str = "", today=None) -> list[Suggestion]:
    """Every suggestion for the desk, of one kind of reason if ``kind`` names one: themes
    first, then shared addresses, neighbourhoods and sports, bigger groups first. A group of
    providers that all take part in one cooperation that has not ended is left out; one that
    was introduced says when."""
    today = today or timezone.localdate()
    providers = _providers(loket)
    if len(providers) < 2:
        return []
    groups = []
    if kind in ("", SuggestionReason.THEME):
        groups += list(_theme_groups(loket, providers, today))
    if kind in ("", SuggestionReason.SPORT):
        groups += list(_sport_groups(loket, providers))
    if kind in ("", SuggestionReason.FACILITY, SuggestionReason.NEIGHBOURHOOD):
        groups += [g for g in _address_groups(providers) if kind in ("", g[0])]
    cooperating = _cooperating(loket)
    introduced = _introduced(loket)
    found = []
    for reason_kind, key, reason, ids, theme_id in groups:
        if any(ids <= parties for parties in cooperating):
            continue
        days = [day for sent, day in introduced if ids <= sent]
        ordered = sorted(ids, key=lambda i: providers[i]["name"].lower())
        found.append(
            Suggestion(
                kind=reason_kind,
                key=key,
                reason=reason,
                ids=tuple(ordered),
                names=[providers[i]["name"] for i in ordered],
                theme_id=theme_id,
                introduced_on=max(days) if days else None,
            )
        )
    found.sort(
        key=lambda s: (s.introduced_on is not None, REASON_ORDER[s.kind], -s.count, s.reason)
    )
    return found
