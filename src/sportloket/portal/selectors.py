"""What the provider's page reads: the organisations an e-mail address is a contact person of,
and for one of them its questions at every desk, the support and money it received, its
meetings and the desks it can ask. Every read starts from the signed-in address, so one
organisation's people never reach another's records."""

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, Lower
from django.shortcuts import get_object_or_404
from django.utils import timezone

from sportloket.core.models import Loket
from sportloket.decisions.models import Decision, superseded
from sportloket.funds.constants import AllocationState
from sportloket.helprequests.models import HelpRequest, Message
from sportloket.meetings.models import Invitation, Registration
from sportloket.registry.models import Organisation, PersonRole

QUESTIONS_SHOWN = 50


def contact_roles(email: str):
    """The current roles of people with this address (in any case) at organisations of the
    register that were not merged into another."""
    return (
        PersonRole.objects.current()
        .alias(person_email=Lower("person__email"))
        .filter(person_email=email.lower(), organisation__merged_into__isnull=True)
    )


def is_contact_person(email: str) -> bool:
    return bool(email) and contact_roles(email).exists()


def my_organisations(email: str):
    return Organisation.objects.filter(
        pk__in=contact_roles(email).values("organisation_id")
    ).order_by("name", "pk")


def my_organisation(*, email: str, pk: int) -> Organisation:
    """The organisation, when ``email`` is one of its contact persons; else 404."""
    return get_object_or_404(my_organisations(email).select_related("municipality"), pk=pk)


def my_role(*, email: str, organisation):
    """The signed-in person's current role at the organisation, with the person (for the name
    a question or an answer is given in)."""
    return (
        contact_roles(email)
        .filter(organisation=organisation)
        .select_related("person")
        .order_by("pk")
        .first()
    )


def organisation_questions(*, organisation):
    """Its questions at every desk, newest first, each with its desk, the number of messages
    and the summary of the decision that holds (one query)."""
    decision = Decision.objects.filter(help_request=OuterRef("pk")).filter(~superseded())
    messages = (
        Message.objects.filter(help_request=OuterRef("pk"))
        .order_by()
        .values("help_request")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return list(
        HelpRequest.objects.filter(organisation=organisation)
        .select_related("loket")
        .annotate(
            message_count=Coalesce(Subquery(messages, output_field=IntegerField()), 0),
            decision_summary=Subquery(
                decision.order_by("-decided_at").values("public_summary")[:1]
            ),
        )
        .order_by("-submitted_at", "-pk")[:QUESTIONS_SHOWN]
    )


def organisation_support(*, organisation) -> dict:
    """The decisions that hold on its questions, with the money awarded (approved or paid) and
    paid on each, and the totals (two queries)."""
    awarded = Q(allocations__state__in=[AllocationState.APPROVED, AllocationState.PAID])
    decisions = list(
        Decision.objects.filter(help_request__organisation=organisation)
        .filter(~superseded())
        .select_related("loket")
        .annotate(
            awarded_cents=Coalesce(Sum("allocations__amount_cents", filter=awarded), 0),
            paid_cents=Coalesce(Sum("allocations__paid_cents", filter=awarded), 0),
        )
        .order_by("-decided_at", "-pk")
    )
    return {
        "decisions": decisions,
        "awarded_cents": sum(d.awarded_cents for d in decisions),
        "paid_cents": sum(d.paid_cents for d in decisions),
    }


def organisation_meetings(*, organisation, email: str) -> dict:
    """Its invitations to meetings still to come (each with the private link to answer) and
    the signed-in person's registrations for public meetings to come."""
    now = timezone.now()
    return {
        "invitations": list(
            Invitation.objects.filter(organisation=organisation, meeting__ends_at__gte=now)
            .select_related("meeting__loket", "person")
            .order_by("meeting__starts_at", "pk")
        ),
        "registrations": list(
            Registration.objects.alias(lower_email=Lower("email"))
            .filter(lower_email=email.lower(), meeting__ends_at__gte=now)
            .select_related("meeting__loket")
            .order_by("meeting__starts_at", "pk")
        ),
    }


def organisation_desks(*, organisation):
    """The desks with the organisation in their register: those it can ask a question."""
    in_register = Q(organisation_links__organisation=organisation)
    if organisation.municipality_id is not None:
        in_register |= Q(work_area=organisation.municipality_id)
    return Loket.objects.active().filter(in_register).distinct().order_by("name")


def organisation_roles(*, organisation):
    """The current roles at the organisation, recorded by any desk, each person once per
    function (one query)."""
    seen, roles = set(), []
    for role in (
        PersonRole.objects.current()
        .filter(organisation=organisation)
        .select_related("person")
        .order_by("function", "person__full_name", "pk")
    ):
        key = (role.person.full_name.lower(), role.person.email.lower(), role.function)
        if key not in seen:
            seen.add(key)
            roles.append(role)
    return roles
