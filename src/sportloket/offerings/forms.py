from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sportloket.core.fields import EuroField, ThemeKeysField
from sportloket.core.models import Loket
from sportloket.core.widgets import ColumnsCheckboxSelectMultiple
from sportloket.offerings.constants import OfferingKind, OfferingScope, OfferingStatus
from sportloket.offerings.models import Offering
from sportloket.offerings.services import OFFERING_FIELDS
from sportloket.registry.selectors import sports_all


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
    theme_keys = ThemeKeysField(error_messages={"required": _("Choose at least one theme.")})
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
        current = [theme.key for theme in instance.themes.all()] if instance.pk else []
        self.fields["theme_keys"].offer(themes, current)
        if current and not self.is_bound:
            self.initial["theme_keys"] = current

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
