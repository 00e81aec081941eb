"""The referral panels of a question: on the desk's page, what the question was referred to
and where that stands (or, on a question received by a referral, where it came from and the
answer to give); on the provider's tracking page, the whole path. Each reads the referrals
only where the question has any: the pages of other questions spend no query on them."""

from django import template

from sportloket.helprequests import selectors, services
from sportloket.helprequests.constants import Channel, ReferralState
from sportloket.helprequests.constants import RequestState as S
from sportloket.helprequests.models import Referral
from sportloket.helprequests.referral_forms import DeclineForm, ReferralAnswerForm
from sportloket.helprequests.workflow import CLOSED_STATES
from sportloket.registry import selectors as registry_selectors

register = template.Library()


def _sent(help_request):
    rows = list(
        Referral.objects.filter(help_request=help_request)
        .select_related("to_loket", "to_organisation", "received__loket")
        .order_by("created_at", "pk")
    )
    for referral in rows:
        referral.outcome = services.referral_outcome(referral)
        referral.outcome_label = ReferralState(referral.outcome).label
    return rows


def _has_referrals(help_request) -> bool:
    """Read with the question where its page annotated it (``has_referrals``); otherwise
    from its state: a question referred now has one."""
    return getattr(help_request, "has_referrals", help_request.state == S.REFERRED)


@register.inclusion_tag("helprequests/_staff_referrals.html", takes_context=True)
def staff_referrals(context, help_request):
    sent = _sent(help_request) if _has_referrals(help_request) else []
    received = None
    if help_request.channel == Channel.REFERRAL:
        received = (
            Referral.objects.filter(received=help_request)
            .select_related("help_request__loket", "created_by")
            .first()
        )
    capabilities = context["capabilities"]
    return {
        "help_request": help_request,
        "sent": sent,
        "received": received,
        "manages": "manage_requests" in capabilities,
        "can_refer": "manage_requests" in capabilities and help_request.state not in CLOSED_STATES,
        "decline_form": DeclineForm(),
        "answer_form": ReferralAnswerForm(),
        "current_desk": context["current_desk"],
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("helprequests/_provider_referrals.html")
def provider_referrals(help_request):
    """The referrals of the provider's question and, for one taken on by another desk, what
    happened there: the provider follows the whole path with the one link."""
    sent = _sent(help_request) if _has_referrals(help_request) else []
    for referral in sent:
        referral.path = (
            selectors.provider_timeline(help_request=referral.received)
            if referral.received is not None
            else []
        )
    return {"sent": sent}


@register.inclusion_tag("helprequests/_adviser_hint.html", takes_context=True)
def adviser_hint(context, help_request, themes):
    """Where the club has its own adviser outside the desk, or the question is on a
    sport-specific theme: who the adviser is, and the ways to involve them (their
    federation's partners at the desk read the question when the provider agreed to sharing;
    a referral to the federation). Reads nothing for other questions."""
    sport_specific = [t for t in themes if t.is_sport_specific]
    if help_request.organisation_id is None or not (
        getattr(help_request, "adviser_count", 0) or sport_specific
    ):
        return {"show": False}
    loket = context["current_desk"]
    relations = list(
        registry_selectors.adviser_relations(
            organisation=help_request.organisation, loket=loket
        ).filter(ended_on__isnull=True)
    )
    return {
        "show": True,
        "help_request": help_request,
        "relations": relations,
        "sport_specific": sport_specific,
        "partners": list(registry_selectors.involvable_partners(loket=loket, relations=relations)),
        "can_refer": "manage_requests" in context["capabilities"]
        and help_request.state not in CLOSED_STATES,
        "current_desk": loket,
    }
