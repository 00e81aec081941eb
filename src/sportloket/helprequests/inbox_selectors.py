"""Reads for the desk's inbox: a member's questions searched, filtered and sorted in the
database as the inbox's query parameters say (other pages link to them), each with what the
list shows, in a fixed number of queries whatever the rows."""

import re
from collections import defaultdict
from functools import reduce
from operator import or_

from django.db.models import Case, DateField, Exists, F, OuterRef, Prefetch, Q, When
from django.db.models.functions import Coalesce, Lower

from sportloket.core.models import Theme
from sportloket.helprequests.models import Assignment
from sportloket.helprequests.workflow import DECIDABLE_STATES

# The inbox's orders, by the name its ``sort`` parameter gives them; the first is the default.
INBOX_SORTS = ("waiting", "newest", "deadline", "organisation")
_INBOX_ORDER = {
    "waiting": ("submitted_at", "pk"),
    "newest": ("-submitted_at", "-pk"),
    "deadline": (F("next_deadline").asc(nulls_last=True), "submitted_at", "pk"),
    "organisation": ("organisation_sort", "submitted_at", "pk"),
}


def _sort_keys(sort: str) -> dict:
    """What an order sorts on besides the columns: computed only for the order that needs it
    (the list's count and the default order stay as cheap as plain columns)."""
    if sort == "deadline":  # the first response's while there is none, then the decision's
        return {
            "next_deadline": Case(
                When(first_response_at__isnull=True, then=F("respond_by")),
                When(decided_at__isnull=True, then=F("decide_by")),
                default=None,
                output_field=DateField(),
            )
        }
    if sort == "organisation":  # as linked in the register, else as the provider gave it
        return {"organisation_sort": Lower(Coalesce("organisation__name", "organisation_name"))}
    return {}


# A tracking link, or its code: what a provider reads out from their e-mail.
_TRACKING = re.compile(r"(?:/t/)?([A-Za-z0-9_-]{40,64})/?")
_NUMBER = re.compile(r"#?\s*([0-9]{1,18})")
_SEARCHED_FIELDS = (
    "question",
    "organisation_name",
    "linked_name",  # the linked organisation's name, kept by the database
    "contact_name",
    "contact_email",
)


def _search(qs, text: str):
    """Every word in the question, the organisation (as given or as linked), the contact's
    name or e-mail; a number finds the question of that number, a tracking link or its code
    the question it follows."""
    text = text.strip()
    tracking = _TRACKING.search(text)
    if tracking and ("/t/" in text or _TRACKING.fullmatch(text)):
        return qs.filter(tracking_token=tracking.group(1))
    condition = Q()
    for word in text.split()[:8]:
        condition &= reduce(or_, (Q(**{f"{field}__icontains": word}) for field in _SEARCHED_FIELDS))
    number = _NUMBER.fullmatch(text)
    if number:
        condition |= Q(pk=int(number.group(1)))
    return qs.filter(condition)


def _current_assignment(**lookups):
    return Exists(
        Assignment.objects.filter(help_request=OuterRef("pk"), ended_at__isnull=True, **lookups)
    )


def inbox_requests(
    qs,
    *,
    membership,
    search: str = "",
    state: str = "",
    theme=None,
    municipality=None,
    kind: str = "",
    assignee=None,
    overdue: bool = False,
    waiting: str = "",
    sort: str = "waiting",
):
    """The requests of ``qs`` (those the member may see) filtered and sorted in the database:
    ``assignee`` is "me" (``membership``'s user), "none" (not assigned) or a membership;
    ``waiting="decision"`` those that may get a decision and have none; ``sort`` one of
    ``INBOX_SORTS`` (by default the longest waiting first). Each request carries
    ``is_overdue``, ``theme_list`` and ``current_assignments`` (its assignee, or none)."""
    if search.strip():
        qs = _search(qs, search)
    if state == "open":
        qs = qs.open()
    elif state and state != "all":
        qs = qs.filter(state=state)
    if theme is not None:
        qs = qs.filter(themes=theme)
    if municipality is not None:
        qs = qs.filter(organisation__municipality=municipality)
    if kind:
        qs = qs.filter(organisation__kind=kind)
    if assignee == "none":
        qs = qs.exclude(_current_assignment())
    elif assignee == "me":
        qs = qs.filter(_current_assignment(supporter=membership.user_id))
    elif assignee:
        qs = qs.filter(_current_assignment(supporter=assignee.user_id))
    if overdue:
        qs = qs.overdue()
    if waiting == "decision":
        qs = qs.filter(state__in=DECIDABLE_STATES, decided_at__isnull=True)
    if sort not in _INBOX_ORDER:
        sort = "waiting"
    return (
        qs.with_overdue()
        .alias(**_sort_keys(sort))
        .select_related("organisation__municipality")
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("position"), to_attr="theme_list"),
            Prefetch(
                "assignments",
                queryset=Assignment.objects.filter(ended_at__isnull=True).select_related(
                    "supporter"
                ),
                to_attr="current_assignments",
            ),
        )
        .order_by(*_INBOX_ORDER[sort])
    )


# What a row of the inbox is made of, read from ``inbox_requests`` as values.
PAGE_VALUES = (
    "pk",
    "question",
    "urgency",
    "state",
    "organisation_name",
    "submitted_at",
    "first_response_at",
    "respond_by",
    "decided_at",
    "decide_by",
    "organisation__name",
    "organisation__municipality__name",
    "is_overdue",
)


def page_values(requests):
    """The inbox's questions (``inbox_requests``) as the values a row is made of, to page."""
    return requests.prefetch_related(None).values(*PAGE_VALUES)


def names_by_request(pks) -> tuple[dict, dict]:
    """{pk: theme names in the desk's order}, {pk: names of the current assignees}."""
    themes, assignees = defaultdict(list), defaultdict(list)
    for pk, name in (
        Theme.objects.filter(help_requests__in=pks)
        .order_by("position", "pk")
        .values_list("help_requests", "name")
    ):
        themes[pk].append(name)
    for pk, full_name, email in (
        Assignment.objects.filter(help_request__in=pks, ended_at__isnull=True)
        .order_by("started_at", "pk")
        .values_list("help_request_id", "supporter__full_name", "supporter__email")
    ):
        assignees[pk].append(full_name or email)  # as a user is named (``str(user)``)
    return themes, assignees
