"""The desk's contact policy and the work list of providers needing contact, computed in the
database with a fixed number of queries whatever the number of providers or contacts."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import reduce
from operator import or_

from django.core.paginator import Paginator
from django.db.models import (
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from sportloket.accounts.models import User
from sportloket.contacts.dates import AddMonths, add_months
from sportloket.contacts.models import (
    AccountHolder,
    ContactMoment,
    ContactPolicy,
    ContactPolicyRule,
    PlannedContact,
)
from sportloket.contacts.selectors.last_contact import latest_contact
from sportloket.core.constants import Role
from sportloket.core.models import Membership
from sportloket.registry.models import Organisation, Tag


@dataclass
class Policy:
    """The desk's contact policy as the work list applies it."""

    default_months: int
    kind_months: dict = field(default_factory=dict)
    tag_rules: list = field(default_factory=list)  # ContactPolicyRule rows with their tag
    policy_id: int | None = None

    @property
    def shape(self) -> tuple:
        """What a query made with the policy depends on (its intervals and what each is for),
        hashable."""
        tag_rules = sorted((rule.tag_id, rule.months) for rule in self.tag_rules)
        return (self.default_months, tuple(sorted(self.kind_months.items())), tuple(tag_rules))

    def months_for(self, kind: str, tag_ids=()) -> int:
        tag_months = [r.months for r in self.tag_rules if r.tag_id in set(tag_ids)]
        if tag_months:
            return min(tag_months)
        return self.kind_months.get(kind, self.default_months)


# A rule's columns as ``desk_policy`` reads them, joined to its policy.
_RULE_FIELDS = ["id", "policy_id", "kind", "tag_id", "months"]


def desk_policy(*, loket, read=None) -> Policy:
    """The desk's policy: until it sets one, the desk's cadence setting. One query (the policy
    joined with its rules and their tags), whether or not the policy has rules. ``read``: as
    ``work_list_counts``."""

    def query():
        return (
            ContactPolicy.objects.filter(loket=loket)
            .order_by("rules__kind", "rules__tag__name")
            .values_list(
                "pk",
                "default_months",
                *(f"rules__{name}" for name in _RULE_FIELDS),
                "rules__tag__name",
            )
        )

    rows = list(query()) if read is None else read(("contacts.policy", loket.pk), query)
    if not rows:
        return Policy(default_months=loket.contact_cadence_months)
    policy_id, default_months = rows[0][:2]
    db = ContactPolicy.objects.db
    rules = []
    for _pk, _default, *values, tag_name in rows:
        if values[0] is None:  # a policy without rules: one row, without a rule
            continue
        rule = ContactPolicyRule.from_db(db, _RULE_FIELDS, values)
        if rule.tag_id is not None:
            rule.tag = Tag.from_db(db, ["id", "name"], (rule.tag_id, tag_name))
        rules.append(rule)
    return Policy(
        default_months=default_months,
        kind_months={r.kind: r.months for r in rules if r.kind},
        tag_rules=[r for r in rules if r.tag_id],
        policy_id=policy_id,
    )


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


def account_holder_rows(*, loket, read=None) -> tuple:
    """The desk's account holders as (supporter, organisation, sport, municipality) ids, in
    the order they were named (one query): what ``account_holder_expression`` is made of.
    ``read``: as ``work_list_counts``."""

    def query():
        return (
            AccountHolder.objects.for_desk(loket)
            .order_by("pk")
            .values_list("supporter_id", "organisation_id", "sport_id", "municipality_id")
        )

    rows = query() if read is None else read(("contacts.account_holders", loket.pk), query)
    return tuple(rows)


def account_holder_expression(loket, holders=None):
    """Each organisation's account holder (a user id): the one named for it by hand, else the
    holder of a sport it offers (of several, the assignment made first), else the one for its
    municipality. Built from the desk's account holders (``holders``, as
    ``account_holder_rows`` reads them, in one query unless given): its size follows the
    number of assignments, never the number of providers, and each row costs a few index
    lookups instead of a subquery per level."""
    by_hand, by_municipality = defaultdict(list), defaultdict(list)
    by_sport = []
    if holders is None:
        holders = account_holder_rows(loket=loket)
    for supporter, organisation, sport, municipality in holders:
        if organisation:
            by_hand[supporter].append(organisation)
        elif sport:
            by_sport.append((sport, supporter))
        else:
            by_municipality[supporter].append(municipality)
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


def with_contact_status(qs, *, loket, policy: Policy, listed_on=None, holders=None):
    """Annotates providers with ``last_contact`` (a contact moment or the handling of one of
    their questions, see ``latest_contact``), ``months`` (the policy's interval), ``due_on``
    (last contact + interval; NULL when never contacted), ``plan_due`` and ``plan_supporter``
    (the planned contact) and ``holder_id`` (the account holder; ``holders``: as
    ``account_holder_expression`` takes them).

    ``listed_on``: only the providers that need contact on that day are wanted (the work list,
    its counts). A provider contacted within the policy by a contact moment, without a
    planned contact due, needs none whatever its questions: it is left out before its
    questions are read (the costly part) or anything is read for it (most providers of a
    desk that keeps in touch). For every other provider, so for every one listed,
    ``last_contact`` is exact."""
    plan = PlannedContact.objects.filter(loket=loket, organisation=OuterRef("pk"))
    if listed_on is not None:
        qs = _without_settled(qs, loket=loket, policy=policy, on=listed_on)
    return qs.annotate(
        last_contact=latest_contact(loket),
        months=months_expression(policy),
        due_on=AddMonths(F("last_contact"), F("months")),
        plan_due=Subquery(plan.values("due_on")[:1]),
        plan_supporter=Subquery(plan.values("supporter_id")[:1], output_field=IntegerField()),
        holder_id=account_holder_expression(loket, holders),
    )


def _earliest_within(on: date, months: int) -> date:
    """The earliest day whose contact is still within ``months`` months on ``on``: the due day
    (``add_months``) of that day and of every later one is ``on`` or later, as the due day
    never falls when the day rises."""
    day = add_months(on, -months)
    while add_months(day, months) < on:
        day += timedelta(days=1)
    while add_months(day - timedelta(days=1), months) >= on:
        day -= timedelta(days=1)
    return day


def _without_settled(qs, *, loket, policy: Policy, on: date):
    """``qs`` without the providers contacted within the policy by a contact moment and with
    no planned contact due on ``on``: they need no contact whatever their questions. Each an
    index probe: a moment since the earliest day still within the provider's interval (a day
    per interval the policy has), and a plan due (a provider has one at most)."""
    moments = ContactMoment.objects.filter(loket=loket, organisation=OuterRef("pk"))
    intervals = sorted(
        {policy.default_months, *policy.kind_months.values(), *(r.months for r in policy.tag_rules)}
    )

    def recent(months) -> Q:
        return Q(Exists(moments.filter(date__gte=_earliest_within(on, months))))

    if len(intervals) == 1:
        contacted = recent(policy.default_months)
    else:
        qs = qs.alias(interval=months_expression(policy))
        contacted = reduce(or_, (Q(interval=months) & recent(months) for months in intervals))
    due = PlannedContact.objects.filter(loket=loket, organisation=OuterRef("pk"), due_on__lte=on)
    return qs.exclude(contacted & ~Exists(due))


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
    qs = with_contact_status(
        work_area_providers(loket=loket),
        loket=loket,
        policy=policy,
        listed_on=None if everyone else on,
    )
    if not everyone:
        qs = qs.filter(needs_contact(on))
    if supporter is not None:
        qs = qs.filter(holder_id=supporter.pk)
    if search:
        qs = qs.filter(name__icontains=search)
    return qs.select_related("municipality").order_by(
        F("due_on").asc(nulls_first=True), "name", "pk"
    )


@dataclass
class _Status:
    """A provider's contact status as ``with_contact_status`` reads it, with its due day."""

    pk: int
    last_contact: date | None
    months: int
    plan_due: date | None
    plan_supporter: int | None
    holder_id: int | None
    due_on: date | None = None

    def needs_contact(self, on: date) -> bool:
        """``needs_contact`` for one provider."""
        return (
            self.last_contact is None
            or self.due_on < on
            or (self.plan_due is not None and self.plan_due <= on)
        )


def _statuses(
    *, loket, supporter=None, search: str = "", listed_on=None, read=None
) -> list[_Status]:
    """Every provider's contact status in the work list's order of names (one query, and two
    for the policy and the account holders). Each provider's contacts are read once here; a
    queryset filtered and ordered on them (``work_list``) reads them in its condition, order,
    selection and count again. ``listed_on``: as ``with_contact_status``; ``read``: as
    ``work_list_counts``."""
    policy = desk_policy(loket=loket, read=read)
    holders = account_holder_rows(loket=loket, read=read)

    def query():
        qs = with_contact_status(
            work_area_providers(loket=loket),
            loket=loket,
            policy=policy,
            listed_on=listed_on,
            holders=holders,
        )
        if supporter is not None:
            qs = qs.filter(holder_id=supporter.pk)
        if search:
            qs = qs.filter(name__icontains=search)
        return qs.order_by("name", "pk").values_list(
            "pk", "last_contact", "months", "plan_due", "plan_supporter", "holder_id"
        )

    if read is None:
        rows = query()
    else:
        # Everything the query is made of: the desk, the day, the filters, the policy and
        # the account holders (the rest of it are subqueries).
        shape = (loket.pk, listed_on, supporter and supporter.pk, search, policy.shape, holders)
        rows = read(("contacts.statuses", *shape), query)
    statuses = [_Status(*row) for row in rows]
    for status in statuses:
        if status.last_contact is not None:
            status.due_on = add_months(status.last_contact, status.months)
    return statuses


def work_list_page(
    *, loket, page=1, per_page: int = 25, on=None, supporter=None, everyone=False, search=""
):
    """One page of the work list: the providers ``work_list`` finds, in its order, evaluated
    and with ``decorate_rows`` done. The statuses are read once (``_statuses``, the due days
    and order follow in Python, as AddMonths and the SQL order have them), then the page's
    organisations and the people: a fixed number of queries whatever the number of
    providers."""
    on = on or timezone.localdate()
    statuses = _statuses(
        loket=loket, supporter=supporter, search=search, listed_on=None if everyone else on
    )
    if not everyone:
        statuses = [status for status in statuses if status.needs_contact(on)]
    # Never contacted first, then by due day; names stay in the database's order (stable sort).
    statuses.sort(key=lambda status: (status.due_on is not None, status.due_on or date.min))
    paginated = Paginator(statuses, per_page).get_page(page)
    # With the page's organisations: why a signal planned a contact, if it did.
    reason = PlannedContact.objects.filter(loket=loket, organisation=OuterRef("pk"))
    found = (
        Organisation.objects.select_related("municipality")
        .annotate(plan_reason=Subquery(reason.values("reason")[:1]))
        .order_by()
        .in_bulk([status.pk for status in paginated.object_list])
    )
    rows = []
    for status in paginated.object_list:
        organisation = found.get(status.pk)
        if organisation is None:  # merged or removed since the statuses were read
            continue
        for name in ("last_contact", "months", "due_on", "plan_due", "plan_supporter"):
            setattr(organisation, name, getattr(status, name))
        organisation.holder_id = status.holder_id
        rows.append(organisation)
    paginated.object_list = decorate_rows(rows, on=on)
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


def work_list_counts(*, loket, user, on=None, read=None) -> dict[str, int]:
    """How many providers need contact on ``on`` (today by default), as the work list finds
    them: at the desk (``all``, the work list with ``holder=all``) and of which ``user`` is the
    account holder (``mine``, ``holder=mine``). Three queries (``_statuses``).

    ``read(key, query)``: how the statuses' rows are read, if not by evaluating the queryset
    ``query()`` makes; that queryset depends on nothing but ``key`` (hashable), so a caller may
    keep its SQL compiled per key (building it costs more than running it)."""
    on = on or timezone.localdate()
    counts = {"all": 0, "mine": 0}
    for status in _statuses(loket=loket, listed_on=on, read=read):
        if status.needs_contact(on):
            counts["all"] += 1
            counts["mine"] += status.holder_id == user.pk
    return counts
