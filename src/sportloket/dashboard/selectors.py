"""Reads for the desk's dashboard, composed of the owning apps' selectors: what waits for the
member and for the desk (each counted as the list the dashboard links to filters it), the
money left per fund, the desk's last months at a glance and its team. Only what the member's
role may open is read; a fixed number of queries whatever the number of rows: the small
counts and totals of every part are read together in one query (``figures.Figures``), and the
months before the current one once a day per desk (they do not change during it). The queries
read on every visit are compiled once per process for what they are made of (``prepared``):
building them costs the ORM more than the database takes to answer them."""

from datetime import date, datetime, time

from django.core.cache import cache
from django.utils import timezone

from sportloket.contacts import selectors as contact_selectors
from sportloket.contacts.dates import add_months
from sportloket.core import prepared
from sportloket.core import selectors as core_selectors
from sportloket.core.constants import Role
from sportloket.core.models import Membership
from sportloket.core.permissions import Capability, membership_capabilities
from sportloket.dashboard.figures import Figures
from sportloket.funds import summaries as fund_summaries
from sportloket.helprequests import selectors as request_selectors
from sportloket.quality import selectors as quality_selectors
from sportloket.quality.constants import ACTING_ROLES, EXPIRY_WARNING_DAYS
from sportloket.scan.starting import desk_first_steps

# How many months the dashboard's charts show, the current one included.
MONTHS = 6
# The figures of the months before the current one, per desk and day (and number of months);
# the number after "months" is the shape of what is kept: raise it when that changes.
PAST_MONTHS_KEY = "dashboard:past-months:1:{desk}:{day}:{months}"
PAST_MONTHS_SECONDS = 24 * 60 * 60
# What a member's role may read of the months, by the capability that opens it.
SECTIONS = {
    "questions": Capability.VIEW_REQUESTS,
    "money": Capability.VIEW_FUNDS,
    "contacts": Capability.VIEW_CONTACTS,
}


def approves_allocations(membership) -> bool:
    """A partner who represents an organisation approves the allocations of its funds."""
    return membership.role == Role.PARTNER and bool(membership.organisation_id)


def dashboard(*, membership, user, today, months: int = MONTHS) -> dict:
    """Everything the dashboard reads: ``waiting`` (see ``waiting``), ``month`` (see
    ``month_at_a_glance``) and ``roles`` (the desk's active members per role). Their small
    counts and totals are read in one query (``member_figures``), compiled once per member
    and day (``prepared``: the key holds all the stored fields of the membership and of its
    desk, as the query may be made of any of them)."""
    starts = request_selectors.month_starts(months=months, today=today)
    loket = membership.loket

    def query():
        return member_figures(membership=membership, today=today, start=starts[-1]).queryset(loket)

    key = ("dashboard.figures", prepared.shape(membership), prepared.shape(loket), today)
    values = prepared.row(key, query)
    return {
        "waiting": waiting(membership=membership, user=user, today=today, values=values),
        "month": month_at_a_glance(
            membership=membership, today=today, starts=starts, values=values
        ),
        "roles": {role: values[f"role_{role}"] for role in Role.values},
    }


def member_figures(*, membership, today, start: date) -> Figures:
    """The dashboard's small counts and totals, to read in one query, made of the membership
    (its desk, role and person) and the day alone: what waits, only where the member's role may
    open the list it links to (``requests_…``: ``helprequests.selectors.waiting_requests``;
    ``expiring``: the member's quality registrations expiring within the warning period;
    ``approvals_desk`` and ``approvals_mine``: allocations waiting for approval), the money
    and contacts of the current month, beginning on ``start`` (``current_…``, see
    ``_add_month``), and the desk's active members per role (``role_…``)."""
    can = membership_capabilities(membership)
    loket = membership.loket
    found = Figures()
    if Capability.VIEW_REQUESTS in can:
        waiting_requests = request_selectors.waiting_requests(membership=membership, today=today)
        for key, questions in waiting_requests.items():
            found.count(f"requests_{key}", questions)
    if Capability.VIEW_QUALITY in can and membership.role in ACTING_ROLES:
        expiring = quality_selectors.expiring(loket=loket, on=today, days=EXPIRY_WARNING_DAYS)
        found.count("expiring", expiring.filter(user=membership.user_id))
    if _sees_funds(membership, can):
        for key, allocations in fund_summaries.approvals_waiting(membership=membership).items():
            found.count(f"approvals_{key}", allocations)
    _add_month(found, loket, start, today, "current_", _sections(can))
    members = Membership.objects.active().for_desk(loket)
    for role in Role.values:
        found.count(f"role_{role}", members.filter(role=role))
    return found


def waiting(*, membership, user, today, values: dict) -> dict:
    """What waits, read only where the member's role may open the list it links to:
    ``requests`` (as ``helprequests.selectors.dashboard_counts``), ``contacts`` (the work
    list's counts, ``mine`` and ``all``), ``expiring`` and ``approvals`` (``desk`` and
    ``mine``), taken from ``values`` (as ``member_figures`` reads them), and ``funds`` (what
    is left of each fund in use that the member sees)."""
    can = membership_capabilities(membership)
    found = {}
    if Capability.VIEW_REQUESTS in can:
        found["requests"] = {
            name.removeprefix("requests_"): value
            for name, value in values.items()
            if name.startswith("requests_")
        }
    if Capability.LOG_CONTACTS in can:
        found["contacts"] = contact_selectors.work_list_counts(
            loket=membership.loket, user=user, on=today, read=prepared.rows
        )
    if "expiring" in values:
        found["expiring"] = values["expiring"]
    if _sees_funds(membership, can):
        mine = values.get("approvals_mine", 0)
        found["approvals"] = {"desk": values["approvals_desk"], "mine": mine}
        found["funds"] = fund_summaries.funds_left(membership=membership, on=today)
    return found


def _sees_funds(membership, can) -> bool:
    return Capability.MANAGE_FUNDS in can or approves_allocations(membership)


def _sections(can) -> list[str]:
    return [name for name, capability in SECTIONS.items() if capability in can]


def month_at_a_glance(*, membership, today, starts: list[date], values: dict) -> dict:
    """The desk's last months, beginning on ``starts`` (oldest first), as far as the member's
    role may read them: ``questions`` in and decided and ``response`` the median working days
    to the first response and to the decision (with counts), ``money`` committed and paid,
    ``contacts`` the providers in contact (by a contact moment or the handling of a question)
    and those contacted proactively.

    The months before the current one come from ``past_months``; the current one is read live:
    its questions in one query, its money and contacts taken from ``values`` (as
    ``member_figures`` reads them)."""
    loket = membership.loket
    sections = _sections(membership_capabilities(membership))
    past = past_months(loket=loket, starts=starts, today=today) if len(starts) > 1 else {}
    current = {"money": _money_row(starts[-1]), "contacts": _contacts_row(starts[-1])}
    for section in ("money", "contacts"):
        _fill(current[section], values, "current_")
    if "questions" in sections:
        current["questions"] = request_selectors.month_figures(
            loket=loket, starts=starts[-1:], read=prepared.rows
        )[0]
    found = {"months": starts, "first_steps": None}
    if membership.can(Capability.MANAGE_DESK):
        found["first_steps"] = past.get("first_steps")
    for section in sections:
        found[section] = [*past.get(section, []), current[section]]
    if "questions" in found:
        found["response"] = found["questions"]
    return found


def work_area(*, loket) -> list[dict]:
    """The municipalities of the desk's work area by name, each its ``name`` and ``code``."""

    def query():
        return core_selectors.desk_work_area(loket=loket).values_list("name", "code")

    found = prepared.rows(("dashboard.work_area", loket.pk), query)
    return [{"name": name, "code": code} for name, code in found]


def past_months(*, loket, starts: list[date], today) -> dict:
    """``questions``, ``money`` and ``contacts`` (rows as ``month_at_a_glance`` has them) of the
    months beginning on ``starts`` except the last (the current month), read once a day per
    desk (two queries) and kept in the cache (a query to get them after that): a question, a
    payment or a contact of today falls in the current month. What is recorded today with an
    earlier date (a contact moment of last week, a question taken by phone last month) shows
    in those months from tomorrow."""
    key = PAST_MONTHS_KEY.format(desk=loket.pk, day=today.isoformat(), months=len(starts))
    found = cache.get(key)
    if found is not None:
        return found
    past = starts[:-1]
    figures = Figures()
    for number, start in enumerate(past):
        _add_month(figures, loket, start, _last_day(start), f"month{number}_", list(SECTIONS))
    values = figures.read(loket)
    money = [_money_row(start) for start in past]
    contacts = [_contacts_row(start) for start in past]
    for number, rows in enumerate(zip(money, contacts, strict=True)):
        for row in rows:
            _fill(row, values, f"month{number}_")
    found = {
        "questions": request_selectors.month_figures(loket=loket, starts=past),
        "money": money,
        "contacts": contacts,
        # A new desk's first steps, from its latest loket-scan snapshot (renewed every night).
        "first_steps": desk_first_steps(loket=loket, today=today),
    }
    cache.set(key, found, PAST_MONTHS_SECONDS)
    return found


def _money_row(start: date) -> dict:
    return {"month": start, "committed_cents": 0, "paid_cents": 0}


def _contacts_row(start: date) -> dict:
    return {"month": start, "contacted": 0, "proactive": 0}


def _fill(row: dict, values: dict, prefix: str) -> None:
    """Puts in ``row`` the figures read for it (named ``prefix`` + its key)."""
    row.update((key, values[prefix + key]) for key in row if prefix + key in values)


def _add_month(figures: Figures, loket, start: date, on: date, prefix: str, sections) -> None:
    """Adds to ``figures`` the money and contacts of the month beginning on ``start``, up to
    ``on``, named with ``prefix``."""
    if "money" in sections:
        money = fund_summaries.money_in(
            loket=loket, since=_first_moment(start), until=_first_moment(add_months(start, 1))
        )
        for key, changes in money.items():
            figures.total(prefix + key, changes)
    if "contacts" in sections:
        for key, providers in contact_selectors.contact_in_month(loket=loket, on=on).items():
            figures.count(prefix + key, providers)


def _last_day(start: date) -> date:
    return date.fromordinal(add_months(start, 1).toordinal() - 1)


def _first_moment(day: date) -> datetime:
    """The first moment of ``day`` in the desk's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))
