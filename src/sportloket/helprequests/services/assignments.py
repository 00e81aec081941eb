"""Who handles a question: the desk's quality rule on supporters, and assigning a question
to a coordinator or supporter of the desk."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from sportloket.core.audit import audited
from sportloket.core.constants import Role
from sportloket.helprequests.models import Assignment, HelpRequest
from sportloket.helprequests.services.notifications import mail_assignment
from sportloket.quality import selectors as quality_selectors


def _offerings_needing_registration(help_request: HelpRequest) -> list:
    """The offerings chosen in the question's current decision (the one no other superseded)
    that need a quality registration of whoever delivers them; empty without a decision."""
    # The decisions app sits above this one: its model by its label, never by an import.
    DecisionOption = apps.get_model("decisions", "DecisionOption")
    Decision = apps.get_model("decisions", "Decision")
    # NOT EXISTS, not ``decision__superseded_by__isnull``: the latter is a LEFT JOIN of the
    # reverse one-to-one that both databases plan badly (decisions.models.superseded).
    superseded = Exists(Decision.objects.filter(supersedes=OuterRef("decision")))

    options = (
        DecisionOption.objects.filter(decision__help_request=help_request, chosen=True)
        .exclude(superseded)
        .exclude(offering__required_registration="")
        .select_related("offering")
        .order_by("rank")
    )
    return [option.offering for option in options]


def supporter_may_act(membership, help_request: HelpRequest | None = None) -> tuple[bool, str]:
    """Whether the desk's quality rule lets this member act on questions today, and if not,
    why.

    The one place for that check: the desk's rule (registrations such as a valid VOG, SPN
    membership or a KSS qualification) is judged by the quality app on today's date; a desk
    without a rule lets every active member with the role act. With ``help_request``, the
    member also delivers what its current decision chose: each chosen offering that needs a
    registration (an SPN membership, a VOG, ...) needs a valid one of that system.
    """
    today = timezone.localdate()
    result = quality_selectors.rule_check(
        loket_id=membership.loket_id, user=membership.user_id, on=today
    )
    if not result.met:
        return False, _("%(name)s does not meet the quality rule of this desk. %(reasons)s") % {
            "name": membership.user,
            "reasons": " ".join(result.reasons),
        }
    if help_request is None or help_request.pk is None:
        return True, ""
    refused = quality_selectors.first_undeliverable(
        loket_id=membership.loket_id,
        user=membership.user_id,
        offerings=_offerings_needing_registration(help_request),
        on=today,
    )
    if refused is not None:
        offering, result = refused
        return False, _("%(name)s may not deliver “%(offering)s”. %(reasons)s") % {
            "name": membership.user,
            "offering": offering.title,
            "reasons": " ".join(result.reasons),
        }
    return True, ""


def request_assign(*, help_request: HelpRequest, membership, actor) -> Assignment:
    """Assigns a coordinator or supporter of the desk; ends the current assignment."""
    if (
        membership.loket_id != help_request.loket_id
        or not membership.is_active
        or membership.role not in (Role.COORDINATOR, Role.SUPPORTER)
    ):
        raise ValidationError({"supporter": _("Choose a supporter of this desk.")})
    allowed, reason = supporter_may_act(membership, help_request)
    if not allowed:
        raise ValidationError({"supporter": reason})
    with transaction.atomic(), audited(actor):
        help_request = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
        now = timezone.now()
        current = help_request.assignments.filter(ended_at__isnull=True).first()
        if current and current.supporter_id == membership.user_id:
            return current
        if current:
            current.ended_at = now
            current.save(update_fields=["ended_at"])
        assignment = Assignment.objects.create(
            help_request=help_request,
            supporter=membership.user,
            acts_for=membership.acts_for,
            assigned_by=actor,
            started_at=now,
        )
        if membership.user_id != getattr(actor, "pk", None):
            mail_assignment(help_request, assignment)
        return assignment
