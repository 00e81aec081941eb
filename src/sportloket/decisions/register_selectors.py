"""Reads of the public register about the desk itself: the span of its decisions (for the
years to filter on) and the stamps that say when its register changed. Each is a lookup in the
query that reads the desk."""

from django.db.models import Max, OuterRef, Subquery

from sportloket.core.models import Theme
from sportloket.decisions.models import Decision
from sportloket.funds import selectors as fund_selectors


def with_decision_span(desks):
    """``desks`` with the moments of their first and last decision (``first_decided`` and
    ``last_decided``, for ``years_between``): two lookups in the index on desk and moment,
    in the query that reads the desk, where an aggregate would read all its decisions."""
    decided = Decision.objects.filter(loket=OuterRef("pk")).values("decided_at")
    return desks.annotate(
        first_decided=Subquery(decided.order_by("decided_at")[:1]),
        last_decided=Subquery(decided.order_by("-decided_at")[:1]),
    )


def with_register_stamp(desks):
    """``desks`` with what changes whenever what their public register shows of decisions and
    money changes: ``last_decision_id``, the last decision recorded (a decision is never
    changed: a new one supersedes it), ``awards_changed_at``, the last change to an
    allocation of the desk's funds (the money awarded), and ``themes_changed_at``, the last
    change to the desk's themes (their names are in the register and its filters). Lookups
    in the query that reads the desk; the names of offerings and organisations are not in
    it (the register is kept a few minutes at most)."""
    last_decision = Decision.objects.filter(loket=OuterRef("pk")).order_by("-pk").values("pk")
    themes = Theme.objects.filter(loket=OuterRef("pk")).order_by().values("loket")
    return desks.annotate(
        last_decision_id=Subquery(last_decision[:1]),
        awards_changed_at=fund_selectors.allocations_changed_at(OuterRef("pk")),
        themes_changed_at=Subquery(themes.annotate(last=Max("updated_at")).values("last")),
    )
