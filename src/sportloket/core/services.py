"""Writes on desks and memberships. Every function validates, writes and audits in one
transaction and takes the acting user."""

import secrets

from allauth.account.forms import ResetPasswordForm
from allauth.core.context import request_context
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sportloket.accounts.models import User
from sportloket.core.audit import audited
from sportloket.core.constants import DEFAULT_THEMES, RequestMail, Role
from sportloket.core.inputs import strip_control_characters
from sportloket.core.models import Loket, Membership, SavedView, Theme
from sportloket.core.selectors import saved_view_query

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


def model_update(
    instance, fields: dict, *, allowed, clean: bool = True, exclude=None, validate_unique=True
) -> list[str]:
    """The one way a service changes a record's plain fields: only the names in ``allowed``
    (another name is a programming error), set on the instance, then the model's own validation
    (``full_clean``, unless the service validates later itself: ``clean=False``). Saves nothing:
    the service saves in its transaction, with its actor. Returns the names whose value changed."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValueError(f"Not editable on {type(instance).__name__}: {sorted(unknown)}")
    changed = []
    for name, value in fields.items():
        try:
            before = getattr(instance, name)
        except ObjectDoesNotExist:  # a relation not set yet
            before = None
        if before != value:
            changed.append(name)
        setattr(instance, name, value)
    if clean:
        instance.full_clean(exclude=exclude, validate_unique=validate_unique)
    return changed


def loket_create(*, actor, name: str, slug: str, work_area=(), **fields) -> Loket:
    loket = Loket(name=name, slug=slug, **fields)
    loket.full_clean()
    _validate_targets(loket.first_response_days, loket.resolution_days)
    with transaction.atomic(), audited(actor):
        loket.save()
        loket.work_area.set(work_area)
    return loket


def loket_update(*, loket: Loket, actor, work_area=None, neighbours=None, **fields) -> Loket:
    """Changes the desk's settings; its work area and neighbouring desks when given (never
    itself among its neighbours)."""
    model_update(loket, fields, allowed=LOKET_EDITABLE_FIELDS)
    _validate_targets(loket.first_response_days, loket.resolution_days)
    if neighbours is not None and any(desk.pk == loket.pk for desk in neighbours):
        raise ValidationError({"neighbours": _("A desk is not its own neighbour.")})
    with transaction.atomic(), audited(actor):
        loket.save()
        if work_area is not None:
            loket.work_area.set(work_area)
        if neighbours is not None:
            loket.neighbours.set(neighbours)
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
        "url": settings.SITE_URL + reverse("dashboard:desk", args=[membership.loket.slug]),
    }
    subject = render_to_string("core/email/added_to_desk_subject.txt", context).strip()
    body = render_to_string("core/email/added_to_desk_message.txt", context)
    send_mail(subject, body, None, [membership.user.email])


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
    # The register sits above core: its organisations by their label, never by an import.
    organisations = apps.get_model("registry", "Organisation").objects
    if not organisations.for_desk(loket).filter(pk=organisation.pk).exists():
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


def user_get_or_create(
    *, email: str, actor, full_name: str = "", password: str | None = None, is_national=False
) -> tuple[User, bool]:
    """Finds the account for an e-mail address (case-insensitively) or creates one.

    An existing account is returned unchanged. A new account without ``password`` has no
    usable password: its owner chooses one through the invitation e-mail.
    """
    email = User.objects.normalize_email(email).strip().lower()
    with transaction.atomic(), audited(actor):
        user = User.objects.filter(email__iexact=email).first()
        if user is not None:
            return user, False
        user = User.objects.create_user(
            email=email, password=password, full_name=full_name.strip(), is_national=is_national
        )
        return user, True


def user_send_invitation(*, user: User, request) -> None:
    """E-mails a link to choose a password (allauth's password-reset flow), queued in the
    transaction that makes the account (sportloket.jobs.mail)."""
    # allauth reads the request from its context to build the link; a service may be called
    # outside a view (a command, a test), so set it here.
    with request_context(request):
        form = ResetPasswordForm(data={"email": user.email})
        if form.is_valid():
            form.save(request)


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
               is_sport_specific: bool = False, theme: Theme | None = None) -> Theme:  # fmt: skip
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
        theme.is_sport_specific = is_sport_specific
        theme.save()
    return theme


# A member's saved views of a list: few enough to stay a short row of links above the list.
SAVED_VIEWS_PER_LIST = 20


def saved_view_save(
    *, actor, loket: Loket, list_name: str, name: str, query: str, parameters
) -> SavedView:
    """Saves the actor's view of one of the desk's lists under a name; a view of the same name
    gets the new filters. Only members of the desk keep views there."""
    name = " ".join(strip_control_characters(name or "").split())
    if not name:
        raise ValidationError({"name": _("Give the view a name.")})
    if len(name) > SavedView._meta.get_field("name").max_length:
        raise ValidationError({"name": _("The name can be at most 60 characters long.")})
    cleaned = saved_view_query(query, parameters)
    if len(cleaned) > SavedView._meta.get_field("query").max_length:
        raise ValidationError({"name": _("This view has too many filters to save.")})
    if not Membership.objects.active().filter(user=actor, loket=loket).exists():
        raise ValidationError(_("Only members of the desk save views there."))
    mine = SavedView.objects.for_desk(loket).filter(user=actor, list_name=list_name)
    with transaction.atomic(), audited(actor):
        existing = mine.select_for_update().filter(name=name).first()
        if existing is None:
            if mine.count() >= SAVED_VIEWS_PER_LIST:
                message = _("You have %(count)s saved views here; delete one first.")
                raise ValidationError({"name": message % {"count": SAVED_VIEWS_PER_LIST}})
            return SavedView.objects.create(
                user=actor, loket=loket, list_name=list_name, name=name, query=cleaned
            )
        existing.query = cleaned
        existing.save(update_fields=["query", "updated_at"])
        return existing


def saved_view_delete(*, saved_view: SavedView, actor) -> None:
    """Deletes one of the actor's own saved views."""
    if saved_view.user_id != getattr(actor, "pk", None):
        raise ValidationError(_("Only its owner deletes a saved view."))
    with transaction.atomic(), audited(actor):
        saved_view.delete()
