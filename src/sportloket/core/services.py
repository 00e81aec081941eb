"""Writes on desks and memberships. Every function validates, writes and audits in one
transaction and takes the acting user."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sportloket.accounts.services import user_get_or_create, user_send_invitation
from sportloket.core.audit import audited
from sportloket.core.constants import RequestMail, Role
from sportloket.core.models import Loket, Membership

LOKET_EDITABLE_FIELDS = (
    "name",
    "description",
    "email",
    "phone",
    "website",
    "address",
    "first_response_days",
    "resolution_days",
    "contact_cadence_months",
    "supporters_see_triage",
)


def _validate_targets(first_response_days, resolution_days):
    if resolution_days < first_response_days:
        raise ValidationError(
            {
                "resolution_days": _(
                    "The target for deciding cannot be shorter than the target for the first "
                    "response."
                )
            }
        )


def loket_create(*, actor, name: str, slug: str, work_area=(), **fields) -> Loket:
    loket = Loket(name=name, slug=slug, **fields)
    loket.full_clean()
    _validate_targets(loket.first_response_days, loket.resolution_days)
    with transaction.atomic(), audited(actor):
        loket.save()
        loket.work_area.set(work_area)
    return loket


def loket_update(*, loket: Loket, actor, work_area=None, **fields) -> Loket:
    unknown = set(fields) - set(LOKET_EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(loket, name, value)
    loket.full_clean()
    _validate_targets(loket.first_response_days, loket.resolution_days)
    with transaction.atomic(), audited(actor):
        loket.save()
        if work_area is not None:
            loket.work_area.set(work_area)
    return loket


def _check_role(role: str, partner_kind: str):
    if role not in Role.values:
        raise ValidationError({"role": _("Choose a valid role.")})
    if role == Role.PARTNER and not partner_kind:
        raise ValidationError(
            {
                "partner_kind": _(
                    "Say whether the partner acts for a municipality, federation or fund."
                )
            }
        )
    if role != Role.PARTNER and partner_kind:
        raise ValidationError({"partner_kind": _("Only partners have a partner kind.")})


def membership_add(
    *, loket: Loket, user, role: str, actor, partner_kind: str = "", acts_for: str = ""
) -> Membership:
    """Gives a user a role at a desk. A user has at most one active membership per desk."""
    _check_role(role, partner_kind)
    with transaction.atomic(), audited(actor):
        if Membership.objects.active().filter(loket=loket, user=user).exists():
            raise ValidationError({"email": _("This person is already a member of this desk.")})
        return Membership.objects.create(
            loket=loket, user=user, role=role, partner_kind=partner_kind, acts_for=acts_for
        )


def membership_invite(
    *,
    loket: Loket,
    email: str,
    role: str,
    actor,
    request,
    full_name: str = "",
    partner_kind: str = "",
    acts_for: str = "",
) -> Membership:
    """Adds the person with this e-mail address to the desk, creating their account if needed.

    One transaction: no account is left behind if the membership is refused. After commit, a
    new person gets an e-mail to choose a password; someone who already has an account (perhaps
    at another desk) gets a notice. Nothing of an existing account is shown or changed.
    """
    with transaction.atomic():
        user, created = user_get_or_create(email=email, full_name=full_name, actor=actor)
        membership = membership_add(
            loket=loket,
            user=user,
            role=role,
            partner_kind=partner_kind,
            acts_for=acts_for,
            actor=actor,
        )
    if created:
        user_send_invitation(user=user, request=request)
    else:
        _notify_added(membership)
    return membership


def _notify_added(membership: Membership):
    context = {
        "desk": membership.loket,
        "role": membership.get_role_display(),
        "url": settings.SITE_URL + reverse("core:desk-dashboard", args=[membership.loket.slug]),
    }
    subject = render_to_string("core/email/added_to_desk_subject.txt", context).strip()
    body = render_to_string("core/email/added_to_desk_message.txt", context)
    transaction.on_commit(
        lambda: send_mail(subject, body, None, [membership.user.email]), robust=True
    )


def _lock_desk(membership: Membership):
    """Serialises role changes within one desk, so that two coordinators stepping down at the
    same moment cannot both pass the check below (row lock on PostgreSQL; SQLite's IMMEDIATE
    transactions already serialise writers)."""
    Loket.objects.select_for_update().filter(pk=membership.loket_id).first()


def _ensure_a_coordinator_remains(membership: Membership):
    others = (
        Membership.objects.active()
        .filter(loket=membership.loket, role=Role.COORDINATOR)
        .exclude(pk=membership.pk)
    )
    if membership.role == Role.COORDINATOR and not others.exists():
        raise ValidationError(
            {"role": _("A desk needs at least one coordinator. Appoint another one first.")}
        )


def _check_organisation(loket: Loket, role: str, organisation):
    """Only a partner represents an organisation, and only one in the desk's register."""
    if organisation is None:
        return
    if role != Role.PARTNER:
        raise ValidationError(
            {"organisation": _("Only partners represent an organisation; leave it empty.")}
        )
    from sportloket.registry.models import Organisation

    if not Organisation.objects.for_desk(loket).filter(pk=organisation.pk).exists():
        raise ValidationError(
            {"organisation": _("Choose an organisation from the register of this desk.")}
        )


def membership_change_role(
    *,
    membership: Membership,
    role: str,
    actor,
    partner_kind: str = "",
    acts_for: str = "",
    organisation=None,
    decides_support: bool = False,
) -> Membership:
    """Changes a member's role; a partner may represent an organisation of the desk's
    register (``organisation``, whose fund spending they then approve). Any other role
    represents none. A supporter may be named to decide on support (``decides_support``:
    rank the offerings and record decisions, as coordinators do)."""
    _check_role(role, partner_kind)
    _check_organisation(membership.loket, role, organisation)
    if decides_support and role != Role.SUPPORTER:
        raise ValidationError(
            {
                "decides_support": _(
                    "Only a supporter is named to decide; coordinators always decide."
                )
            }
        )
    if not membership.is_active:
        raise ValidationError(_("This membership has ended and can no longer be changed."))
    with transaction.atomic(), audited(actor):
        _lock_desk(membership)
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if role != Role.COORDINATOR:
            _ensure_a_coordinator_remains(membership)
        membership.role = role
        membership.partner_kind = partner_kind
        membership.acts_for = acts_for
        membership.organisation = organisation
        membership.decides_support = bool(decides_support)
        membership.save(
            update_fields=[
                "role", "partner_kind", "acts_for", "organisation", "decides_support",
                "updated_at",
            ]
        )  # fmt: skip
    return membership


def membership_end(*, membership: Membership, actor) -> Membership:
    """Ends a membership; the row stays for the history."""
    if not membership.is_active:
        raise ValidationError(_("This membership has already ended."))
    with transaction.atomic(), audited(actor):
        _lock_desk(membership)
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        _ensure_a_coordinator_remains(membership)
        membership.ended_at = timezone.now()
        membership.save(update_fields=["ended_at", "updated_at"])
    return membership


def membership_request_mail_set(*, membership: Membership, request_mail: str, actor) -> Membership:
    """How a member hears of new questions: at once, in one e-mail a day, or not."""
    if request_mail not in RequestMail.values:
        raise ValidationError({"request_mail": _("Choose one of the options.")})
    with transaction.atomic(), audited(actor):
        if request_mail == RequestMail.DAILY and membership.request_mail != RequestMail.DAILY:
            # The first summary starts from now: not weeks of questions already mailed.
            membership.request_digest_sent_at = timezone.now()
        membership.request_mail = request_mail
        membership.save(update_fields=["request_mail", "request_digest_sent_at", "updated_at"])
    return membership
