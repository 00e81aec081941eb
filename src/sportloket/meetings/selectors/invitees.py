"""Who an invitation reaches: the current contact people of the chosen organisations whom the
desk may write to and who agreed to be contacted, never anyone else; and the preview the
coordinator reads before sending (how many are invited, how many are skipped and why)."""

from django.db.models import Q

from sportloket.registry.models import PersonRole

PREVIEW_SIZE = 50


def contact_roles(*, loket, organisations):
    """The current roles at ``organisations`` whose person the desk may write to: the desk's
    own records, and other desks' of people who agreed to sharing (as the register shows
    them)."""
    return (
        PersonRole.objects.current()
        .filter(organisation__in=organisations)
        .filter(Q(loket=loket) | Q(person__consents_to_sharing=True))
    )


def invitable_roles(*, loket, organisations):
    """Of ``contact_roles``, those of people who agreed to be contacted and have an e-mail
    address: the only ones ever invited."""
    return (
        contact_roles(loket=loket, organisations=organisations)
        .filter(person__consents_to_contact=True)
        .exclude(person__email="")
    )


def invite_preview(*, meeting, organisations) -> dict:
    """What sending would do: the organisations, the people to be invited (the first
    ``PREVIEW_SIZE`` of them by name), those already invited, and the contact people skipped
    because they did not agree to be contacted or have no e-mail address. Four queries."""
    loket = meeting.loket
    invited_already = meeting.invitations.values("person_id")
    invitable = invitable_roles(loket=loket, organisations=organisations)
    new = invitable.exclude(person_id__in=invited_already)
    skipped = (
        contact_roles(loket=loket, organisations=organisations)
        .exclude(person_id__in=invitable.values("person_id"))
        .values("person_id")
        .distinct()
        .count()
    )
    people = list(
        new.select_related("person", "organisation")
        .order_by("person__full_name", "person_id", "organisation__name")
        .distinct()[: PREVIEW_SIZE * 2]
    )
    seen, preview = set(), []
    for role in people:
        if role.person_id not in seen and len(preview) < PREVIEW_SIZE:
            seen.add(role.person_id)
            preview.append(role)
    return {
        "organisations": organisations.count(),
        "to_invite": new.values("person_id").distinct().count(),
        "already": invitable.filter(person_id__in=invited_already)
        .values("person_id")
        .distinct()
        .count(),
        "skipped": skipped,
        "preview": preview,
    }
