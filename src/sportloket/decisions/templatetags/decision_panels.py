"""The decision panels other apps' pages show: a question's decisions on its page, and the
decision on the provider's tracking page. The questions' app (below this one) includes them in
its templates by name, so it never imports the decisions."""

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
