"""Tenancy: the one place that decides which desk a request may see and which records of it.

Every desk-scoped view resolves its desk with ``get_membership_or_404`` and its records with
``get_object_for_desk_or_404``. A user who is not a member of a desk gets a 404, never a 403:
a user of desk A never learns that desk B's record exists. Within their own desk, a role that
lacks a capability gets a 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from sportloket.core.models import Loket, Membership


def desks_for_user(user) -> QuerySet[Loket]:
    return Loket.objects.for_user(user).order_by("name")


def user_memberships(user) -> list[Membership]:
    """The user's active memberships with their desks, by the desks' names (one query): the
    membership of the page's desk and the desk switcher's list come from the same rows."""
    if not user.is_authenticated:
        return []
    memberships = list(
        Membership.objects.active()
        .select_related("loket")
        .filter(user=user)
        .order_by("loket__name", "pk")
    )
    for membership in memberships:
        membership.user = user  # the request's own user: no query to read it again
    return memberships


def desks_of(memberships: list[Membership]) -> list[Loket]:
    """The desks of these memberships, each once, in their order."""
    seen, desks = set(), []
    for membership in memberships:
        if membership.loket_id not in seen:
            seen.add(membership.loket_id)
            desks.append(membership.loket)
    return desks


def get_membership_or_404(
    user, slug: str, capability: str | None = None, *, memberships=None
) -> Membership:
    """The user's active membership of the desk with this slug, or 404.

    With ``capability``, a member whose role lacks it gets PermissionDenied (403).
    ``memberships`` (of ``user_memberships``) spares the query when the caller has them.
    """
    if not user.is_authenticated:
        raise Http404
    if memberships is None:
        memberships = user_memberships(user)
    membership = next((m for m in memberships if m.loket.slug == slug), None)
    if membership is None:
        raise Http404
    if capability is not None and not membership.can(capability):
        raise PermissionDenied(_("Your role at this desk does not allow this."))
    return membership


def scope_to_desk(queryset: QuerySet, loket: Loket) -> QuerySet:
    """Restricts a queryset of desk-owned records to one desk."""
    if hasattr(queryset, "for_desk"):
        return queryset.for_desk(loket)
    return queryset.filter(loket=loket)


def get_object_for_desk_or_404(queryset: QuerySet, loket: Loket, **lookup):
    """Fetches a desk-owned record and checks its desk in the same query (404 otherwise)."""
    try:
        return scope_to_desk(queryset, loket).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
