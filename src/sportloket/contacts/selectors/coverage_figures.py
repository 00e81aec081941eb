"""The coverage figures: the share of the work area's providers in contact with the desk
within its policy, and proactively, in total, per municipality, per kind and per month."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from sportloket.contacts.dates import MonthKey, add_months
from sportloket.contacts.models import ContactMoment
from sportloket.contacts.selectors.last_contact import (
    aware_day,
    handled_only_per_month,
    last_moment,
    latest_contact,
)
from sportloket.contacts.selectors.worklist import (
    Policy,
    desk_policy,
    months_expression,
    work_area_providers,
)
from sportloket.decisions.models import Decision
from sportloket.helprequests.models import Message
from sportloket.registry.constants import PROVIDER_KINDS, OrganisationKind


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
            last_contact=latest_contact(loket),
            last_proactive=last_moment(loket, proactive=True),
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


def contacted_per_month(*, loket, on=None, months: int = 12, providers=None) -> list[dict]:
    """Per month of the last ``months`` months up to ``on`` (today by default), newest first:
    the contact moments with the work area's providers (``providers``: those of
    ``work_area_providers`` unless given), the providers in contact (by a contact moment or
    the handling of one of their questions, each provider once a month) and those contacted
    proactively. Two queries."""
    on = on or timezone.localdate()
    providers = work_area_providers(loket=loket) if providers is None else providers
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
    months_shown = [add_months(first_month, offset) for offset in range(months)]
    handled = handled_only_per_month(providers, loket=loket, months=months_shown, until=on)
    per_month = []
    for offset in range(months):
        month = add_months(first_month, offset)
        key = f"{month:%Y-%m}"
        moments, contacted, proactive = monthly.get(key, (0, 0, 0))
        per_month.append(
            {
                "month": month,
                "moments": moments,
                "contacted": contacted + handled.get(key, 0),
                "proactive": proactive,
            }
        )
    per_month.reverse()
    return per_month


def contact_in_month(*, loket, on=None) -> dict:
    """The providers of the work area in contact with the desk in the month of ``on`` (today by
    default), up to ``on``, as querysets of organisations for a query that counts several
    figures at once (the dashboard reads its current month live so): ``contacted`` by a contact
    moment or the handling of one of their questions, ``proactive`` by a proactive contact
    moment. They count as ``contacted_per_month`` does, but start from the month's contacts (a
    few hundred, each placed by an index) instead of reading every provider's."""
    on = on or timezone.localdate()
    first = on.replace(day=1)
    since, until = aware_day(first), aware_day(on + datetime.timedelta(days=1))
    moments = ContactMoment.objects.filter(loket=loket, date__gte=first, date__lte=on)
    messages = Message.objects.filter(
        help_request__loket=loket, created_at__gte=since, created_at__lt=until
    )
    decisions = Decision.objects.filter(loket=loket, decided_at__gte=since, decided_at__lt=until)
    providers = work_area_providers(loket=loket).order_by()
    contacted = (
        Q(pk__in=moments.values("organisation"))
        | Q(pk__in=messages.values("help_request__organisation"))
        | Q(pk__in=decisions.values("help_request__organisation"))
    )
    return {
        "contacted": providers.filter(contacted),
        "proactive": providers.filter(pk__in=moments.filter(proactive=True).values("organisation")),
    }


def coverage_total(*, loket, on=None) -> CoverageRow:
    """The work area's providers, those in contact within the policy on ``on`` and those
    contacted proactively within it (the loket-scan's figures). Two queries."""
    on = on or timezone.localdate()
    providers = work_area_providers(loket=loket)
    policy = desk_policy(loket=loket)
    return _coverage_by_provider(providers, loket=loket, policy=policy, on=on)["total"]


def coverage(*, loket, on=None, months: int = 12) -> dict:
    """The share of the providers in the work area contacted within the policy on ``on``, and
    proactively (the desk took the initiative in a contact within the policy): in total, per
    municipality and per kind of provider; and per month of the last ``months`` months: the
    contacts, the providers in contact and those contacted proactively (see
    ``contacted_per_month``). Four queries."""
    on = on or timezone.localdate()
    policy = desk_policy(loket=loket)
    providers = work_area_providers(loket=loket)
    figures = _coverage_by_provider(providers, loket=loket, policy=policy, on=on)
    per_month = contacted_per_month(loket=loket, on=on, months=months, providers=providers)
    total = figures["total"].providers
    for row in per_month:
        row["share"] = row["contacted"] / total if total else None
    return {"on": on, "policy": policy, **figures, "per_month": per_month}
