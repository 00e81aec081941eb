"""A desk's decisions on questions: which offering was chosen among those matching ranked, why,
and with what money; and the weights matching ranks by. A decision is never changed or deleted
(a new one supersedes it; the database's triggers in decisions.db hold that too).

The tables keep the names they got in the catalogue's app (offerings), where these models lived
until the decisions became an app of their own.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from sportloket.core.models import TimeStampedModel
from sportloket.offerings.models import Offering


class MatchingWeights(TimeStampedModel):
    """How much each matching criterion counts at a desk (0 to 10). Visible to everyone who
    reads the desk's decisions."""

    loket = models.OneToOneField(
        "core.Loket", on_delete=models.CASCADE, related_name="matching_weights"
    )
    theme = models.PositiveSmallIntegerField(_("theme fit"), default=10)
    provider_kind = models.PositiveSmallIntegerField(_("kind of provider"), default=5)
    sport = models.PositiveSmallIntegerField(_("sport"), default=5)
    scope = models.PositiveSmallIntegerField(_("scope and region"), default=3)
    capacity = models.PositiveSmallIntegerField(_("capacity left"), default=4)
    money = models.PositiveSmallIntegerField(_("money available"), default=4)
    supporter = models.PositiveSmallIntegerField(_("qualified supporter"), default=4)
    rating = models.PositiveSmallIntegerField(_("past ratings"), default=3)
    novelty = models.PositiveSmallIntegerField(_("not received before"), default=2)

    class Meta:
        db_table = "offerings_matchingweights"  # made by the catalogue's app, where it lived first
        verbose_name = _("matching weights")
        verbose_name_plural = _("matching weights")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    theme__lte=10,
                    provider_kind__lte=10,
                    sport__lte=10,
                    scope__lte=10,
                    capacity__lte=10,
                    money__lte=10,
                    supporter__lte=10,
                    rating__lte=10,
                    novelty__lte=10,
                ),
                name="offerings_weights_0_to_10",
                violation_error_message=_("Weights run from 0 to 10."),
            )
        ]

    def __str__(self):
        return str(self.loket)


class NeverDeletedQuerySet(models.QuerySet):
    """Decisions and their options are the desk's record of how it chose: never deleted."""

    def delete(self):
        raise ValidationError(_("A decision is never changed; record a new one instead."))

    delete.queryset_only = True


def superseded(decision: str = "pk") -> Exists:
    """Whether a later decision supersedes the decision named by ``decision`` (a path from the
    outer query: "pk" for decisions, "decision" for their options).

    Filter on ``~superseded()`` rather than on ``superseded_by__isnull=True``: Django writes
    the latter as a LEFT JOIN of the reverse one-to-one, which PostgreSQL plans as if a single
    decision were left, and then loops over all of them (seconds at 30,000 decisions); NOT
    EXISTS is planned as the anti-join it is."""
    return Exists(Decision.objects.filter(supersedes=OuterRef(decision)))


class DecisionQuerySet(NeverDeletedQuerySet):
    def holding(self):
        """The decisions that hold: no later decision superseded them."""
        return self.filter(~superseded())


class NeverChanged(models.Model):
    """Saved once, never updated or deleted: the database refuses both as well (decisions.db)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("A decision is never changed; record a new one instead."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("A decision is never changed; record a new one instead."))


class Decision(NeverChanged):
    """A decision on a help request: the chosen offering(s) among the ranked alternatives, with
    the rationale, who decided and when, and the money to commit. Never changed after it is made
    (the database refuses updates, further options and, on PostgreSQL, deletes); a new decision
    supersedes it and both stay."""

    loket = models.ForeignKey("core.Loket", on_delete=models.PROTECT, related_name="decisions")
    help_request = models.ForeignKey(
        "helprequests.HelpRequest", on_delete=models.PROTECT, related_name="decisions"
    )
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
    )
    rationale = models.TextField(_("rationale"))
    public_summary = models.CharField(
        _("summary for the public register"),
        max_length=300,
        blank=True,
        help_text=_("Why this support, in one or two sentences without names of people."),
    )
    deviation_reason = models.TextField(
        _("why not the top-ranked offering"),
        blank=True,
        help_text=_("Required when the chosen offering is not the one ranked first."),
    )
    # The amount is what the desk's funds pay (its allocations, see funds.Allocation) plus
    # what is paid outside them, stated here: the funds never pay more than the difference.
    amount_cents = models.PositiveIntegerField(_("amount to commit (cents)"), default=0)
    outside_cents = models.PositiveIntegerField(
        _("paid outside the funds (cents)"),
        default=0,
        help_text=_("By the provider or others; the rest of the amount comes from the funds."),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"))
    weights = models.JSONField(default=dict)
    # The decision form's one-time key: the same form sent twice (a second click, a retried
    # request) records one decision.
    idempotency_key = models.CharField(max_length=64, blank=True, default="")
    # How many options the decision was made with: the database refuses any option beyond
    # them, so none can be added to a decision once it is made (see decisions.db).
    option_count = models.PositiveSmallIntegerField(default=0, editable=False)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        db_table = "offerings_decision"  # the database's triggers (decisions.db) name it
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-decided_at", "-pk"]
        indexes = [
            models.Index(fields=["loket", "decided_at"], name="offerings_decisions_desk"),
            # The public register's totals read what they need of every decision of the desk
            # (its question and money) from this index alone, not from the wide rows.
            models.Index(
                fields=["loket", "decided_at", "help_request", "amount_cents", "outside_cents"],
                name="decisions_register",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(rationale=""),
                name="offerings_decision_rationale",
                violation_error_message=_("A decision needs a rationale."),
            ),
            models.CheckConstraint(
                condition=Q(outside_cents__lte=F("amount_cents")),
                name="decisions_outside_within_amount",
                violation_error_message=_(
                    "No more is paid outside the funds than the decision's amount."
                ),
            ),
            models.UniqueConstraint(
                fields=["help_request", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="offerings_decision_once_per_key",
            ),
        ]

    def __str__(self):
        return f"{self.help_request_id} – {self.decided_at:%Y-%m-%d}"

    @property
    def funds_cents(self) -> int:
        """The funds' part of the amount: what is not paid outside the funds."""
        return self.amount_cents - self.outside_cents


class DecisionOption(NeverChanged):
    """One offering as it was ranked when the decision was made: its score, its explanation per
    criterion, and whether it was chosen."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="options")
    offering = models.ForeignKey(Offering, on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveSmallIntegerField()
    score = models.DecimalField(max_digits=6, decimal_places=2)
    explanation = models.JSONField(default=list)
    chosen = models.BooleanField(default=False)

    objects = NeverDeletedQuerySet.as_manager()

    class Meta:
        db_table = "offerings_decisionoption"
        ordering = ["decision", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "rank"], name="offerings_option_rank"),
            models.UniqueConstraint(fields=["decision", "offering"], name="offerings_option_once"),
        ]
        indexes = [
            # Matching counts places taken and ratings over the chosen options only.
            models.Index(
                fields=["offering", "decision"],
                condition=Q(chosen=True),
                name="offerings_option_chosen",
            ),
            # A decision's chosen offerings, in their order, from the index alone (the public
            # register reads them for every decision of the desk); with "chosen" itself, or
            # SQLite reads each row to check it.
            models.Index(
                fields=["decision", "rank", "offering", "chosen"],
                condition=Q(chosen=True),
                name="decisions_chosen_options",
            ),
        ]

    def __str__(self):
        return f"{self.rank}. {self.offering_id}"
