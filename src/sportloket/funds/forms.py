"""The forms of the funds pages: a fund, a change of its amount, the moves of an allocation and
the overview's period. They parse what people type; the services decide."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from sportloket.core.fields import AmountField, ThemeKeysField
from sportloket.core.money import euros
from sportloket.funds.constants import IDEMPOTENCY_KEY_LENGTH
from sportloket.funds.models import Fund
from sportloket.funds.services import FUND_FIELDS


class OwnerField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.get_kind_display()})"


class YearFilterForm(forms.Form):
    """The overview's period: one calendar year, or every year."""

    ALL = "all"

    year = forms.ChoiceField(label=_("Year"), required=False)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [
            *((str(year), str(year)) for year in years),
            (self.ALL, _("All years")),
        ]

    def chosen_year(self, default: int) -> int | None:
        """The chosen year; None for every year; ``default`` when nothing (valid) was chosen."""
        value = self.cleaned_data.get("year") if self.is_bound and self.is_valid() else ""
        if value == self.ALL:
            return None
        return int(value) if value else default


def threshold_field():
    """Up to which amount the coordinator decides alone (the fund's form and the owner's)."""
    return AmountField(
        label=_("Coordinator decides alone up to (euros)"),
        required=False,
        help_text=_(
            "Above this amount a representative of the owner must approve. Leave empty when "
            "the coordinator always decides alone; 0 when the owner approves every allocation."
        ),
    )


class FundForm(forms.ModelForm):
    """A fund of the desk: its name, owner, period and rules. The amount is set here only when
    the fund is made; later it changes with a reason (``AmountChangeForm``)."""

    owner = OwnerField(
        label=_("Owner"),
        queryset=None,
        help_text=_(
            "The organisation the money comes from, from the register of this desk. Its "
            "representatives approve spending above the threshold."
        ),
    )
    amount_cents = AmountField(
        label=_("Amount (euros)"), help_text=_("For the whole period, for example 25.000.")
    )
    max_per_allocation_cents = AmountField(
        label=_("Maximum per allocation (euros)"),
        required=False,
        help_text=_("Leave empty when there is no maximum."),
    )
    approval_threshold_cents = threshold_field()
    theme_keys = ThemeKeysField(
        required=False, help_text=_("Leave empty when the fund pays for every theme.")
    )

    class Meta:
        model = Fund
        fields = [
            "name",
            "kind",
            "owner",
            "starts_on",
            "ends_on",
            "amount_cents",
            "max_per_allocation_cents",
            "theme_keys",  # declared on the form: the keys of the desk's themes
            "eligible_provider_kinds",
            "co_funding_required",
            "approval_threshold_cents",
            "is_active",
            "description",
        ]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, organisations, themes, **kwargs):
        """``organisations``: who may own the fund; ``themes``: (key, name) pairs."""
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk:
            # The amount changes with a reason, on the fund's page.
            del self.fields["amount_cents"]
            if instance.owner_id:
                # The current owner stays choosable, also when it would not be offered now.
                organisations = organisations.model.objects.filter(
                    pk__in=[*organisations.values_list("pk", flat=True), instance.owner_id]
                )
        self.fields["owner"].queryset = organisations.order_by("name", "pk")
        current = [theme.key for theme in instance.themes.all()] if instance.pk else []
        self.fields["theme_keys"].offer(themes, current)
        if current and not self.is_bound:
            self.initial["theme_keys"] = current
        self.fields["name"].widget.attrs.setdefault("autocomplete", "off")

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The end of the period lies before its start."))
        name = data.get("name")
        if name and start:
            # What ModelForm's unique check would say, next to the name (the service's own
            # check reports it for the whole form).
            others = Fund.objects.filter(
                loket_id=self.instance.loket_id, name=name, starts_on=start
            ).exclude(pk=self.instance.pk)
            if others.exists():
                self.add_error(
                    "name", _("The desk already has a fund with this name starting on this date.")
                )
        return data

    def _post_clean(self):
        # The service validates the fund as a whole (with the database's checks) and reports
        # a duplicate name next to the field; the form only parses what was typed.
        pass

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        arguments = {name: data[name] for name in FUND_FIELDS}
        arguments["theme_keys"] = data["theme_keys"]
        if "amount_cents" in self.fields:
            arguments["amount_cents"] = data["amount_cents"]
        return arguments


class ApprovalRulesForm(forms.Form):
    """What a representative of the fund's owner decides: up to which amount the coordinator
    decides alone, and which organisation owns the fund. The field names are the service's."""

    approval_threshold_cents = threshold_field()
    owner = OwnerField(
        label=_("Owner"),
        queryset=None,
        help_text=_(
            "Another organisation from the register of this desk: its representatives then "
            "approve, and you no longer see this fund."
        ),
    )

    def __init__(self, *args, fund, organisations, **kwargs):
        """``organisations``: who may own the fund (the current owner is always offered)."""
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = organisations.model.objects.filter(
            pk__in=[*organisations.values_list("pk", flat=True), fund.owner_id]
        ).order_by("name", "pk")
        if not self.is_bound:
            self.initial.update(
                owner=fund.owner_id, approval_threshold_cents=fund.approval_threshold_cents
            )


class AmountChangeForm(forms.Form):
    """A raise or cut of a fund's amount, with the reason for its history. The field names
    are those the service names in its errors."""

    new_cents = AmountField(label=_("New amount (euros)"))
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the fund's history, for example the council's decision."),
    )


class _AllocationForm(forms.Form):
    """One move of one allocation; ``allocation`` gives each row's fields their own ids."""

    def __init__(self, *args, allocation=None, **kwargs):
        if allocation is not None:
            kwargs.setdefault("auto_id", f"id_{self.action}_{allocation.pk}_%s")
        super().__init__(*args, **kwargs)


class ApproveForm(_AllocationForm):
    action = "approve"
    note = forms.CharField(label=_("Note (optional)"), max_length=1000, required=False)


class RejectForm(_AllocationForm):
    action = "reject"
    note = forms.CharField(
        label=_("Reason for rejecting"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Give a reason; the coordinator will read it.")},
    )


class CancelForm(_AllocationForm):
    action = "cancel"
    note = forms.CharField(label=_("Reason (optional)"), max_length=1000, required=False)


class PayForm(_AllocationForm):
    action = "pay"
    paid_cents = AmountField(
        label=_("Amount paid (euros)"),
        help_text=_("What it really cost; at most the allocated amount."),
    )
    note = forms.CharField(label=_("Note (optional)"), max_length=1000, required=False)

    def __init__(self, *args, allocation=None, **kwargs):
        super().__init__(*args, allocation=allocation, **kwargs)
        if allocation is not None and not self.is_bound:
            self.initial["paid_cents"] = allocation.amount_cents


class DecisionFundForm(forms.Form):
    """Money for one decision from one or more funds (co-funding): an amount per fund, empty
    for the funds that pay nothing. The hidden key makes a second click (or a retried
    request) find the allocations of the first instead of making new ones."""

    idempotency_key = forms.CharField(
        widget=forms.HiddenInput, max_length=IDEMPOTENCY_KEY_LENGTH, required=False
    )

    def __init__(self, *args, funds, without_approvers=frozenset(), **kwargs):
        """``funds``: the funds to choose from, each with its owner; ``without_approvers``:
        the pks of those whose owner has nobody at the desk to approve above the threshold
        (``selectors.funds_without_approvers``), which the form warns about."""
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4().hex)
        self.funds = list(funds)
        for fund in self.funds:
            help_text = _("%(owner)s; %(available)s available.") % {
                "owner": fund.owner.name,
                "available": euros(fund.available_cents),
            }
            if fund.pk in without_approvers:
                help_text += " " + _(
                    "Nobody at this desk represents %(owner)s: above %(threshold)s the money "
                    "stays proposed until somebody does and approves it."
                ) % {
                    "owner": fund.owner.name,
                    "threshold": euros(fund.approval_threshold_cents),
                }
            self.fields[f"fund_{fund.pk}"] = AmountField(
                label=_("From %(fund)s (euros)") % {"fund": fund.name},
                required=False,
                help_text=help_text,
            )

    def splits(self) -> list:
        """(fund, cents) for each fund with an amount, in the order shown."""
        data = self.cleaned_data
        return [(f, data[f"fund_{f.pk}"]) for f in self.funds if data.get(f"fund_{f.pk}")]


ALLOCATION_FORMS = {form.action: form for form in (ApproveForm, RejectForm, CancelForm, PayForm)}
