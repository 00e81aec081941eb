"""The criteria of matching: what each one scores (a value from 0 to 1) and the sentence it
gives, anyone can read, for the reason. A criterion's value depends on a key (what the database
tells about the offering for that criterion), so each distinct reason is made once per ranking.

- theme: the share of the question's themes (by key) the offering serves; 0.5 while the
  question has no themes.
- provider_kind: 1 for an offering made for the provider's kind, 0.7 for one for all kinds,
  0.5 when the kind of provider is unknown.
- sport: 1 for an offering for specific sports the organisation offers, 0.6 for one for every
  sport, 0.3 for a sport-specific offering while the organisation's sports are unknown.
- scope: 1 for an offering of the desk itself, 0.8 for a regional one another desk shares with
  it, 0.6 for a national one (local first).
- capacity: 1 without a capacity; otherwise the share of places left in the calendar month,
  quarter or year (the offering's capacity period) that contains the day. Each chosen option of
  a current decision (one that no other decision supersedes) made in that period, at any desk,
  takes a place.
- money: 1 when the offering costs the desk nothing, or when one fund of the desk that may pay
  for the question (funds.selectors.paying_funds: in use today, its themes and kinds of
  provider allow it) and pays alone has at least the cost left (at most its maximum per
  allocation); 0.5 when only several such funds together can pay it (co-funding); 0 otherwise.
- supporter: 1 when no registration is needed; otherwise 1 with at least one of the desk's
  coordinators and supporters who meets the desk's quality rule and holds a valid registration
  of that kind today (quality.selectors.qualified_supporters), 0 with none.
- rating: (mean - 1) / 4 for the mean rating (1 to 5) of the evaluated questions, at any desk,
  whose current decision chose the offering; 0.5 without ratings.
- novelty: 0 when the organisation already received the offering (chosen in a current decision
  on another of its questions, at any desk), otherwise 1.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sportloket.core.constants import ProviderKinds
from sportloket.core.money import euros
from sportloket.decisions.constants import Criterion
from sportloket.decisions.models import MatchingWeights
from sportloket.funds import selectors as fund_selectors
from sportloket.offerings.constants import CapacityPeriod, OfferingScope, Registration
from sportloket.quality import selectors as quality_selectors
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.models import Sport

# The kind of provider an organisation of the register is, for the offerings' audience.
PROVIDER_KIND_OF = {
    OrganisationKind.CLUB: ProviderKinds.CLUB,
    OrganisationKind.COMMERCIAL: ProviderKinds.COMMERCIAL,
}
# The scope's key of an offering of the question's own desk (else the offering's scope).
OWN = "own"


@dataclass(frozen=True)
class Reason:
    """One criterion's part of the score."""

    criterion: str  # a Criterion value
    label: str  # the criterion's label, translated when ranked
    value: float  # 0.0 .. 1.0: how well the offering does on it
    weight: int  # the desk's weight, 0 .. 10
    text: str  # a readable sentence why

    def as_dict(self) -> dict:
        return {
            "criterion": self.criterion,
            "label": self.label,
            "value": self.value,
            "weight": self.weight,
            "text": self.text,
        }


def weights_as_dict(weights) -> dict[str, int]:
    """The weight per criterion, from a MatchingWeights or a mapping by criterion (a criterion
    missing from the mapping gets its default weight)."""
    if isinstance(weights, Mapping):
        return {
            c: int(weights.get(c, MatchingWeights._meta.get_field(c).default))
            for c in Criterion.values
        }
    return {c: int(getattr(weights, c)) for c in Criterion.values}


class ReasonMaker:
    """Makes a criterion's reason for a key (all its value depends on), with its weighted value
    (weight x value), and keeps both in ``memo`` for the next offering with the same key."""

    def __init__(self, weight, *, loket_id, organisation, org_sports, request_themes, today):
        self.weight = weight
        self.today = today
        self.labels = {c.value: str(c.label) for c in Criterion}
        self.memo: dict[str, dict] = {c: {} for c in Criterion.values}
        self.loket_id = loket_id
        self.organisation = organisation
        self.provider_kind = PROVIDER_KIND_OF.get(organisation.kind) if organisation else None
        self.org_sports = org_sports
        self.request_themes = request_themes
        self.request_keys = frozenset(key for key, _name in request_themes)
        self._sport_names = None
        self._funds = None
        self._supporters = None
        self.build = {
            Criterion.THEME: self.theme,
            Criterion.PROVIDER_KIND: self.provider_kind_fit,
            Criterion.SPORT: self.sport,
            Criterion.SCOPE: _scope,
            Criterion.CAPACITY: _capacity,
            Criterion.MONEY: self.money,
            Criterion.SUPPORTER: self.supporter,
            Criterion.RATING: _rating,
            Criterion.NOVELTY: self.novelty,
        }

    def __call__(self, criterion: str, key) -> tuple[Reason, float]:
        known = self.memo[criterion].get(key)
        if known is None:
            value, text = self.build[criterion](key)
            reason = Reason(
                criterion=str(criterion),
                label=self.labels[criterion],
                value=float(value),
                weight=self.weight[criterion],
                text=text,
            )
            known = self.memo[criterion][key] = (reason, reason.weight * reason.value)
        return known

    def theme(self, common_keys):
        total = len(self.request_themes)
        if not total:
            return 0.5, _("The question has no themes yet.")
        if not common_keys:
            return 0.0, ngettext(
                "Serves none of the question's %(total)d theme (%(names)s).",
                "Serves none of the question's %(total)d themes (%(names)s).",
                total,
            ) % {"total": total, "names": ", ".join(name for _key, name in self.request_themes)}
        names = [name for key, name in self.request_themes if key in common_keys]
        return len(names) / total, ngettext(
            "Serves %(count)d of the question's %(total)d theme (%(names)s).",
            "Serves %(count)d of the question's %(total)d themes (%(names)s).",
            total,
        ) % {"count": len(names), "total": total, "names": ", ".join(names)}

    def provider_kind_fit(self, offering_kinds):
        if self.provider_kind is None:
            if self.organisation is None:
                return 0.5, _("Kind of provider unknown: no organisation from the register is "
                              "linked to the question.")  # fmt: skip
            return 0.5, _("Kind of provider unknown: the organisation is no sports club or "
                          "commercial sport provider.")  # fmt: skip
        if offering_kinds == ProviderKinds.ALL:
            return 0.7, _("For sports clubs and commercial sport providers alike.")
        if offering_kinds == ProviderKinds.CLUB:
            return 1.0, _("Made for sports clubs, such as this one.")
        return 1.0, _("Made for commercial sport providers, such as this one.")

    def sport(self, sport_ids):
        if not sport_ids:
            return 0.6, _("For every sport.")
        if self.org_sports:
            names = sorted(self.org_sports[s] for s in sport_ids)
            return 1.0, ngettext(
                "For a sport the organisation offers: %(sports)s.",
                "For sports the organisation offers: %(sports)s.",
                len(names),
            ) % {"sports": ", ".join(names)}
        if self._sport_names is None:  # once per ranking, and only when needed
            self._sport_names = dict(Sport.objects.values_list("pk", "name"))
        names = sorted(self._sport_names[s] for s in sport_ids)
        return 0.3, _("For specific sports (%(sports)s); the sports of the organisation are "
                      "not known.") % {"sports": ", ".join(names)}  # fmt: skip

    def money(self, cost):
        if cost is None:
            return 1.0, _("Free for the desk.")
        funds = self.paying_funds()
        numbers = {"cost": euros(cost)}
        if not funds:
            text = _("Costs %(cost)s; no fund of the desk may pay for this question.")
            return 0.0, text % numbers
        for room, fund in funds:
            if room >= cost and not fund.co_funding_required:
                numbers |= {"fund": fund.name, "available": euros(room)}
                return 1.0, _("Costs %(cost)s; the fund '%(fund)s' may pay it (%(available)s "
                              "left).") % numbers  # fmt: skip
        together = sum(room for room, _fund in funds)
        numbers["available"] = euros(together)
        if len(funds) > 1 and together >= cost:
            numbers["funds"] = ", ".join(fund.name for _room, fund in funds)
            return 0.5, _("Costs %(cost)s; only the funds that may pay together can pay it "
                          "(%(funds)s).") % numbers  # fmt: skip
        if len(funds) == 1 and together >= cost:
            numbers["fund"] = funds[0][1].name
            return 0.0, _("Costs %(cost)s; the fund '%(fund)s' pays only together with another "
                          "fund.") % numbers  # fmt: skip
        return 0.0, _("Costs %(cost)s; the funds that may pay have only %(available)s left.") % (
            numbers
        )

    def paying_funds(self) -> list:
        """The funds of the desk that may pay for the question, each with what it can give to
        one allocation (funds.selectors.paying_funds, the rule the decision's funding and the
        offering's page follow too); read once per ranking, and only when an offering costs
        money."""
        if self._funds is None:
            self._funds = fund_selectors.paying_funds(
                loket_id=self.loket_id,
                on=self.today,
                theme_keys=self.request_keys,
                provider_kind=self.organisation.kind if self.organisation else "",
            )
        return self._funds

    def supporter(self, registration):
        if not registration:
            return 1.0, _("No registration needed.")
        if self._supporters is None:  # every registration's count at once, when first needed
            self._supporters = quality_selectors.qualified_supporters_per_registration(
                loket_id=self.loket_id,
                registrations=[r for r in Registration.values if r],
                on=self.today,
            )
        count = self._supporters[registration]
        numbers = {"registration": str(Registration(registration).label), "count": count}
        if count == 0:
            return 0.0, _("Needs %(registration)s; no supporter of the desk holds it.") % numbers
        return 1.0, ngettext(
            "Needs %(registration)s; %(count)d supporter of the desk holds it.",
            "Needs %(registration)s; %(count)d supporters of the desk hold it.",
            count,
        ) % numbers

    def novelty(self, last_received):
        if self.organisation is None:
            return 1.0, _("Not known to be received before: no organisation from the register "
                          "is linked to the question.")  # fmt: skip
        if last_received is None:
            return 1.0, _("The organisation has not received this before.")
        return 0.0, _("The organisation already received this on %(date)s.") % {
            "date": formats.date_format(last_received, "DATE_FORMAT", use_l10n=True)
        }


def _scope(key):
    if key == OWN:
        return 1.0, _("An offering of this desk itself.")
    if key == OfferingScope.REGION:
        return 0.8, _("A regional offering another desk shares with this desk.")
    return 0.6, _("A national offering.")


def _capacity(key):
    if key is None:
        return 1.0, _("No limit on the number of providers.")
    capacity, period, used = key
    left = max(capacity - used, 0)
    numbers = {"left": left, "capacity": capacity, "used": used}
    if left == 0:
        if period == CapacityPeriod.MONTH:
            text = _("Full this month (%(used)d of %(capacity)d places taken).")
        elif period == CapacityPeriod.QUARTER:
            text = _("Full this quarter (%(used)d of %(capacity)d places taken).")
        else:
            text = _("Full this year (%(used)d of %(capacity)d places taken).")
        return 0.0, text % numbers
    if period == CapacityPeriod.MONTH:
        text = _("%(left)d of %(capacity)d places left this month.")
    elif period == CapacityPeriod.QUARTER:
        text = _("%(left)d of %(capacity)d places left this quarter.")
    else:
        text = _("%(left)d of %(capacity)d places left this year.")
    return left / capacity, text % numbers


def _rating(key):
    if key is None:
        return 0.5, _("No ratings yet.")
    count, total = key  # of the ratings
    mean = round(int(total) / count, 2)
    return (mean - 1) / 4, ngettext(
        "Rated %(mean)s of 5 on average, after %(count)d question.",
        "Rated %(mean)s of 5 on average, after %(count)d questions.",
        count,
    ) % {"mean": formats.number_format(mean, 1, use_l10n=True), "count": count}
