"""Writes on help requests: submission, and every move through the workflow with its history.
Every function validates, writes and records its actor in one transaction."""

import logging
import secrets
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sportloket.core.audit import audited
from sportloket.core.constants import DEFAULT_THEMES, RequestMail, Role
from sportloket.core.models import Membership, Theme
from sportloket.helprequests import timing
from sportloket.helprequests.constants import RequestState as S
from sportloket.helprequests.models import (
    Assignment,
    HelpRequest,
    InternalNote,
    Message,
    StateChange,
)
from sportloket.helprequests.workflow import (
    CLOSED_STATES,
    PROVIDER_NOTES,
    check_resume,
    check_transition,
)
from sportloket.helprequests.workingdays import add_working_days
from sportloket.quality import selectors as quality_selectors
from sportloket.registry import selectors as registry_selectors
from sportloket.registry import services as registry_services
from sportloket.registry.constants import PROVIDER_KINDS, LinkSource
from sportloket.registry.models import Organisation
from sportloket.registry.validation import name_key

logger = logging.getLogger(__name__)


def themes_prefill(*, loket, actor) -> list[Theme]:
    """Gives a desk the usual themes of club support (idempotent); the desk edits them later."""
    with transaction.atomic(), audited(actor):
        return [
            Theme.objects.get_or_create(
                loket=loket, key=key, defaults={"name": str(name), "position": position}
            )[0]
            for position, (key, name) in enumerate(DEFAULT_THEMES)
        ]


def theme_save(*, loket, actor, name: str, position: int = 0, is_active: bool = True,
               theme: Theme | None = None) -> Theme:  # fmt: skip
    """Adds a theme to the desk's list, or renames, moves or retires one. A theme in use is
    retired rather than deleted, so earlier questions keep their themes."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Give the theme a name.")})
    taken = Theme.objects.filter(loket=loket, name__iexact=name)
    if theme is not None:
        taken = taken.exclude(pk=theme.pk)
    if taken.exists():
        raise ValidationError({"name": _("This desk already has a theme with this name.")})
    with transaction.atomic(), audited(actor):
        if theme is None:
            theme = Theme(loket=loket, key=f"custom-{secrets.token_hex(6)}")
        elif theme.loket_id != loket.pk:
            raise ValidationError(_("This theme belongs to another desk."))
        theme.name, theme.position, theme.is_active = name, position, is_active
        theme.save()
    return theme


def request_submit(*, loket, themes=(), organisation=None, **fields) -> HelpRequest:
    """A provider's question arrives (no account: the provider is the actor). After commit the
    provider gets an e-mail with the private tracking link."""
    if organisation is not None and not (
        Organisation.objects.for_desk(loket).filter(pk=organisation.pk).exists()
    ):
        organisation = None  # only organisations in this desk's register are linked here
    today = timezone.localdate()
    request = HelpRequest(
        loket=loket,
        state=S.SUBMITTED,
        organisation=organisation,
        respond_by=add_working_days(today, loket.first_response_days),
        decide_by=add_working_days(today, loket.resolution_days),
        **fields,
    )
    request.full_clean(exclude=["tracking_token"])
    with transaction.atomic():
        request.save()
        request.themes.set([t for t in themes if t.loket_id == loket.pk])
        StateChange.objects.create(
            help_request=request, from_state="", to_state=S.SUBMITTED, by_provider=True
        )
        transaction.on_commit(lambda: _mail_confirmation(request), robust=True)
        transaction.on_commit(lambda: _mail_desk(request), robust=True)
    return request


def _send(template: str, context: dict, to: list[str]):
    """Renders ``helprequests/email/<template>_subject.txt`` and ``_message.txt`` in the
    site's language (not that of whoever happened to trigger it) and sends them."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"helprequests/email/{template}_subject.txt", context)
        body = render_to_string(f"helprequests/email/{template}_message.txt", context)
    send_mail(" ".join(subject.split()), body, None, to)


def mail_provider(request: HelpRequest, template: str, **context):
    """Sends the provider who asked ``request`` the e-mail ``template`` (see ``_send``), with
    the request, the desk and the private tracking link in its context."""
    if request.contact_email:
        context |= {"request": request, "desk": request.loket, "url": tracking_url(request)}
        _send(template, context, [request.contact_email])


def staff_url(request: HelpRequest) -> str:
    return settings.SITE_URL + reverse(
        "helprequests:request-detail", args=[request.loket.slug, request.pk]
    )


def _mail_desk(request: HelpRequest):
    """Tells the desk's mailbox and the coordinators who want every new question at once that a
    question came in (no personal data in the mail: they read it after signing in)."""
    recipients = [request.loket.email] if request.loket.email else []
    recipients += [
        email
        for email in Membership.objects.active()
        .filter(loket=request.loket, role=Role.COORDINATOR, request_mail=RequestMail.IMMEDIATE)
        .values_list("user__email", flat=True)
        if email not in recipients
    ]
    if not recipients:
        return
    context = {"request": request, "desk": request.loket, "url": staff_url(request)}
    for to in recipients:  # one e-mail each: recipients do not see each other's address
        try:
            _send("new", context, [to])
        except Exception:  # one refused address must not keep the others uninformed
            logger.exception("E-mail about new question %s to %s failed", request.pk, to)


def request_digest_send(*, membership, now=None) -> int:
    """Sends a coordinator who asked for one e-mail a day the questions that arrived since the
    last one. At most once per calendar day, so running it twice sends nothing twice; the
    e-mail goes out before the day is marked, so a mail server that is down loses nothing (the
    next run sends it). Returns the number of questions in the e-mail (0: nothing sent)."""
    now = now or timezone.now()
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update()
            .select_related("user", "loket")
            .get(pk=membership.pk)
        )
        last = membership.request_digest_sent_at
        if (
            membership.request_mail != RequestMail.DAILY
            or membership.role != Role.COORDINATOR
            or not membership.is_active
            or (last and timezone.localdate(last) >= timezone.localdate(now))
        ):
            return 0
        new = list(
            HelpRequest.objects.for_desk(membership.loket)
            .filter(submitted_at__gt=last or _start_of_yesterday(now), submitted_at__lte=now)
            .select_related("loket")
            .order_by("submitted_at", "pk")
        )
        if new:
            context = {
                "desk": membership.loket,
                "requests": [(r, staff_url(r)) for r in new],
                "inbox": settings.SITE_URL
                + reverse("helprequests:inbox", args=[membership.loket.slug]),
            }
            _send("digest", context, [membership.user.email])
        membership.request_digest_sent_at = now
        membership.save(update_fields=["request_digest_sent_at"])
    return len(new)


def _start_of_yesterday(now):
    yesterday = timezone.localdate(now) - timedelta(days=1)
    return timezone.make_aware(datetime.combine(yesterday, time.min))


def tracking_url(request: HelpRequest) -> str:
    return settings.SITE_URL + reverse("helprequests:track", args=[request.tracking_token])


def _mail_confirmation(request: HelpRequest):
    mail_provider(request, "received")


def request_withdraw(*, request: HelpRequest, note: str = "") -> HelpRequest:
    """The provider withdraws the question from the tracking page."""
    return request_move(request=request, to_state=S.WITHDRAWN, by_provider=True, note=note)


def request_rate(*, request: HelpRequest, rating: int, comment: str = "") -> HelpRequest:
    """The provider rates the help (1 to 5) once it is completed; the request is evaluated."""
    if not 1 <= int(rating) <= 5:
        raise ValidationError({"rating": _("Give a rating from 1 to 5.")})
    with transaction.atomic():
        request = request_move(request=request, to_state=S.EVALUATED, by_provider=True)
        request.rating = int(rating)
        request.rating_comment = comment.strip()
        request.save(update_fields=["rating", "rating_comment", "updated_at"])
    return request


def _state_before_hold(request: HelpRequest) -> str:
    last_hold = request.state_changes.filter(to_state=S.ON_HOLD).order_by("-at", "-pk").first()
    return last_hold.from_state if last_hold else ""


def request_move(
    *,
    request: HelpRequest,
    to_state: str,
    actor=None,
    note: str = "",
    by_provider=False,
    referred_to: str = "",
    notify=True,
) -> HelpRequest:
    """Moves a request to another state, if the workflow allows it, and records who did it.
    A referral names to whom (``referred_to``); its outcome is recorded later. The provider
    gets an e-mail about a move of the desk unless ``notify`` is off (a service that tells
    the provider itself, in one e-mail for several moves)."""
    if to_state == S.REFERRED and not referred_to.strip():
        raise ValidationError({"referred_to": _("Say to whom the question is referred.")})
    with transaction.atomic(), audited(actor):
        request = HelpRequest.objects.select_for_update().get(pk=request.pk)
        from_state = request.state
        check_transition(from_state, to_state, by_provider=by_provider, note=note)
        if from_state == S.ON_HOLD:
            check_resume(_state_before_hold(request), to_state)
        request.state = to_state
        request.closed_at = timezone.now() if to_state in CLOSED_STATES else None
        if to_state == S.REFERRED:
            request.referred_to = referred_to.strip()
        request.save(update_fields=["state", "closed_at", "referred_to", "updated_at"])
        change = StateChange.objects.create(
            help_request=request,
            from_state=from_state,
            to_state=to_state,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            by_provider=by_provider,
            note=note.strip(),
            note_for_provider=bool(note.strip()) and to_state in PROVIDER_NOTES,
        )
        response_times_refresh(request=request)
        if notify and not by_provider:
            transaction.on_commit(lambda: _mail_state_change(request, change), robust=True)
    return request


def _mail_state_change(request: HelpRequest, change: StateChange):
    """Tells the provider what the desk did with the question, and why where a reason is
    required (a rejection, referral or pause)."""
    mail_provider(
        request,
        "state",
        state=S(change.to_state).label,
        note=change.note if change.note_for_provider else "",
        referred_to=request.referred_to if change.to_state == S.REFERRED else "",
    )


def response_times_refresh(*, request: HelpRequest) -> HelpRequest:
    """Derives the response-time fields from the request's history (see ``timing``). The
    services call it after every move and message; it can rebuild any request."""
    values = timing.response_times(
        submitted_at=request.submitted_at,
        moves=_moves(request),
        desk_messages=list(
            request.messages.filter(from_provider=False).values_list("created_at", flat=True)
        ),
        first_response_days=request.loket.first_response_days,
        resolution_days=request.loket.resolution_days,
        today=timezone.localdate(),
    )
    for field, value in values.items():
        setattr(request, field, value)
    request.save(update_fields=[*values, "updated_at"])
    return request


def _moves(request: HelpRequest) -> list[timing.Move]:
    return [
        timing.Move(*row)
        for row in request.state_changes.order_by("at", "pk").values_list(
            "at", "from_state", "to_state", "by_provider"
        )
    ]


def request_paused_periods(request: HelpRequest):
    """The (from, until) dates the request was on hold; ``until`` is None while it still is."""
    return timing.paused_periods(_moves(request))


def note_add(*, request: HelpRequest, author, body: str) -> InternalNote:
    """An internal note on a request, for the desk only."""
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write the note first.")})
    with transaction.atomic(), audited(author):
        return InternalNote.objects.create(help_request=request, author=author, body=body)


def request_triage(*, request: HelpRequest, actor, themes=None, urgency=None, organisation=None):
    """Sets the themes, the urgency and the linked organisation (from the desk's register)."""
    with transaction.atomic(), audited(actor):
        request = HelpRequest.objects.select_for_update().get(pk=request.pk)
        if organisation is not None:
            if not Organisation.objects.for_desk(request.loket).filter(pk=organisation.pk).exists():
                raise ValidationError(
                    {"organisation": _("Choose an organisation from the register of this desk.")}
                )
            request.organisation = organisation
        if urgency:
            request.urgency = urgency
        request.save(update_fields=["organisation", "urgency", "updated_at"])
        if themes is not None:
            request.themes.set([t for t in themes if t.loket_id == request.loket_id])
    return request


def request_organisation_create(*, request: HelpRequest, actor, kind: str) -> Organisation:
    """Puts the organisation the provider named (name, place and KvK number as given) in the
    desk's register and links the request to it. An organisation the national register already
    holds under that KvK number, with the same name, is added to the desk's register instead of
    created twice; under another name the coordinator links it by hand after checking."""
    if kind not in PROVIDER_KINDS:
        raise ValidationError({"kind": _("Choose a sports club or a commercial sport provider.")})
    with transaction.atomic():
        request = HelpRequest.objects.select_for_update().select_related("loket").get(pk=request.pk)
        if request.organisation_id:  # a second click, or someone was quicker
            raise ValidationError(_("This question is already linked to an organisation."))
        organisation = registry_selectors.organisation_by_kvk(request.organisation_kvk)
        if organisation is not None:
            if organisation.name_key != name_key(request.organisation_name):
                raise ValidationError(
                    _(
                        "The register knows KvK number %(kvk)s as %(name)s. If that is this "
                        "organisation, find it by its KvK number and link it."
                    )
                    % {"kvk": request.organisation_kvk, "name": organisation.name}
                )
            registry_services.organisation_link(
                organisation=organisation, loket=request.loket, source=LinkSource.MANUAL,
                actor=actor,
            )  # fmt: skip
        else:
            place = request.organisation_place.strip()
            organisation = registry_services.organisation_create(
                loket=request.loket,
                actor=actor,
                kind=kind,
                name=request.organisation_name,
                kvk_number=request.organisation_kvk,
                city=place,
                municipality=request.loket.work_area.filter(name__iexact=place).first()
                if place
                else None,
            )
        request_triage(request=request, actor=actor, organisation=organisation)
    return organisation


def message_send(*, request: HelpRequest, author, body: str) -> Message:
    """A message from the desk to the provider: on the tracking page, and by e-mail."""
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write the message first.")})
    with transaction.atomic(), audited(author):
        request = HelpRequest.objects.select_for_update().get(pk=request.pk)
        message = Message.objects.create(help_request=request, author=author, body=body)
        if request.first_response_at is None:
            response_times_refresh(request=request)
        transaction.on_commit(lambda: _mail_message(request, message), robust=True)
    return message


def _mail_message(request: HelpRequest, message: Message):
    mail_provider(request, "message", message=message)


def message_from_provider(*, request: HelpRequest, body: str) -> Message:
    """The provider adds information from the tracking page (not once the request is closed)."""
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write your message first.")})
    with transaction.atomic():
        state = HelpRequest.objects.select_for_update().values_list("state", flat=True)
        if state.get(pk=request.pk) in CLOSED_STATES:
            raise ValidationError(_("This question is closed; ask a new question instead."))
        return Message.objects.create(help_request=request, from_provider=True, body=body)


def _offerings_needing_registration(request) -> list:
    """The offerings chosen in the request's current decision (the one no other superseded)
    that need a quality registration of whoever delivers them; empty without a decision."""
    from sportloket.decisions.models import DecisionOption

    options = (
        DecisionOption.objects.filter(
            decision__help_request=request,
            decision__superseded_by__isnull=True,
            chosen=True,
        )
        .exclude(offering__required_registration="")
        .select_related("offering")
        .order_by("rank")
    )
    return [option.offering for option in options]


def supporter_may_act(membership, request: HelpRequest | None = None) -> tuple[bool, str]:
    """Whether the desk's quality rule lets this member act on requests today, and if not, why.

    The one place for that check: the desk's rule (registrations such as a valid VOG, SPN
    membership or a KSS qualification) is judged by the quality app on today's date; a desk
    without a rule lets every active member with the role act. With ``request``, the member
    also delivers what its current decision chose: each chosen offering that needs a
    registration (an SPN membership, a VOG, ...) needs a valid one of that system.
    """
    today = timezone.localdate()
    result = quality_selectors.rule_check(
        loket=membership.loket_id, user=membership.user_id, on=today
    )
    if not result.met:
        return False, _("%(name)s does not meet the quality rule of this desk. %(reasons)s") % {
            "name": membership.user,
            "reasons": " ".join(result.reasons),
        }
    if request is None or request.pk is None:
        return True, ""
    refused = quality_selectors.first_undeliverable(
        loket=membership.loket_id,
        user=membership.user_id,
        offerings=_offerings_needing_registration(request),
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


def request_assign(*, request: HelpRequest, membership, actor) -> Assignment:
    """Assigns a coordinator or supporter of the desk; ends the current assignment."""
    if (
        membership.loket_id != request.loket_id
        or not membership.is_active
        or membership.role not in (Role.COORDINATOR, Role.SUPPORTER)
    ):
        raise ValidationError({"supporter": _("Choose a supporter of this desk.")})
    allowed, reason = supporter_may_act(membership, request)
    if not allowed:
        raise ValidationError({"supporter": reason})
    with transaction.atomic(), audited(actor):
        request = HelpRequest.objects.select_for_update().get(pk=request.pk)
        now = timezone.now()
        current = request.assignments.filter(ended_at__isnull=True).first()
        if current and current.supporter_id == membership.user_id:
            return current
        if current:
            current.ended_at = now
            current.save(update_fields=["ended_at"])
        assignment = Assignment.objects.create(
            help_request=request,
            supporter=membership.user,
            acts_for=membership.acts_for,
            assigned_by=actor,
            started_at=now,
        )
        if membership.user_id != getattr(actor, "pk", None):
            transaction.on_commit(lambda: _mail_assignment(request, assignment), robust=True)
        return assignment


def _mail_assignment(request: HelpRequest, assignment: Assignment):
    context = {"request": request, "desk": request.loket, "url": staff_url(request),
               "assignment": assignment}  # fmt: skip
    _send("assigned", context, [assignment.supporter.email])


def referral_outcome_record(*, request: HelpRequest, outcome: str, actor) -> HelpRequest:
    """Closes the loop of a referral: what became of the question elsewhere."""
    if request.state != S.REFERRED:
        raise ValidationError(_("Only a referred question has a referral outcome."))
    if not (outcome or "").strip():
        raise ValidationError({"outcome": _("Describe the outcome.")})
    with transaction.atomic(), audited(actor):
        request = HelpRequest.objects.select_for_update().get(pk=request.pk)
        request.referral_outcome = outcome.strip()
        request.save(update_fields=["referral_outcome", "updated_at"])
    return request
