"""Reads for desk pages: teams, figures and the audit history of a record. Each selector fixes
its own joins so that a page's query count does not grow with its rows."""

from auditlog.models import LogEntry
from django.db.models import Count, Exists, OuterRef, Q
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from sportloket.accounts.second_factor import has_second_factor
from sportloket.accounts.selectors import user_has_second_factor
from sportloket.core.audit import history_rows
from sportloket.core.constants import (
    DEFAULT_THEME_LABELS,
    DEFAULT_THEMES,
    ROLES_REQUIRING_SECOND_FACTOR,
    Role,
)
from sportloket.core.inputs import strip_control_characters
from sportloket.core.models import Loket, Membership, Municipality, SavedView, Theme


def desk_team(*, loket: Loket, role: str = "", search: str = "", include_ended: bool = False):
    qs = Membership.objects.for_desk(loket).select_related("user")
    if not include_ended:
        qs = qs.filter(ended_at__isnull=True)
    if role:
        qs = qs.filter(role=role)
    if search:
        qs = qs.filter(
            Q(user__email__icontains=search)
            | Q(user__full_name__icontains=search)
            | Q(acts_for__icontains=search)
        )
    return qs.order_by("ended_at", "user__full_name", "user__email")


def desk_role_counts(*, loket: Loket) -> dict[str, int]:
    rows = (
        Membership.objects.active()
        .for_desk(loket)
        .values("role")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = dict.fromkeys(Role.values, 0)
    counts.update({row["role"]: row["n"] for row in rows})
    return counts


def desk_work_area(*, loket: Loket):
    return loket.work_area.select_related("province").order_by("name")


def public_desks():
    return Loket.objects.active().order_by("name")


def national_desk_figures():
    """Aggregate figures per desk for the national team: counts only, no personal data."""
    active = Q(memberships__ended_at__isnull=True)
    return (
        Loket.objects.active()
        .annotate(
            municipality_count=Count("work_area", distinct=True),
            coordinator_count=Count(
                "memberships", filter=active & Q(memberships__role=Role.COORDINATOR), distinct=True
            ),
            supporter_count=Count(
                "memberships", filter=active & Q(memberships__role=Role.SUPPORTER), distinct=True
            ),
            partner_count=Count(
                "memberships", filter=active & Q(memberships__role=Role.PARTNER), distinct=True
            ),
        )
        .order_by("name")
    )


def record_history(obj, *, loket=None, limit: int = 50):
    """The audit history of one record, newest first, as readable rows (see core.audit).

    For shared records (the national register), pass the reader's desk: people who changed the
    record from another desk are then named only as "another desk".
    """
    entries = LogEntry.objects.get_for_object(obj).select_related("actor", "content_type")
    if loket is not None:
        # Read with the entries, not as a query of its own.
        colleague = Membership.objects.for_desk(loket).filter(user_id=OuterRef("actor_id"))
        entries = entries.annotate(by_colleague=Exists(colleague))
    entries = list(entries.order_by("-timestamp")[:limit])
    rows = history_rows(entries)
    if loket is not None:
        for entry, row in zip(entries, rows, strict=True):
            if entry.actor_id is not None and not entry.by_colleague:
                row["actor"] = _("another desk")
    return rows


# --- The desk's themes ------------------------------------------------------------------------


def desk_themes(*, loket):
    """The desk's themes in their order, those in use first."""
    return Theme.objects.filter(loket=loket).order_by("-is_active", "position", "name")


def theme_id_choices(*, loket) -> list[tuple[int, str]]:
    """The desk's themes as (id, name), in their order, also those no longer in use (a filter
    finds the questions of a theme that is no longer offered)."""
    return list(
        Theme.objects.filter(loket=loket).order_by("position", "name").values_list("pk", "name")
    )


def theme_key_choices(*, loket, usual_when_none: bool = False) -> list[tuple[str, str]]:
    """The desk's themes in use as (key, name): what an offering or a fund can serve. With
    ``usual_when_none``, the usual themes while the desk has none yet."""
    themes = [(t.key, t.name) for t in desk_themes(loket=loket) if t.is_active]
    if not themes and usual_when_none:
        return [(key, str(name)) for key, name in DEFAULT_THEMES]
    return themes


def theme_labels(*, loket, keys) -> list[str]:
    """Theme keys as this desk names them; a theme the desk does not have by its usual name."""
    names = dict(Theme.objects.filter(loket=loket).values_list("key", "name"))
    return [names.get(key) or str(DEFAULT_THEME_LABELS.get(key, key)) for key in keys]


def municipalities_all():
    """Every municipality with its province, by name (one query): for the choice of a work area
    or an organisation's municipality."""
    return Municipality.objects.select_related("province").order_by("name")


def user_must_set_up_second_factor(user, *, request=None) -> bool:
    """True for a coordinator or supporter of any active desk, or a technical administrator,
    who has no TOTP device yet. With the ``request``, its session answers whether the user has
    one once it knows (``accounts.second_factor``): a signed-in member's page then spends no
    query on this."""
    if request is not None:
        if has_second_factor(request):
            return False
    elif user_has_second_factor(user):
        return False
    return (
        user.is_staff
        or user.memberships.active().filter(role__in=ROLES_REQUIRING_SECOND_FACTOR).exists()
    )


def saved_view_query(query: str, parameters) -> str:
    """The query string as a saved view keeps it: only the list's own ``parameters``, in their
    order, each once (the value the list reads: the last), without control characters; an
    empty value is the list's default and is left out (as is the page, which is no filter)."""
    given = QueryDict(query or "")
    kept = QueryDict(mutable=True)
    for name in parameters:
        value = strip_control_characters(given.get(name, "")).strip()
        if value:
            kept[name] = value
    return kept.urlencode()


def saved_views(*, user, loket: Loket, list_name: str):
    """The user's own saved views of one of the desk's lists, by name (one query)."""
    return SavedView.objects.for_desk(loket).filter(user=user, list_name=list_name)


def neighbours_first(desks, *, loket):
    """``desks`` (a queryset of desks) with ``is_neighbour`` (the desk named it among its
    neighbouring desks), its neighbours first, then by name: the order referrals, shared
    regional offerings and followed knowledge offer them in."""
    named = Loket.neighbours.through.objects.filter(from_loket=loket, to_loket=OuterRef("pk"))
    return desks.annotate(is_neighbour=Exists(named)).order_by("-is_neighbour", "name", "pk")
