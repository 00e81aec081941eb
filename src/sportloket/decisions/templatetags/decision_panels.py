"""The decision panels other apps' pages show: a question's decisions on its page, the
decision on the provider's tracking page, and what a fund owner's representative decides on
when approving an allocation. The questions' app and the funds (below this one) include them
in their templates by name, so they never import the decisions."""

from django import template

from sportloket.core.permissions import Capability
from sportloket.decisions import selectors
from sportloket.helprequests.workflow import DECIDABLE_STATES

register = template.Library()


@register.inclusion_tag("decisions/_request_panel.html", takes_context=True)
def request_decisions(context, help_request):
    """A question's decisions for the desk's members, and the way to (re)decide."""
    membership = context["membership"]
    return {
        "help_request": help_request,
        "decisions": selectors.request_decisions(help_request=help_request),
        "can_decide": membership.can(Capability.DECIDE_SUPPORT)
        and help_request.state in DECIDABLE_STATES,
        "current_desk": context["current_desk"],
        "capabilities": context["capabilities"],
    }


@register.inclusion_tag("decisions/_provider_decision.html")
def provider_decision(help_request):
    """The decision that holds, as the provider reads it on the tracking page."""
    return {"decision": selectors.current_decision(help_request=help_request)}


@register.inclusion_tag("decisions/_approval_panel.html", takes_context=True)
def allocation_decision(context, allocation):
    """What a representative of a fund's owner decides on when approving ``allocation``: the
    question as far as its provider consented to sharing (its text, themes and organisation;
    without consent only the themes, the kind of provider and the municipality; never the
    contact person), and the decision: the chosen offering, the ranking, the rationale and
    how its amount is paid. Reads only what the approvals page fetched for every allocation
    at once (funds.selectors.pending_approvals): no query of its own."""
    decision = allocation.decision
    options = list(decision.options.all())
    return {
        "allocation": allocation,
        "decision": decision,
        "help_request": decision.help_request,
        "shared": decision.help_request.consents_to_sharing,
        "options": options,
        "chosen": [option for option in options if option.chosen],
        "prefix": f"allocation-{allocation.pk}",
        "current_desk": context.get("current_desk"),
    }
