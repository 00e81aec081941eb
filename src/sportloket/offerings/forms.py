import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sportloket.core.models import Loket
from sportloket.core.money import MAX_EUROS
from sportloket.core.widgets import ColumnsCheckboxSelectMultiple
from sportloket.offerings.constants import (
    Criterion,
    OfferingKind,
    OfferingScope,
    OfferingStatus,
)
from sportloket.offerings.models import MatchingWeights, Offering
from sportloket.offerings.selectors import DecisionShow
from sportloket.offerings.services import OFFERING_FIELDS
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.selectors import sports_all

# Dutch style first: "1.250,50", "1250,5", "1250", "1.250,-"; a dot with one or two decimals
# ("12.50") is read as a decimal point, since it cannot be a thousands separator.
_DUTCH_AMOUNT = re.compile(r"^(?P<whole>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<cents>\d{1,2}|-{1,2}))?$")
_DOT_DECIMAL = re.compile(r"^(?P<whole>\d+)\.(?P<cents>\d{1,2})$")


def parse_euros(text: str) -> int:
    """An amount in euros as people type it, in cents. Raises ValueError when it is no amount."""
    value = re.sub(r"\s+", "", text.replace("\u00a0", " ")).removeprefix("€")
    value = value.removeprefix("EUR").removeprefix("eur")
    match = _DUTCH_AMOUNT.match(value) or _DOT_DECIMAL.match(value)
    if not match:
        raise ValueError(text)
    whole = int(match["whole"].replace(".", ""))
    cents = match["cents"] or ""
    cents = 0 if cents.startswith("-") else int(cents.ljust(2, "0") or 0)
    return whole * 100 + cents


def format_euros_for_input(cents: int) -> str:
    """Cents as a form shows them again: "1250" or "1250,50" (what the field reads back)."""
    whole, rest = divmod(int(cents), 100)
    return f"{whole},{rest:02d}" if rest else str(whole)


class EuroField(forms.Field):
    """An amount in euros, typed the Dutch way ("1.250,50", "1250,5", "1250"), cleaned to
    cents. Empty means nothing (0)."""

    default_error_messages = {
        "invalid": _("Enter an amount in euros, for example 1.250,50."),
        "negative": _("An amount cannot be negative."),
        "too_large": _("Enter an amount of at most %(max)s euros."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 12}),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        value = str(value).strip() if value is not None else ""
        if not value:
            return 0
        if len(value) > 30:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if value.lstrip().startswith("-"):
            raise ValidationError(self.error_messages["negative"], code="negative")
        try:
            cents = parse_euros(value)
        except ValueError as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error
        if cents > MAX_EUROS * 100:
            raise ValidationError(
                self.error_messages["too_large"], code="too_large", params={"max": "1.000.000"}
            )
        return cents

    def prepare_value(self, value):
        # Stored cents are shown in euros; what the user typed is shown as typed.
        if isinstance(value, int):
            return format_euros_for_input(value)
        return value


class OfferingFilterForm(forms.Form):
    """Search and filters of the catalogue. Without a status the list shows active offerings."""

    ALL = "all"

    q = forms.CharField(label=_("Search title or organisation"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *OfferingKind.choices]
    )
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    scope = forms.ChoiceField(
        label=_("Scope"), required=False, choices=[("", _("All scopes")), *OfferingScope.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        initial=OfferingStatus.ACTIVE,
        choices=[*OfferingStatus.choices, (ALL, _("All statuses"))],
    )

    def __init__(self, *args, themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("All themes")), *themes]

    def filters(self) -> dict:
        """The selector's arguments; what is not valid is left out."""
        data = self.cleaned_data if self.is_valid() else {}
        status = data.get("status") or OfferingStatus.ACTIVE
        return {
            "search": data.get("q", ""),
            "kind": data.get("kind", ""),
            "theme_key": data.get("theme", ""),
            "scope": data.get("scope", ""),
            "status": "" if status == self.ALL else status,
        }


class DeliveringOrganisationField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.get_kind_display()})"


class OfferingForm(forms.ModelForm):
    """An offering of the desk. The service checks again what the choices here already limit:
    the delivering organisation comes from the desk's register, national is not for a desk."""

    delivered_by = DeliveringOrganisationField(
        label=_("Delivered by"),
        queryset=None,
        help_text=_(
            "Supporting organisations in the register of this desk. Add a missing one to the "
            "register first."
        ),
    )
    theme_keys = forms.MultipleChoiceField(
        label=_("Themes"),
        widget=ColumnsCheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one theme.")},
    )
    sports = forms.ModelMultipleChoiceField(
        label=_("Sports"),
        queryset=sports_all(),
        required=False,
        widget=ColumnsCheckboxSelectMultiple,
        help_text=_("Leave empty when it is for every sport."),
    )
    scope = forms.ChoiceField(
        label=_("Scope"),
        widget=forms.RadioSelect,
        choices=[
            (OfferingScope.DESK, OfferingScope.DESK.label),
            (OfferingScope.REGION, OfferingScope.REGION.label),
        ],
        initial=OfferingScope.DESK,
    )
    shared_with = forms.ModelMultipleChoiceField(
        label=_("Shared with the desks"),
        queryset=None,
        required=False,
        widget=ColumnsCheckboxSelectMultiple,
        help_text=_("Only for a region: the other desks that offer it too."),
    )
    cost_cents = EuroField(
        label=_("Cost to the desk (euros)"),
        required=False,
        help_text=_("Per provider helped, for example 1.250,50. Leave empty when it is free."),
    )

    class Meta:
        model = Offering
        fields = [
            "title",
            "description",
            "delivered_by",
            "kind",
            "format",
            "theme_keys",  # declared on the form: the keys of the desk's themes
            "provider_kinds",
            "sports",
            "scope",
            "shared_with",
            "cost_cents",
            "duration",
            "capacity",
            "capacity_period",
            "required_registration",
            "active_from",
            "active_until",
            "status",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "active_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "active_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, organisations, desks, themes, **kwargs):
        """``organisations``: who may deliver it; ``desks``: the desks it may be shared with;
        ``themes``: (key, name) pairs to choose from."""
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk and instance.delivered_by_id:
            # The current organisation stays choosable, also when it would not be offered now.
            organisations = organisations.model.objects.filter(
                Q(pk__in=organisations.values("pk")) | Q(pk=instance.delivered_by_id)
            )
        self.fields["delivered_by"].queryset = organisations.order_by("name", "pk")
        self.fields["shared_with"].queryset = desks
        choices = list(themes)
        if instance.pk:
            current = [theme.key for theme in instance.themes.all()]
            known = {key for key, _name in choices}
            # A theme the desk no longer uses stays on the offering until it is unticked.
            choices += [(key, key) for key in current if key not in known]
            if not self.is_bound:
                self.initial["theme_keys"] = current
        self.fields["theme_keys"].choices = choices

    def clean(self):
        data = super().clean()
        start, end = data.get("active_from"), data.get("active_until")
        if start and end and end < start:
            self.add_error("active_until", _("The end of the active period lies before its start."))
        return data

    def validate_unique(self):
        # The service saves the offering and checks what it needs; there is nothing unique.
        pass

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            **{name: data[name] for name in OFFERING_FIELDS},
            "theme_keys": data["theme_keys"],
            "sports": data["sports"],
            "shared_with": data["shared_with"],
        }


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


class NationalOfferingFilterForm(OfferingFilterForm):
    """The national catalogue's filters: every national offering has the same scope."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["scope"]


class NationalOfferingForm(OfferingForm):
    """A national offering: shared with every desk, so no scope or desks to choose; delivered by
    a supporting organisation from the national register."""

    def __init__(self, *args, organisations, themes, **kwargs):
        super().__init__(
            *args,
            organisations=organisations,
            desks=Loket.objects.none(),
            themes=themes,
            **kwargs,
        )
        del self.fields["scope"]
        del self.fields["shared_with"]
        self.fields["delivered_by"].help_text = _(
            "Supporting organisations in the national register."
        )

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            **{name: data[name] for name in OFFERING_FIELDS if name != "scope"},
            "theme_keys": data["theme_keys"],
            "sports": data["sports"],
        }


# --- the decision lists' filters ---------------------------------------------------------------


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
