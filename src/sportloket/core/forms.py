from django import forms
from django.utils.translation import gettext_lazy as _

from sportloket.core.constants import PartnerKind, Role
from sportloket.core.models import Loket
from sportloket.core.selectors import municipalities_all
from sportloket.core.services import LOKET_EDITABLE_FIELDS
from sportloket.core.widgets import ColumnsCheckboxSelectMultiple, MunicipalitiesField


class RoleFieldsMixin(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    partner_kind = forms.ChoiceField(
        label=_("Partner kind"),
        choices=[("", _("— not a partner —")), *PartnerKind.choices],
        required=False,
        help_text=_("Only for partners: do they act for a municipality, federation or fund?"),
    )
    acts_for = forms.CharField(
        label=_("Acts for (organisation)"),
        max_length=200,
        required=False,
        help_text=_("For example 'Gemeente Utrecht' or 'KNVB'."),
    )

    def clean(self):
        data = super().clean()
        role, kind = data.get("role"), data.get("partner_kind")
        if role == Role.PARTNER and not kind:
            self.add_error(
                "partner_kind",
                _("Say whether the partner acts for a municipality, federation or fund."),
            )
        if role and role != Role.PARTNER and kind:
            self.add_error("partner_kind", _("Only partners have a partner kind."))
        return data


class MembershipAddForm(RoleFieldsMixin):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("A new person receives an e-mail to choose a password."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        required=False,
        help_text=_("For a new account. An existing account keeps its own name."),
    )

    field_order = ["email", "full_name", "role", "partner_kind", "acts_for"]


class RepresentedOrganisationField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.get_kind_display()})"


class MembershipRoleForm(RoleFieldsMixin):
    organisation = RepresentedOrganisationField(
        label=_("Represents"),
        queryset=None,
        required=False,
        empty_label=_("— no organisation —"),
        help_text=_(
            "Only for partners: the organisation in the register they represent. They approve "
            "spending from its funds."
        ),
    )
    decides_support = forms.BooleanField(
        label=_("Decides on support"),
        required=False,
        help_text=_(
            "Only for supporters: they too rank the offerings for a question and record the "
            "decision. Coordinators always do."
        ),
    )

    def __init__(self, *args, organisations, **kwargs):
        """``organisations``: those a partner of this desk may represent."""
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def clean(self):
        data = super().clean()
        role = data.get("role")
        if role and role != Role.PARTNER and data.get("organisation"):
            self.add_error(
                "organisation", _("Only partners represent an organisation; leave it empty.")
            )
        if role and role != Role.SUPPORTER and data.get("decides_support"):
            self.add_error(
                "decides_support",
                _("Only a supporter is named to decide; coordinators always decide."),
            )
        return data


class TeamFilterForm(forms.Form):
    q = forms.CharField(label=_("Search name or e-mail"), required=False, max_length=100)
    role = forms.ChoiceField(
        label=_("Role"), choices=[("", _("All roles")), *Role.choices], required=False
    )
    ended = forms.BooleanField(label=_("Include ended memberships"), required=False)


class LoketSettingsForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    work_area = MunicipalitiesField(
        label=_("Work area"),
        queryset=municipalities_all(),
        required=False,
        help_text=_("The municipalities this desk serves, by province."),
    )

    neighbours = forms.ModelMultipleChoiceField(
        label=_("Neighbouring desks"),
        queryset=Loket.objects.none(),
        required=False,
        widget=ColumnsCheckboxSelectMultiple,
        help_text=_(
            "The desks this desk works with most: offered first for referrals and shared "
            "regional offerings."
        ),
    )

    class Meta:
        model = Loket
        fields = [*LOKET_EDITABLE_FIELDS, "work_area", "neighbours"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        others = Loket.objects.filter(is_active=True).order_by("name")
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["neighbours"].queryset = others
