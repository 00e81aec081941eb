"""The desk's decision list as rows (``decisions/_decision_rows.html``): each value worked out
once here, so that the template only places it. Written in the template (dates, the chosen
offerings with their rank and score, the rationale's line breaks, amounts and links, for 25
decisions) they took most of the page's time (issue 19)."""

from typing import NamedTuple

from django.template.defaultfilters import floatformat, linebreaksbr
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _

from sportloket.core.money import euros


class DecisionRow(NamedTuple):
    pk: int
    decided_iso: str
    decided: str  # as "j N Y H:i" in the page's language
    decided_by: str
    superseded: bool
    question_url: str  # "" when the member may not open the question
    question_from: str
    chosen: str  # "title (organisation, ranked 1, score 8.5)" for each, as the page joins them
    rationale: str  # escaped, with <br> for its line breaks
    deviation_reason: str  # the same, or ""
    amount: str  # "" when none
    outside: str  # the part paid outside the funds, or ""
    funds_url: str  # to commit money from the funds, for who manages them, or ""


def _chosen(decision) -> str:
    return "".join(
        "{} ({}, {})".format(
            option.offering.title,
            option.offering.delivered_by.name,
            _("ranked %(rank)s, score %(score)s")
            % {"rank": option.rank, "score": floatformat(option.score, 1)},
        )
        for option in decision.options.all()
        if option.chosen
    )


def decision_rows(decisions, *, desk_slug: str, manages_funds: bool) -> list[DecisionRow]:
    """``decisions`` (a page of ``selectors.desk_decisions``) as the list shows them."""
    rows = []
    for decision in decisions:
        help_request = decision.help_request
        registered = help_request.organisation.name if help_request.organisation else ""
        if decision.readable:
            url = reverse("helprequests:request-detail", args=[desk_slug, help_request.pk])
            asked_by = registered or help_request.organisation_name
        else:
            url, asked_by = "", registered or _("an organisation not in the register")
        decided_at = timezone.localtime(decision.decided_at)
        rows.append(
            DecisionRow(
                pk=decision.pk,
                decided_iso=decided_at.isoformat(),
                decided=dateformat.format(decided_at, "j N Y H:i"),
                decided_by=str(decision.decided_by),
                superseded=bool(decision.is_superseded),
                question_url=url,
                question_from=asked_by,
                chosen=_chosen(decision),
                rationale=linebreaksbr(decision.rationale, autoescape=True),
                deviation_reason=linebreaksbr(decision.deviation_reason, autoescape=True)
                if decision.deviation_reason
                else "",
                amount=euros(decision.amount_cents) if decision.amount_cents else "",
                outside=euros(decision.outside_cents) if decision.outside_cents else "",
                funds_url=reverse("funds:decision-fund", args=[desk_slug, decision.pk])
                if manages_funds and decision.amount_cents and not decision.is_superseded
                else "",
            )
        )
    return rows
