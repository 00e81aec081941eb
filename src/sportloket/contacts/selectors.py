"""Reads on contact with providers: the contact moments a member may see, an organisation's
timeline (its contacts, questions and decisions), the desk's policy, the work list of providers
needing contact and the coverage figures, each computed in the database with a fixed number of
queries whatever the number of providers or contacts."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.core.paginator import Paginator
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from sportloket.accounts.models import User
from sportloket.contacts.constants import Visibility
from sportloket.contacts.dates import AddMonths, MonthKey, add_months
from sportloket.contacts.models import (
    AccountHolder,
    ContactMoment,
    ContactPolicy,
    ContactPolicyRule,
    PlannedContact,
)
from sportloket.core.constants import Role
from sportloket.core.models import Membership, Theme
from sportloket.core.permissions import Capability
from sportloket.decisions.models import Decision
from sportloket.helprequests import selectors as request_selectors
from sportloket.registry.constants import PROVIDER_KINDS, OrganisationKind
from sportloket.registry.models import Organisation

# --- contact moments -----------------------------------------------------------------------


def visible_contacts(*, membership):
    """The desk's contact moments this member may read. Restricted ones only for coordinators
    and their author (the supporter who logged them), not for a supporter they merely name;
    partners never see them."""
    qs = ContactMoment.objects.for_desk(membership.loket)
    if membership.role == Role.COORDINATOR:
        return qs
    if membership.role == Role.SUPPORTER:
        return qs.filter(Q(visibility=Visibility.DESK) | Q(created_by=membership.user_id))
    return qs.filter(visibility=Visibility.DESK)


def _with_rows(qs):
    return qs.select_related("organisation", "supporter").prefetch_related(
        Prefetch("topics", queryset=Theme.objects.order_by("position", "name"))
    )


def desk_contacts(
    *,
    membership,
    organisation=None,
    supporter=None,
    channel: str = "",
    proactive: str = "",
    topic=None,
    date_from=None,
    date_to=None,
    search: str = "",
):
    """The contact moments the member may read, filtered in the database, newest first.
    ``proactive``: "yes" (the desk took the initiative) or "no"."""
    qs = visible_contacts(membership=membership)
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    if supporter is not None:
        qs = qs.filter(supporter=supporter)
    if channel:
        qs = qs.filter(channel=channel)
    if proactive in ("yes", "no"):
        qs = qs.filter(proactive=proactive == "yes")
    if topic is not None:
        qs = qs.filter(topics=topic)
    if date_from is not None:
        qs = qs.filter(date__gte=date_from)
    if date_to is not None:
        qs = qs.filter(date__lte=date_to)
    if search:
        qs = qs.filter(Q(organisation__name__icontains=search) | Q(summary__icontains=search))
    return _with_rows(qs).order_by("-date", "-pk")


def request_contacts(*, membership, help_request, limit: int = 20):
    """The contact moments this member may read that were logged about a question, newest
    first (the most recent ``limit``)."""
    return list(
        visible_contacts(membership=membership)
        .filter(help_request=help_request)
        .select_related("supporter")
        .order_by("-date", "-pk")[:limit]
    )


def contact_detail_queryset(*, membership):
    return visible_contacts(membership=membership).select_related(
        "organisation", "supporter", "created_by", "help_request"
    )


def may_read_timeline(*, membership) -> bool:
    """Whether the member may read an organisation's timeline: its contacts or its questions."""
    return membership.can(Capability.VIEW_CONTACTS) or membership.can(Capability.VIEW_REQUESTS)


def _timeline_contacts(membership, organisation, limit: int) -> list[dict]:
    moments = _with_rows(
        visible_contacts(membership=membership).filter(organisation=organisation)
    ).order_by("-date", "-pk")[:limit]
    return [{"kind": "contact", "day": m.date, "object": m} for m in moments]


def _timeline_questions(membership, organisation, limit: int) -> list[dict]:
    """The organisation's questions to this desk that the member may see, and the decisions
    on them."""
    visible = request_selectors.visible_requests(membership=membership).filter(
        organisation=organisation
    )
    rows = [
        {
            "kind": "request",
            "day": timezone.localtime(help_request.submitted_at).date(),
            "object": help_request,
        }
        for help_request in visible.order_by("-submitted_at", "-pk")[:limit]
    ]
    decisions = (
        Decision.objects.filter(help_request__in=visible.values("pk"))
        .select_related("help_request")
        .order_by("-decided_at", "-pk")[:limit]
    )
    rows += [
        {"kind": "decision", "day": timezone.localtime(d.decided_at).date(), "object": d}
        for d in decisions
    ]
    return rows


# On one day, newest first: the decision, then contact moments, then the question.
_TIMELINE_ORDER = {"decision": 0, "contact": 1, "request": 2}


def organisation_timeline(*, membership, organisation, limit: int = 50) -> list[dict]:
    """The organisation's contact moments the member may read, its questions to this desk and
    the decisions on them (where the member may see questions), newest first. Three queries
    and a prefetch, whatever their number. The register's page shows it through the
    ``organisation_timeline`` tag (``templatetags/contact_panels.py``)."""
    rows = []
    if membership.can(Capability.VIEW_CONTACTS):
        rows += _timeline_contacts(membership, organisation, limit)
    if membership.can(Capability.VIEW_REQUESTS):
        rows += _timeline_questions(membership, organisation, limit)
    rows.sort(key=lambda row: (row["day"], -_TIMELINE_ORDER[row["kind"]]), reverse=True)
    return rows[:limit]


# --- the policy ----------------------------------------------------------------------------


@dataclass
class Policy:
    """The desk's contact policy as the work list applies it."""

    default_months: int
    kind_months: dict = field(default_factory=dict)
    tag_rules: list = field(default_factory=list)  # ContactPolicyRule rows with their tag
    policy_id: int | None = None

    def months_for(self, kind: str, tag_ids=()) -> int:
        tag_months = [r.months for r in self.tag_rules if r.tag_id in set(tag_ids)]
        if tag_months:
            return min(tag_months)
        return self.kind_months.get(kind, self.default_months)


def desk_policy(*, loket) -> Policy:
    """The desk's policy (one query): until it sets one, the desk's cadence setting."""
    rules = list(
        ContactPolicyRule.objects.filter(policy__loket=loket)
        .select_related("policy", "tag")
        .order_by("kind", "tag__name")
    )
    if rules:
        policy = rules[0].policy
        return Policy(
            default_months=policy.default_months,
            kind_months={r.kind: r.months for r in rules if r.kind},
            tag_rules=[r for r in rules if r.tag_id],
            policy_id=policy.pk,
        )
    policy = ContactPolicy.objects.filter(loket=loket).first()
    if policy is not None:
        return Policy(default_months=policy.default_months, policy_id=policy.pk)
    return Policy(default_months=loket.contact_cadence_months)


def months_expression(policy: Policy):
    """The policy's interval for each organisation of a queryset: a tag rule wins over a rule
    for its kind, which wins over the default; of several tag rules that fit, the shortest
    (the tag rules are tried shortest first, each an index lookup of the organisation's tag)."""
    tagged = Organisation.tags.through.objects
    whens = [
        When(
            Exists(tagged.filter(organisation_id=OuterRef("pk"), tag_id=rule.tag_id)),
            then=Value(rule.months),
        )
        for rule in sorted(policy.tag_rules, key=lambda rule: (rule.months, rule.tag_id))
    ]
    whens += [When(kind=kind, then=Value(months)) for kind, months in policy.kind_months.items()]
    if not whens:
        return Value(policy.default_months, output_field=IntegerField())
    return Case(*whens, default=Value(policy.default_months), output_field=IntegerField())


# --- the work list -------------------------------------------------------------------------


def work_area_providers(*, loket):
    """The providers the desk keeps in touch with: active sports clubs and commercial providers
    in its register (its work area and those linked to it), merged duplicates left out."""
    return (
        Organisation.objects.for_desk(loket).providers().active().filter(merged_into__isnull=True)
    )


def _last_contact(loket, **conditions):
    return Subquery(
        ContactMoment.objects.filter(loket=loket, organisation=OuterRef("pk"), **conditions)
        .order_by("-date")
        .values("date")[:1]
    )


def account_holder_expression(loket):
    """Each organisation's account holder (a user id): the one named for it by hand, else the
    holder of a sport it offers (of several, the assignment made first), else the one for its
    municipality. Built from the desk's account holders (one query): its size follows the
    number of assignments, never the number of providers, and each row costs a few index
    lookups instead of a subquery per level."""
    by_hand, by_municipality = defaultdict(list), defaultdict(list)
    by_sport = []
    for holder in AccountHolder.objects.for_desk(loket).order_by("pk"):
        if holder.organisation_id:
            by_hand[holder.supporter_id].append(holder.organisation_id)
        elif holder.sport_id:
            by_sport.append((holder.sport_id, holder.supporter_id))
        else:
            by_municipality[holder.supporter_id].append(holder.municipality_id)
    offers = Organisation.sports.through.objects
    whens = [When(pk__in=ids, then=Value(user)) for user, ids in by_hand.items()]
    whens += [
        When(
            Exists(offers.filter(organisation_id=OuterRef("pk"), sport_id=sport_id)),
            then=Value(user),
        )
        for sport_id, user in by_sport
    ]
    whens += [
        When(municipality_id__in=ids, then=Value(user)) for user, ids in by_municipality.items()
    ]
    if not whens:
        return Value(None, output_field=IntegerField())
    return Case(*whens, default=None, output_field=IntegerField())


def with_contact_status(qs, *, loket, policy: Policy):
    """Annotates providers with ``last_contact``, ``months`` (the policy's interval),
    ``due_on`` (last contact + interval; NULL when never contacted), ``plan_due`` and
    ``plan_supporter`` (the planned contact) and ``holder_id`` (the account holder)."""
    plan = PlannedContact.objects.filter(loket=loket, organisation=OuterRef("pk"))
    return qs.annotate(
        last_contact=_last_contact(loket),
        months=months_expression(policy),
        due_on=AddMonths(F("last_contact"), F("months")),
        plan_due=Subquery(plan.values("due_on")[:1]),
        plan_supporter=Subquery(plan.values("supporter_id")[:1], output_field=IntegerField()),
        holder_id=account_holder_expression(loket),
    )


def needs_contact(on: date) -> Q:
    """Never contacted, overdue (the policy's interval passed: the due day lies before ``on``)
    or a planned contact (a follow-up) on or before ``on``."""
    return Q(last_contact__isnull=True) | Q(due_on__lt=on) | Q(plan_due__lte=on)


def work_list(*, loket, supporter=None, on=None, everyone: bool = False, search: str = ""):
    """The providers in the desk's work area that need contact on ``on`` (today by default),
    with their status (see ``with_contact_status``); ``everyone``: all providers.

    Order: providers never contacted first (by name), then by due day, earliest first, which
    is the most overdue first; a provider listed only for a planned contact that is due comes
    after the overdue ones, by its due day. ``supporter``: only the providers of which this
    user is the account holder. Paginate it; ``decorate_rows`` adds what a page shows."""
    on = on or timezone.localdate()
    policy = desk_policy(loket=loket)
    qs = with_contact_status(work_area_providers(loket=loket), loket=loket, policy=policy)
    if not everyone:
        qs = qs.filter(needs_contact(on))
    if supporter is not None:
        qs = qs.filter(holder_id=supporter.pk)
    if search:
        qs = qs.filter(name__icontains=search)
    return qs.select_related("municipality").order_by(
        F("due_on").asc(nulls_first=True), "name", "pk"
    )


def work_list_page(*, loket, page=1, per_page: int = 25, on=None, **filters):
    """One page of the work list (see ``work_list``), evaluated, with ``decorate_rows`` done:
    three queries (the page, the count, the people), whatever the number of providers."""
    on = on or timezone.localdate()
    paginated = Paginator(work_list(loket=loket, on=on, **filters), per_page).get_page(page)
    paginated.object_list = decorate_rows(paginated.object_list, on=on)
    return paginated


def decorate_rows(rows, *, on=None):
    """Adds to a page of work-list rows ``days_overdue``, ``follow_up_due``,
    ``never_contacted``, ``holder`` and ``plan_by`` (one query for the people, whatever the
    rows)."""
    on = on or timezone.localdate()
    rows = list(rows)
    ids = {r.holder_id for r in rows} | {r.plan_supporter for r in rows}
    people = User.objects.in_bulk([i for i in ids if i is not None]) if ids - {None} else {}
    for row in rows:
        row.never_contacted = row.last_contact is None
        row.days_overdue = (on - row.due_on).days if row.due_on and row.due_on < on else 0
        row.follow_up_due = row.plan_due is not None and row.plan_due <= on
        row.holder = people.get(row.holder_id)
        row.plan_by = people.get(row.plan_supporter)
    return rows


def contact_staff(*, loket):
    """The desk's active coordinators and supporters: who logs contacts and holds accounts."""
    return (
        Membership.objects.active()
        .filter(loket=loket, role__in=(Role.COORDINATOR, Role.SUPPORTER))
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )


def desk_account_holders(*, loket):
    return (
        AccountHolder.objects.for_desk(loket)
        .select_related("supporter", "municipality", "sport", "organisation")
        .order_by("supporter__full_name", "supporter__email", "pk")
    )


def due_plans(*, loket, supporter, on=None):
    """The planned contacts of ``supporter`` at the desk that are due on ``on`` or earlier."""
    on = on or timezone.localdate()
    return (
        PlannedContact.objects.for_desk(loket)
        .filter(supporter=supporter, due_on__lte=on)
        .select_related("organisation")
        .order_by("due_on", "organisation__name")
    )


# --- coverage ------------------------------------------------------------------------------


@dataclass
class CoverageRow:
    label: str
    providers: int = 0
    covered: int = 0
    proactive: int = 0

    @property
    def share(self):
        return self.covered / self.providers if self.providers else None

    @property
    def proactive_share(self):
        return self.proactive / self.providers if self.providers else None


def _coverage_by_provider(providers, *, loket, policy: Policy, on) -> dict:
    """The providers covered within the policy on ``on``, and proactively: in total, per
    municipality and per kind of provider. One query."""
    # The due days follow in Python from the three values the database reads per provider
    # (each subquery once), with the same month arithmetic as AddMonths.
    rows = (
        providers.annotate(
            last_contact=_last_contact(loket),
            last_proactive=_last_contact(loket, proactive=True),
            months=months_expression(policy),
        )
        .order_by()
        .values_list("municipality__name", "kind", "last_contact", "last_proactive", "months")
    )
    total = CoverageRow(label="")
    per_municipality = defaultdict(lambda: CoverageRow(label=""))
    per_kind = {
        kind: CoverageRow(label=str(OrganisationKind(kind).label)) for kind in PROVIDER_KINDS
    }
    for municipality, kind, last_contact, last_proactive, interval in list(rows):
        covered = last_contact is not None and add_months(last_contact, interval) >= on
        proactive = last_proactive is not None and add_months(last_proactive, interval) >= on
        for row in (total, per_municipality[municipality or ""], per_kind[kind]):
            row.providers += 1
            row.covered += covered
            row.proactive += proactive
    municipalities = []
    for name in sorted(per_municipality):
        row = per_municipality[name]
        row.label = name
        municipalities.append(row)
    return {"total": total, "per_municipality": municipalities, "per_kind": list(per_kind.values())}


def _coverage_per_month(providers, *, loket, on, months: int, total: CoverageRow) -> list[dict]:
    """Per month of the last ``months`` months, newest first: the contacts, the providers
    contacted and those contacted proactively. One query."""
    first_month = add_months(on.replace(day=1), -(months - 1))
    monthly_rows = (
        ContactMoment.objects.filter(
            loket=loket,
            organisation__in=providers.values("pk"),
            date__gte=first_month,
            date__lte=on,
        )
        .annotate(month=MonthKey("date"))
        .order_by()
        .values("month")
        .annotate(
            moments=Count("pk"),
            contacted=Count("organisation", distinct=True),
            proactive=Count("organisation", distinct=True, filter=Q(proactive=True)),
        )
        .values_list("month", "moments", "contacted", "proactive")
    )
    monthly = {key: (n, p, pp) for key, n, p, pp in monthly_rows}
    per_month = []
    for offset in range(months):
        month = add_months(first_month, offset)
        moments, contacted, proactive = monthly.get(f"{month:%Y-%m}", (0, 0, 0))
        per_month.append(
            {
                "month": month,
                "moments": moments,
                "contacted": contacted,
                "proactive": proactive,
                "share": contacted / total.providers if total.providers else None,
            }
        )
    per_month.reverse()
    return per_month


def coverage(*, loket, on=None, months: int = 12) -> dict:
    """The share of the providers in the work area contacted within the policy on ``on``, and
    proactively (the desk took the initiative in a contact within the policy): in total, per
    municipality and per kind of provider; and per month of the last ``months`` months: the
    contacts, the providers contacted and those contacted proactively. Three queries."""
    on = on or timezone.localdate()
    policy = desk_policy(loket=loket)
    providers = work_area_providers(loket=loket)
    figures = _coverage_by_provider(providers, loket=loket, policy=policy, on=on)
    per_month = _coverage_per_month(
        providers, loket=loket, on=on, months=months, total=figures["total"]
    )
    return {"on": on, "policy": policy, **figures, "per_month": per_month}
