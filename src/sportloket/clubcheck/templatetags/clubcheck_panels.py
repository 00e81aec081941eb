"""The club check's panels on pages of other apps (loaded by name: the provider's page, the
desk's public page) and the figure of a group, suppressed or not."""

from django import template
from django.utils.translation import gettext as _

from sportloket.clubcheck import selectors
from sportloket.clubcheck.constants import Finances
from sportloket.core.charts import Series, bar_chart

register = template.Library()

SUPPRESSED = "—"


@register.simple_tag
def figure(group, name):
    """The published value of ``name`` in ``group``; a dash when it is suppressed."""
    if name == "members":
        parts = [group.value(n) for n in ("members_youth", "members_adult", "members_senior")]
        return SUPPRESSED if None in parts else sum(parts)
    if name == "response_rate":
        rate = group.response_rate
        return SUPPRESSED if rate is None else f"{rate:.1f} %".replace(".", ",")
    if name in ("invited", "answered"):
        return SUPPRESSED if group.suppressed else getattr(group, name)
    value = group.value(name)
    return SUPPRESSED if value is None else value


def finances_chart(total):
    """The finances of the providers that answered, as bars (a suppressed count is no bar)."""
    values = [total.value(f"finances_{value}") for value in Finances.values]
    return bar_chart(
        label=_("Finances of the providers that answered"),
        months=list(Finances.values),
        names=[str(label) for label in Finances.labels],
        series=[Series(_("Providers"), values)],
    )


@register.inclusion_tag("clubcheck/_portal_checks.html")
def portal_club_checks(organisation):
    return {"invitations": selectors.open_checks_for(organisation=organisation)}


@register.inclusion_tag("clubcheck/_public_headline.html")
def club_check_headline(desk):
    """The headline figures of the desk's latest club check with answers, if any."""
    round = selectors.latest_published_round(loket=desk)
    if round is None:
        return {"round": None}
    total = selectors.result_rows(
        answers=selectors.desk_answers(round),
        invitations=selectors.desk_invitations(round),
        dimensions=("total",),
    )["total"]
    total = total[0] if total else None
    return {
        "round": round,
        "desk": desk,
        "total": total,
        "chart": finances_chart(total) if total and not total.suppressed else None,
        "finances": [(f"finances_{v}", label) for v, label in Finances.choices],
    }
