"""The forms of the decision pages: a decision on a question, the desk's matching weights, and
the filters of the decision lists. They parse what people type; the services decide."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from sportloket.core.fields import EuroField
from sportloket.core.money import MAX_EUROS, euros
from sportloket.decisions.constants import Criterion
from sportloket.decisions.models import Decision, MatchingWeights
from sportloket.decisions.selectors import DecisionShow
from sportloket.decisions.services import _personal_data_in as personal_data_in
from sportloket.registry.constants import OrganisationKind


class WeightsForm(forms.Form):
    """The nine matching weights of a desk, 0 to 10 each."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in Criterion:
            self.fields[criterion.value] = forms.IntegerField(
                label=criterion.label,
                min_value=0,
                max_value=10,
                widget=forms.NumberInput(attrs={"min": 0, "max": 10, "step": 1}),
            )

    @classmethod
    def initial_from(cls, weights: MatchingWeights) -> dict:
        return {criterion.value: getattr(weights, criterion.value) for criterion in Criterion}


class DecisionPeriodForm(forms.Form):
    """A calendar year of decisions, or every year (the default)."""

    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years")), *((y, str(y)) for y in years)]

    def filters(self) -> dict:
        """The selector's arguments; a filter that is not valid is left out (all is shown)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name in self.fields and value not in (None, "")
        }


class PublicDecisionFilterForm(DecisionPeriodForm):
    """The public register's filters: year, theme, municipality, kind of provider, and a search
    in the chosen offerings and who delivers them."""

    theme = forms.TypedChoiceField(label=_("Theme"), required=False, coerce=int, empty_value=None)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)  # its CBS code
    kind = forms.ChoiceField(label=_("Kind of provider"), required=False)
    search = forms.CharField(label=_("Support or organisation"), required=False, max_length=100)

    def __init__(self, *args, themes=(), municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("All themes")), *themes]
        self.fields["municipality"].choices = [("", _("All municipalities")), *municipalities]
        self.fields["kind"].choices = [("", _("All kinds")), *OrganisationKind.choices]


class DecisionFilterForm(DecisionPeriodForm):
    """The desk's list of decisions: a search, the year, and which decisions."""

    search = forms.CharField(
        label=_("Search support or organisation"), required=False, max_length=100
    )
    show = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            (DecisionShow.ALL, _("All decisions, also superseded ones")),
            (DecisionShow.CURRENT, _("Decisions that hold")),
            (DecisionShow.PASSED_OVER, _("Not the top-ranked offering")),
        ],
    )


class DecisionForm(forms.Form):
    chosen = forms.TypedMultipleChoiceField(
        label=_("Chosen offering(s)"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one offering.")},
    )
    rationale = forms.CharField(
        label=_("Rationale"),
        max_length=5000,
        help_text=_("Why this support fits the question best. The provider reads it."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    public_summary = forms.CharField(
        label=_("Summary for the public register"),
        max_length=300,
        help_text=_(
            "One or two sentences on why this support; anyone can read it. No names of people, "
            "e-mail addresses or phone numbers."
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    deviation_reason = forms.CharField(
        label=_("Why not the offering ranked first?"),
        required=False,
        max_length=5000,
        help_text=_("Required when you choose another offering than the one ranked first."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    amount = forms.DecimalField(
        label=_("Amount to commit (euros)"),
        required=False,
        min_value=0,
        max_value=MAX_EUROS,
        max_digits=10,
        decimal_places=2,
        localize=True,
        help_text=_(
            "Leave empty for what the chosen offerings cost. The amount is what the funds pay "
            "plus what is paid outside the funds."
        ),
    )

    # The amount is what the funds pay plus this (issue 17, fault 1; decisions.services).
    outside = EuroField(
        label=_("Paid outside the funds (euros)"),
        required=False,
        help_text=_(
            "What the provider or others pay themselves. The amount is what the funds pay "
            "plus this; leave empty when the funds pay it all."
        ),
    )

    # One per page load: sending the same form twice records one decision.
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)

    def __init__(
        self, *args, ranked, funds=(), without_approvers=frozenset(), help_request=None, **kwargs
    ):
        """``funds``: (what it can give, fund) for each fund that may pay; ``without_approvers``:
        the pks of those whose owner has nobody at the desk to approve above the threshold;
        ``help_request``: the question decided on, whose people the public summary must not
        name."""
        kwargs.setdefault("initial", {}).setdefault("idempotency_key", uuid.uuid4().hex)
        super().__init__(*args, **kwargs)
        self.fields["chosen"].choices = [(r.offering.pk, r.offering.title) for r in ranked]
        self.first_ranked = ranked[0].offering.pk if ranked else None
        self.help_request = help_request
        # What each fund that may pay for the question gives (euros; empty: nothing).
        self.funds = []
        self.rooms = {fund.pk: room for room, fund in funds}
        for room, fund in funds:
            self.fields[f"fund_{fund.pk}"] = EuroField(
                label=fund.name,
                required=False,
                help_text=_fund_help(room, fund, fund.pk in without_approvers),
            )
            self.funds.append(fund)

    def fund_fields(self):
        return [self[f"fund_{fund.pk}"] for fund in self.funds]

    def clean(self):
        """Every rule of a decision that this form can see, checked in one pass, so that each
        mistake comes back at once beside its field (the service checks them again, with the
        question locked, and what only it can see: who decides, who delivers, the funds'
        own rules)."""
        data = super().clean()
        chosen = set(data.get("chosen") or ())
        if (
            chosen
            and self.first_ranked is not None
            and self.first_ranked not in chosen
            and not data.get("deviation_reason", "").strip()
            and "deviation_reason" not in self.errors
        ):
            self.add_error(
                "deviation_reason",
                _("Say why you chose another offering than the one ranked first."),
            )
        summary = data.get("public_summary")
        if summary and self.help_request and personal_data_in(summary, self.help_request):
            self.add_error(
                "public_summary",
                _(
                    "The public register holds no personal data: leave out names, e-mail "
                    "addresses and phone numbers."
                ),
            )
        self._clean_funding(data)
        return data

    def _clean_funding(self, data):
        """Each fund's share within what it has left for the question; a fund that pays only
        together with another not alone. Not for the same form sent again after it was
        recorded (a second click): the service returns that decision, whatever the funds hold
        now."""
        given = {fund.pk for fund in self.funds if data.get(f"fund_{fund.pk}")}
        if not given or self._recorded_before(data.get("idempotency_key", "")):
            return
        for fund in self.funds:
            name = f"fund_{fund.pk}"
            cents = data.get(name)
            if not cents:
                continue
            limit = fund.max_per_allocation_cents
            if limit is not None and cents > limit:
                self.add_error(
                    name,
                    _("The fund '%(fund)s' pays at most %(max)s per allocation.")
                    % {"fund": fund.name, "max": euros(limit)},
                )
            elif cents > self.rooms[fund.pk]:
                self.add_error(
                    name,
                    _("The fund '%(fund)s' has %(available)s left; %(asked)s does not fit.")
                    % {
                        "fund": fund.name,
                        "available": euros(self.rooms[fund.pk]),
                        "asked": euros(cents),
                    },
                )
            elif fund.co_funding_required and given == {fund.pk}:
                self.add_error(
                    name,
                    _("The fund '%(fund)s' pays only together with another fund.")
                    % {"fund": fund.name},
                )

    def amount_cents(self):
        amount = self.cleaned_data.get("amount")
        return None if amount is None else int(amount * 100)

    def funding(self) -> list:
        """(fund, cents) for each fund given an amount."""
        found = []
        for fund in self.funds:
            cents = self.cleaned_data.get(f"fund_{fund.pk}") or 0
            if cents:
                found.append((fund, cents))
        return found

    def _recorded_before(self, key: str) -> bool:
        key = key.strip()[:64]
        return bool(
            key
            and self.help_request is not None
            and Decision.objects.filter(
                help_request=self.help_request, idempotency_key=key
            ).exists()
        )


def _fund_help(room, fund, lacks_approver=False) -> str:
    parts = [_("%(available)s left for this question.") % {"available": euros(room)}]
    numbers = {
        "threshold": euros(fund.approval_threshold_cents or 0),
        "owner": fund.owner.name if fund.owner_id else "",
    }
    if lacks_approver:
        parts.append(
            _(
                "Nobody at this desk represents %(owner)s: above %(threshold)s the money "
                "stays proposed until somebody does and approves it."
            )
            % numbers
        )
    elif fund.approval_threshold_cents is not None and fund.owner_id:
        parts.append(_("Above %(threshold)s, %(owner)s approves first.") % numbers)
    if fund.co_funding_required:
        parts.append(_("Pays only together with another fund."))
    return " ".join(str(part) for part in parts)
