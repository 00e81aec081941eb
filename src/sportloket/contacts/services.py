"""Writes on contact with providers: contact moments, planned contacts, the desk's contact
policy, its account holders and the record of the reminders sent. Every function validates,
writes and records its actor (None for the system) in one transaction."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sportloket.contacts.constants import MAX_POLICY_MONTHS, Channel, Visibility
from sportloket.contacts.models import (
    AccountHolder,
    ContactMoment,
    ContactPolicy,
    ContactPolicyRule,
    PlannedContact,
    RegistrationWarningSent,
    ReminderSent,
)
from sportloket.contacts.selectors.worklist import account_holder_expression
from sportloket.core.audit import audited
from sportloket.core.constants import Role
from sportloket.core.models import Membership
from sportloket.core.services import model_update
from sportloket.registry.constants import PROVIDER_KINDS
from sportloket.registry.models import Organisation, PersonRole

ACTING_ROLES = (Role.COORDINATOR, Role.SUPPORTER)
MOMENT_FIELDS = ("date", "channel", "summary", "follow_up_on", "proactive", "visibility")


def _acting_membership(loket, user):
    if user is None:
        return None
    return Membership.objects.active().filter(loket=loket, user=user, role__in=ACTING_ROLES).first()


def _in_register(loket, organisation) -> bool:
    return (
        organisation is not None
        and Organisation.objects.for_desk(loket)
        .filter(pk=organisation.pk, merged_into__isnull=True)
        .exists()
    )


def _date_errors(fields: dict) -> dict:
    """The day lies today or earlier, a follow-up after it."""
    errors = {}
    day = fields.get("date")
    if day is None:
        errors["date"] = _("Give the date of the contact.")
    elif day > timezone.localdate():
        errors["date"] = _("A contact moment cannot lie in the future; plan a contact instead.")
    follow_up = fields.get("follow_up_on")
    if follow_up is not None and day is not None and follow_up <= day:
        errors["follow_up_on"] = _("The follow-up must come after the date of the contact.")
    return errors


def _content_errors(fields: dict) -> dict:
    errors = {}
    if fields.get("channel") not in Channel.values:
        errors["channel"] = _("Choose how the contact took place.")
    if fields.get("visibility") not in Visibility.values:
        errors["visibility"] = _("Choose who may read this contact moment.")
    if not (fields.get("summary") or "").strip():
        errors["summary"] = _("Summarise the contact.")
    return errors


def _people_error(organisation, people) -> str | None:
    if not people or organisation is None:
        return None
    known = set(
        PersonRole.objects.filter(
            organisation=organisation, person__in=[p.pk for p in people]
        ).values_list("person_id", flat=True)
    )
    if any(person.pk not in known for person in people):
        return _("Choose people who have a role at this organisation.")
    return None


def _help_request_error(loket, organisation, help_request) -> str | None:
    if help_request is None:
        return None
    if help_request.loket_id != loket.pk:
        return _("Choose a question to this desk.")
    if (
        organisation is not None
        and help_request.organisation_id
        and help_request.organisation_id != organisation.pk
    ):
        return _("This question is from another organisation.")
    return None


def _validate_moment(*, loket, organisation, supporter, people, topics, help_request, fields):
    """Every rule a contact moment must meet; all errors at once, by field."""
    errors = {}
    if not _in_register(loket, organisation):
        errors["organisation"] = _("Choose an organisation from the register of this desk.")
    if _acting_membership(loket, supporter) is None:
        errors["supporter"] = _("Choose a coordinator or supporter of this desk.")
    errors |= _date_errors(fields)
    errors |= _content_errors(fields)
    if any(topic.loket_id != loket.pk for topic in topics):
        errors["topics"] = _("Choose topics of this desk.")
    related = {
        "people": _people_error(organisation, people),
        "help_request": _help_request_error(loket, organisation, help_request),
    }
    errors |= {name: message for name, message in related.items() if message}
    if errors:
        raise ValidationError(errors)


def _settle_plans(moment: ContactMoment, actor):
    """A contact on or after the planned day fulfils the plan; a follow-up becomes the plan."""
    PlannedContact.objects.filter(
        loket_id=moment.loket_id, organisation_id=moment.organisation_id, due_on__lte=moment.date
    ).delete()
    if moment.follow_up_on is not None:
        PlannedContact.objects.update_or_create(
            loket_id=moment.loket_id,
            organisation_id=moment.organisation_id,
            defaults={
                "due_on": moment.follow_up_on,
                "supporter_id": moment.supporter_id,
                "moment": moment,
            },
        )
    else:
        # A follow-up taken away again (an edit) no longer plans anything.
        PlannedContact.objects.filter(moment=moment).delete()


def contact_log(
    *,
    loket,
    actor,
    organisation,
    supporter=None,
    people=(),
    topics=(),
    help_request=None,
    **fields,
) -> ContactMoment:
    """Logs a contact with an organisation of the desk's register. The date is today or
    earlier, a follow-up after it (and becomes the provider's planned contact); topics are the
    desk's themes, people have a role at the organisation. ``supporter`` defaults to the actor.
    """
    unknown = set(fields) - set(MOMENT_FIELDS)
    if unknown:
        raise ValueError(f"Not a contact moment field: {sorted(unknown)}")
    supporter = supporter or actor
    fields.setdefault("proactive", True)
    fields.setdefault("visibility", Visibility.DESK)
    people, topics = list(people), list(topics)
    _validate_moment(
        loket=loket,
        organisation=organisation,
        supporter=supporter,
        people=people,
        topics=topics,
        help_request=help_request,
        fields=fields,
    )
    moment = ContactMoment(
        loket=loket,
        organisation=organisation,
        supporter=supporter,
        help_request=help_request,
        created_by=actor,
        **{**fields, "summary": fields["summary"].strip()},
    )
    with transaction.atomic(), audited(actor):
        moment.save()
        moment.people.set(people)
        moment.topics.set(topics)
        _settle_plans(moment, actor)
    return moment


def contact_withdraw(*, moment: ContactMoment, actor) -> None:
    """Takes back a contact moment that turned out not to have happened (an organisation
    unticked at a meeting after all). A planned contact it fulfilled stays fulfilled: the desk
    plans again from the work list if it wants to."""
    with transaction.atomic(), audited(actor):
        moment.delete()


def contact_person_add(*, moment: ContactMoment, person, actor) -> None:
    """Adds one person of the organisation to a contact moment (another who came)."""
    error = _people_error(moment.organisation, [person])
    if error:
        raise ValidationError({"people": error})
    with transaction.atomic(), audited(actor):
        moment.people.add(person)


def contact_person_remove(*, moment: ContactMoment, person_id: int, actor) -> None:
    """Takes one person off a contact moment (someone unticked who was not there)."""
    with transaction.atomic(), audited(actor):
        moment.people.remove(person_id)


def may_edit(*, moment, membership) -> bool:
    """Its author (who logged it, or the supporter it names) and the desk's coordinators; a
    restricted one only whoever logged it and the coordinators, the only ones who may read it
    (see ``selectors.visible_contacts``)."""
    if membership is None or not membership.is_active or membership.loket_id != moment.loket_id:
        return False
    if membership.role == Role.COORDINATOR:
        return True
    if membership.role != Role.SUPPORTER:
        return False
    if moment.visibility == Visibility.RESTRICTED:
        return membership.user_id == moment.created_by_id
    return membership.user_id in (moment.created_by_id, moment.supporter_id)


def contact_update(
    *, moment, actor, supporter=None, people=None, topics=None, help_request=None, **fields
) -> ContactMoment:
    """Changes a contact moment: only its author or a coordinator of the desk. The organisation
    stays; the same rules as for logging hold. What is not given stays as it is (``people``,
    ``topics``), except ``help_request``, which the form always gives."""
    unknown = set(fields) - set(MOMENT_FIELDS)
    if unknown:
        raise ValueError(f"Not a contact moment field: {sorted(unknown)}")
    with transaction.atomic(), audited(actor):
        moment = (
            ContactMoment.objects.select_for_update()
            .select_related("loket", "organisation")
            .get(pk=moment.pk)
        )
        loket = moment.loket
        membership = Membership.objects.active().filter(loket=loket, user=actor).first()
        if not may_edit(moment=moment, membership=membership):
            raise ValidationError(
                _("Only its author or a coordinator may change a contact moment.")
            )
        supporter = supporter or moment.supporter
        values = {name: getattr(moment, name) for name in MOMENT_FIELDS} | fields
        people = list(moment.people.all()) if people is None else list(people)
        topics = list(moment.topics.all()) if topics is None else list(topics)
        _validate_moment(
            loket=loket,
            organisation=moment.organisation,
            supporter=supporter,
            people=people,
            topics=topics,
            help_request=help_request,
            fields=values,
        )
        cleaned = {
            name: value.strip() if name == "summary" else value for name, value in values.items()
        }
        model_update(moment, cleaned, allowed=MOMENT_FIELDS, clean=False)
        moment.supporter = supporter
        moment.help_request = help_request
        moment.save()
        moment.people.set(people)
        moment.topics.set(topics)
        _settle_plans(moment, actor)
    return moment


def contact_plan(*, loket, actor, organisation, due_on, supporter=None) -> PlannedContact:
    """Plans the next contact with a provider in one step (replacing a plan it had): today or
    later, for a coordinator or supporter of the desk (the actor by default)."""
    supporter = supporter or actor
    errors = {}
    if not _in_register(loket, organisation):
        errors["organisation"] = _("Choose an organisation from the register of this desk.")
    if due_on is None:
        errors["due_on"] = _("Give the day of the planned contact.")
    elif due_on < timezone.localdate():
        errors["due_on"] = _("Plan the contact for today or later.")
    if _acting_membership(loket, supporter) is None:
        errors["supporter"] = _("Choose a coordinator or supporter of this desk.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audited(actor):
        plan, _created = PlannedContact.objects.update_or_create(
            loket=loket,
            organisation=organisation,
            defaults={"due_on": due_on, "supporter": supporter, "moment": None},
        )
    return plan


def contact_signal(*, loket, organisation, reason: str) -> PlannedContact | None:
    """A signal about a provider (a board vacancy or money trouble reported in the yearly club
    check) puts it on today's work list, with the reason: a planned contact for today for its
    account holder, else the desk's longest-serving coordinator. A plan due earlier keeps its
    day and supporter and gains the reason. None when the provider is not in the desk's
    register or the desk has nobody to plan it for."""
    if not _in_register(loket, organisation):
        return None
    holder_id = (
        Organisation.objects.filter(pk=organisation.pk)
        .annotate(holder=account_holder_expression(loket))
        .values_list("holder", flat=True)
        .first()
    )
    acting = Membership.objects.active().filter(loket=loket, role__in=ACTING_ROLES)
    membership = acting.filter(user_id=holder_id).first() if holder_id else None
    if membership is None:
        membership = acting.filter(role=Role.COORDINATOR).order_by("created_at", "pk").first()
    if membership is None:
        return None
    today = timezone.localdate()
    with transaction.atomic():
        try:
            with transaction.atomic():  # a savepoint: another signal may have made it first
                plan, created = PlannedContact.objects.get_or_create(
                    loket=loket,
                    organisation=organisation,
                    defaults={
                        "due_on": today,
                        "supporter_id": membership.user_id,
                        "reason": reason[:300],
                    },
                )
        except IntegrityError:
            plan, created = (
                PlannedContact.objects.get(loket=loket, organisation=organisation),
                False,
            )
        if created:
            return plan
        plan = PlannedContact.objects.select_for_update().get(pk=plan.pk)
        if reason not in plan.reason:
            plan.reason = f"{plan.reason}; {reason}"[:300] if plan.reason else reason[:300]
        if plan.due_on > today:
            plan.due_on, plan.supporter_id = today, membership.user_id
        plan.save(update_fields=["reason", "due_on", "supporter", "updated_at"])
    return plan


def _months(value, field):
    try:
        months = int(value)
    except (TypeError, ValueError):
        raise ValidationError({field: _("Give a number of months.")}) from None
    if not 1 <= months <= MAX_POLICY_MONTHS:
        raise ValidationError({field: _("Choose 1 to 120 months.")})
    return months


def policy_save(*, loket, actor, default_months, kind_months=None, tag_months=None):
    """Sets the desk's contact policy: the default interval, and other intervals per kind of
    provider (``{kind: months}``) and per tag (``{tag: months}``); a kind or tag left out (or
    given None) follows the default again."""
    default_months = _months(default_months, "default_months")
    kind_months = {k: m for k, m in (kind_months or {}).items() if m not in (None, "")}
    tag_months = {t: m for t, m in (tag_months or {}).items() if m not in (None, "")}
    unknown = set(kind_months) - set(PROVIDER_KINDS)
    if unknown:
        raise ValidationError(_("Rules are for sports clubs and commercial providers."))
    kind_months = {k: _months(m, f"kind_{k}") for k, m in kind_months.items()}
    tag_months = {t: _months(m, "tag_months") for t, m in tag_months.items()}
    with transaction.atomic(), audited(actor):
        policy, _created = ContactPolicy.objects.select_for_update().get_or_create(loket=loket)
        policy.default_months = default_months
        policy.save()
        current = {(r.kind, r.tag_id): r for r in policy.rules.all()}
        wanted = {(k, None): m for k, m in kind_months.items()}
        wanted |= {("", t.pk): m for t, m in tag_months.items()}
        for key, rule in current.items():
            if key not in wanted:
                rule.delete()
        for (kind, tag_id), months in wanted.items():
            rule = current.get((kind, tag_id))
            if rule is None:
                ContactPolicyRule.objects.create(
                    policy=policy, kind=kind, tag_id=tag_id, months=months
                )
            elif rule.months != months:
                rule.months = months
                rule.save()
    return policy


def account_holder_set(
    *, loket, actor, supporter, municipality=None, sport=None, organisation=None
) -> AccountHolder:
    """Makes ``supporter`` the account holder of the providers in a municipality of the work
    area, of those offering a sport, or of one organisation of the register (replacing who held
    it)."""
    targets = [t for t in (municipality, sport, organisation) if t is not None]
    errors = {}
    if len(targets) != 1:
        raise ValidationError(_("Choose a municipality, a sport or an organisation."))
    if _acting_membership(loket, supporter) is None:
        errors["supporter"] = _("Choose a coordinator or supporter of this desk.")
    if municipality is not None and not loket.work_area.filter(pk=municipality.pk).exists():
        errors["municipality"] = _("Choose a municipality of the desk's work area.")
    if organisation is not None and not _in_register(loket, organisation):
        errors["organisation"] = _("Choose an organisation from the register of this desk.")
    if errors:
        raise ValidationError(errors)
    target = {"municipality": municipality, "sport": sport, "organisation": organisation}
    target = {name: value for name, value in target.items() if value is not None}
    with transaction.atomic(), audited(actor):
        holder, _created = AccountHolder.objects.update_or_create(
            loket=loket, **target, defaults={"supporter": supporter}
        )
    return holder


def account_holder_remove(*, holder: AccountHolder, actor) -> None:
    with transaction.atomic(), audited(actor):
        holder.delete()


# --- reminders -----------------------------------------------------------------------------


def reminder_claim(*, loket, user, on, actor=None) -> bool:
    """Records that ``user``'s reminder digest for ``loket`` on ``on`` goes out; False when one
    did already (a second run finds the record, or waits for the transaction that wrote it).
    Run it in the transaction that sends the digest, so that a failed e-mail leaves no
    record."""
    try:
        # A savepoint: a refusal leaves the caller's transaction usable.
        with transaction.atomic(), audited(actor):
            ReminderSent.objects.create(user=user, loket=loket, day=on)
    except IntegrityError:
        return False
    return True


def registration_warning_claim(*, loket, user, on, actor=None) -> bool:
    """Whether this digest carries the person's registration warning of the day: True for the
    first that claims it (a second run, or another desk's digest, finds the record, or waits
    for the transaction that wrote it)."""
    try:
        # A savepoint: a refusal leaves the digest's own record.
        with transaction.atomic(), audited(actor):
            RegistrationWarningSent.objects.create(user=user, loket=loket, day=on)
    except IntegrityError:
        return False
    return True
