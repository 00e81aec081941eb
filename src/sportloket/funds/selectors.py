"""Reads on funds: which funds a user sees and may approve, a fund's ledger, the desk's money
overview, and which funds may pay for an offering; each with a fixed number of queries."""

from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from sportloket.core import selectors as core_selectors
from sportloket.core.constants import Role
from sportloket.core.models import Membership, Theme
from sportloket.core.permissions import Capability
from sportloket.funds import approvers, rules
from sportloket.funds.approvers import fund_approvers as fund_approvers
from sportloket.funds.approvers import funds_without_approvers as funds_without_approvers
from sportloket.funds.approvers import may_approve as may_approve
from sportloket.funds.approvers import member_approves as member_approves
from sportloket.funds.approvers import with_lacks_approver as with_lacks_approver
from sportloket.funds.constants import COMMITTING_STATES, THEMES_CHANGE, AllocationState
from sportloket.funds.models import Allocation, AllocationChange, Fund, FundTheme, decision_models


def _themes():
    return Prefetch("themes", queryset=FundTheme.objects.order_by("key"))


def _member(user, loket):
    if user is None or not user.is_authenticated:
        return None
    return Membership.objects.active().filter(user=user, loket=loket).first()


def desk_funds(*, loket, on=None):
    """The desk's funds, newest period first; with ``on``, only those whose period includes
    that day. Each with its owner and eligible themes."""
    return _funds_of(loket.pk, on)


def _funds_of(loket_id, on):
    qs = Fund.objects.filter(loket_id=loket_id)
    if on is not None:
        qs = qs.on(on)
    return (
        qs.select_related("owner").prefetch_related(_themes()).order_by("-starts_on", "name", "pk")
    )


def funds_for_user(*, user, loket, membership=None):
    """The funds of the desk this user sees in detail: a coordinator all of them; a partner
    those of the organisation they represent; every other role none (they see the desk's
    overview only, see ``desk_overview``). ``membership``: the user's active membership of
    the desk when the page has it already (spares looking it up again)."""
    if membership is None:
        membership = _member(user, loket)
    qs = desk_funds(loket=loket)
    if membership is None:
        return qs.none()
    if membership.can(Capability.MANAGE_FUNDS):
        return qs
    if membership.role == Role.PARTNER and membership.organisation_id:
        return qs.filter(owner_id=membership.organisation_id)
    return qs.none()


def fund_for_user(*, user, loket, pk):
    """One fund the user may see, or None (a view answers 404: the fund's existence stays
    unknown to those who may not see it)."""
    try:
        return funds_for_user(user=user, loket=loket).filter(pk=pk).first()
    except (TypeError, ValueError):
        return None


def for_ledger(funds):
    """``funds`` (a queryset) as a fund's ledger shows one, read with the fund: each with
    ``allocation_count``, ``has_approver`` (someone represents its owner: ``fund_approvers``),
    its owner and its ``themes``, each with the ``name`` the desk gives it (None for a theme
    the desk no longer uses). Two queries: the fund and its themes. (Whether the reader
    approves its allocations follows from their membership: ``member_approves``.)"""
    allocations = (
        Allocation.objects.filter(fund=OuterRef("pk"))
        .order_by()
        .values("fund")
        .annotate(n=Count("pk"))
        .values("n")
    )
    named = Theme.objects.filter(
        loket_id=OuterRef("fund__loket_id"), key=OuterRef("key"), is_active=True
    ).values("name")[:1]
    themes = FundTheme.objects.annotate(name=Subquery(named)).order_by("key")
    return (
        funds.select_related("owner")
        .prefetch_related(None)
        .prefetch_related(Prefetch("themes", queryset=themes))
        .annotate(
            allocation_count=Coalesce(Subquery(allocations), 0),
            has_approver=Exists(approvers.represented()),
        )
    )


def fund_history(*, fund, loket):
    """The fund's audit history, newest first, as ``core.selectors.record_history`` reads it,
    with the changes of its themes (which the services write under ``THEMES_CHANGE``) named
    as on the fund's page ("every theme" for none)."""
    rows = core_selectors.record_history(fund, loket=loket)
    for row in rows:
        for change in row["changes"]:
            if change["label"] == THEMES_CHANGE:
                change["label"] = _("Themes")
                change["old"] = change["old"] or _("every theme")
                change["new"] = change["new"] or _("every theme")
    return rows


def _allocations():
    return (
        Allocation.objects.select_related(
            "decision__help_request__organisation__municipality", "created_by"
        )
        .prefetch_related(
            Prefetch(
                "decision__help_request__themes",
                queryset=Theme.objects.order_by("position", "name"),
            ),
            Prefetch(
                "changes",
                queryset=AllocationChange.objects.select_related("actor").order_by("at", "pk"),
            ),
        )
        .order_by("-created_at", "-pk")
    )


def fund_ledger(*, fund) -> dict:
    """A fund's ledger: its amount, what is committed, paid and still available, its
    allocations (newest first, each with the question, its themes, the organisation and the
    history of approvals and payments) and the changes of its amount."""
    fund = Fund.objects.select_related("owner", "loket").prefetch_related(_themes()).get(pk=fund.pk)
    return {
        "fund": fund,
        "amount_cents": fund.amount_cents,
        "committed_cents": fund.committed_cents,
        "paid_cents": fund.paid_cents,
        "available_cents": fund.available_cents,
        "allocations": list(_allocations().filter(fund=fund)),
        "amount_changes": list(fund.amount_changes.select_related("actor").order_by("-at", "-pk")),
    }


def _committed_expression(prefix=""):
    """What an allocation holds of its fund: the paid amount once paid, otherwise its amount;
    zero when rejected or cancelled."""
    return Case(
        When(**{f"{prefix}state": AllocationState.PAID}, then=F(f"{prefix}paid_cents")),
        When(**{f"{prefix}state__in": sorted(COMMITTING_STATES)}, then=F(f"{prefix}amount_cents")),
        default=Value(0),
        output_field=BigIntegerField(),
    )


def committed_by_allocations(*, fund_pks) -> dict[int, int]:
    """{fund pk: what its allocations hold}, added up from the allocations themselves (as the
    database's triggers do, see funds.db) rather than read from the fund's counter."""
    return dict(
        Allocation.objects.committing()
        .filter(fund_id__in=list(fund_pks))
        .values("fund_id")
        .annotate(held=Sum(_committed_expression()))
        .values_list("fund_id", "held")
        .order_by()
    )


def may_pay(fund, *, on, theme_keys, provider_kind: str, cents: int = 0) -> bool:
    """Whether the fund's rules allow it to pay ``cents`` in one allocation on the day ``on``
    for support with these theme keys to a provider of this kind: the one rule for matching's
    money, the decide page's funds, an offering's page, and (through the same ``rules``) the
    allocation itself.

    The fund is in use and ``on`` lies in its period; ``cents`` is at most its maximum per
    allocation; it pays for every theme or one of ``theme_keys``; and its kinds of provider
    match ``provider_kind`` (``rules.kinds_match``). For a question, ``provider_kind`` is its
    organisation's kind ("" without an organisation from the register): a fund for clubs pays
    only for a club's question (and for none until the question is linked to one), a fund for
    every kind for any. Without a question (an offering's page), it is the offering's audience:
    a fund for clubs may pay for an offering for every kind (for the clubs among them), never
    for one for commercial providers only. Whether what is left covers the cost is the
    caller's to judge."""
    if not rules.kinds_match(fund.eligible_provider_kinds, provider_kind):
        return False
    # The kinds are matched above: an offering's audience "all" is no organisation's kind.
    return not rules.refusals(
        fund,
        cents=cents,
        on=on,
        theme_keys=theme_keys,
        fund_theme_keys=rules.theme_keys_of(fund),
        provider_kind=fund.eligible_provider_kinds,
    )


def paying_funds(
    *, loket_id, on, theme_keys, provider_kind: str, cents: int = 0, funds=None
) -> list[tuple[int, Fund]]:
    """The desk's funds that may pay (``may_pay``: in use on ``on``, for these theme keys and
    this kind of provider, ``cents`` within their maximum per allocation), each as (what it can
    still give to one allocation: what is available, at most its maximum per allocation, never
    below 0; the fund), most first, then by name. Two queries; none when ``funds`` holds the
    desk's funds read once (``desk_funds(loket=…, on=…)``)."""
    if funds is None:
        funds = _funds_of(loket_id, on)
    found = []
    for fund in funds:
        if may_pay(fund, on=on, theme_keys=theme_keys, provider_kind=provider_kind, cents=cents):
            room = fund.available_cents
            if fund.max_per_allocation_cents is not None:
                room = min(room, fund.max_per_allocation_cents)
            found.append((max(room, 0), fund))
    found.sort(key=lambda item: (-item[0], item[1].name, item[1].pk))
    return found


def funds_that_may_pay(*, loket, offering, on=None, help_request=None, funds=None) -> list[Fund]:
    """The desk's funds in use on ``on`` (today by default) that may pay the offering's cost in
    one allocation (``paying_funds``): for the question's themes and its organisation's kind
    of provider when a ``help_request`` is given, else for the offering's themes and audience.
    Each has ``available_cents``, most available first; whether that covers the cost is the
    caller's to judge. Funds that pay only with another fund (``co_funding_required``) are
    included. Two queries (three with a request); none when ``funds`` holds the desk's funds
    read once (``desk_funds(loket=…, on=…)``) and the offering's themes are prefetched, as a
    ranking of many offerings wants."""
    on = on or timezone.localdate()
    if help_request is not None:
        theme_keys = set(help_request.themes.values_list("key", flat=True))
        organisation = help_request.organisation if help_request.organisation_id else None
        provider_kind = organisation.kind if organisation else ""
    else:
        theme_keys = {theme.key for theme in offering.themes.all()}
        provider_kind = offering.provider_kinds
    found = paying_funds(
        loket_id=loket.pk,
        on=on,
        theme_keys=theme_keys,
        provider_kind=provider_kind,
        cents=offering.cost_cents,
        funds=funds,
    )
    return sorted((fund for _room, fund in found), key=lambda f: (-f.available_cents, f.name, f.pk))


def pending_approvals(*, user, loket, membership=None):
    """The proposed allocations this user must approve or reject: those of the desk's funds
    whose owner the user represents as a partner; oldest first. Each with what the partner
    decides on: its decision's options as they were ranked (with the offering and who
    delivers it), the question, its themes and its organisation, read in a fixed number of
    queries whatever the number of allocations. ``membership``: as ``funds_for_user``."""
    if membership is None:
        membership = _member(user, loket)
    if membership is None or membership.role != Role.PARTNER or not membership.organisation_id:
        return Allocation.objects.none()
    _decision, DecisionOption = decision_models()
    return (
        _allocations()
        .select_related("fund__owner")
        .prefetch_related(
            Prefetch(
                "decision__options",
                queryset=DecisionOption.objects.select_related("offering__delivered_by").order_by(
                    "rank"
                ),
            )
        )
        .filter(
            fund__loket=loket,
            fund__owner_id=membership.organisation_id,
            state=AllocationState.PROPOSED,
        )
        .order_by("created_at", "pk")
    )


def fund_years(*, loket) -> list[int]:
    """The calendar years the desk's funds cover, newest first (one query); this year too, so
    that a desk without funds can filter on it."""
    span = Fund.objects.for_desk(loket).aggregate(first=Min("starts_on"), last=Max("ends_on"))
    this_year = timezone.localdate().year
    first = min(span["first"].year if span["first"] else this_year, this_year)
    last = max(span["last"].year if span["last"] else this_year, this_year)
    return list(range(last, first - 1, -1))


def fund_allocations(*, fund):
    """A fund's allocations, newest first, each with its question, themes, organisation and
    history (who moved it when): a queryset to paginate or stream, with a fixed number of
    queries per page."""
    return _allocations().filter(fund=fund)


def fund_amount_changes(*, fund):
    """The changes of a fund's amount, newest first, with who made them."""
    return fund.amount_changes.select_related("actor").order_by("-at", "-pk")


# The allocations whose money is awarded: what 360Giving publishes and the public register
# counts as paid from the funds (a proposed one still waits for its owner's approval).
AWARDED_STATES = (AllocationState.APPROVED, AllocationState.PAID)


def awarded_to(decision):
    """What the funds awarded to a decision, by the amounts of its approved and paid
    allocations (0 without any): an expression for the apps above to annotate their decisions
    with, ``decision`` the outer reference to the decision's pk (``OuterRef("pk")``)."""
    awarded = (
        Allocation.objects.filter(decision=decision, state__in=AWARDED_STATES)
        .order_by()
        .values("decision")
        .annotate(total=Sum("amount_cents"))
        .values("total")
    )
    return Coalesce(Subquery(awarded, output_field=BigIntegerField()), 0)


def allocations_changed_at(desk):
    """When an allocation of the desk's funds last changed (None without any): an expression
    for the apps above to annotate their desks with, ``desk`` the outer reference to the
    desk's pk. What the funds awarded changes only with an allocation, so a page that shows
    it can keep what it showed until this moves."""
    last = (
        Allocation.objects.filter(fund__loket=desk)
        .order_by()
        .values("fund__loket")
        .annotate(last=Max("updated_at"))
        .values("last")
    )
    return Subquery(last)


def awarded_total(*, decisions) -> int:
    """What the funds awarded to these decisions (a queryset) together, as ``awarded_to``
    counts it per decision. One query."""
    return Allocation.objects.filter(
        decision__in=decisions.values("pk"), state__in=AWARDED_STATES
    ).aggregate(total=Coalesce(Sum("amount_cents"), 0))["total"]


def awarded_allocations(*, loket):
    """The desk's awarded allocations (approved or paid) for open data: only what may be
    published (the fund and its owner, the organisation in the register, the decision's
    public summary and chosen offerings, when the money was awarded); never the question or
    anyone's contact details. Oldest first; three queries whatever the count."""
    _decision, DecisionOption = decision_models()

    approved_at = AllocationChange.objects.filter(
        allocation=OuterRef("pk"), to_state=AllocationState.APPROVED
    ).values("at")[:1]
    return (
        Allocation.objects.filter(fund__loket=loket, state__in=AWARDED_STATES)
        .select_related(
            "fund__owner__municipality", "decision__help_request__organisation__municipality"
        )
        .only(
            "pk",
            "amount_cents",
            "paid_cents",
            "state",
            "created_at",
            "fund",
            "fund__name",
            "fund__owner",
            "fund__owner__name",
            "fund__owner__kvk_number",
            "fund__owner__kind",
            "fund__owner__municipality",
            "fund__owner__municipality__name",
            "decision",
            "decision__decided_at",
            "decision__public_summary",
            "decision__help_request",
            "decision__help_request__organisation",
            "decision__help_request__organisation__name",
            "decision__help_request__organisation__kvk_number",
            "decision__help_request__organisation__kind",
            "decision__help_request__organisation__municipality",
            "decision__help_request__organisation__municipality__name",
        )
        .annotate(awarded_at=Subquery(approved_at))
        .prefetch_related(
            Prefetch(
                "decision__options",
                queryset=DecisionOption.objects.filter(chosen=True)
                .select_related("offering")
                .only("pk", "decision_id", "offering__id", "offering__title")
                .order_by("rank"),
                to_attr="chosen_options",
            )
        )
        .order_by("created_at", "pk")
    )
