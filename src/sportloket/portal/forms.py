from django import forms
from django.utils.translation import gettext_lazy as _

from sportloket.core.widgets import ColumnsCheckboxSelectMultiple
from sportloket.helprequests.forms import IntakeForm
from sportloket.registry.constants import PersonFunction
from sportloket.registry.selectors import sports_all


class EmailForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("The address your organisation's desk knows you by."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the e-mail"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "size": 8}
        ),
    )


class ProviderDataForm(forms.Form):
    """The register data an organisation's own people keep up to date."""

    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("A new name is applied once the desk has approved it."),
    )
    kvk_number = forms.CharField(
        label=_("KvK number"),
        required=False,
        max_length=12,
        help_text=_("A new KvK number is applied once the desk has approved it."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    address = forms.CharField(
        label=_("Street and number"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        required=False,
        max_length=7,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "size": 8}),
    )
    city = forms.CharField(
        label=_("Place"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    email = forms.EmailField(
        label=_("E-mail address of the organisation"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    member_count = forms.IntegerField(
        label=_("Number of members"), required=False, min_value=0, max_value=1_000_000
    )
    sports = forms.ModelMultipleChoiceField(
        label=_("Sports offered"),
        queryset=sports_all(),
        required=False,
        widget=ColumnsCheckboxSelectMultiple,
    )

    FIELDS = ("name", "kvk_number", "address", "postcode", "city", "email", "phone", "website")

    @classmethod
    def initial_for(cls, organisation, sports) -> dict:
        initial = {name: getattr(organisation, name) or "" for name in cls.FIELDS}
        initial["member_count"] = organisation.member_count
        initial["sports"] = [sport.pk for sport in sports]
        return initial


class AskForm(forms.Form):
    """A new question from the provider's page: the organisation and the person are known."""

    desk = forms.ModelChoiceField(
        label=_("Desk"),
        queryset=None,
        empty_label=None,
        help_text=_("The desks with your organisation in their register."),
    )
    # The question and the agreements as the public question form asks them.
    question = IntakeForm.base_fields["question"]
    urgency = IntakeForm.base_fields["urgency"]
    consents_to_processing = IntakeForm.base_fields["consents_to_processing"]
    consents_to_sharing = IntakeForm.base_fields["consents_to_sharing"]

    def __init__(self, *args, desks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["desk"].queryset = desks


class RoleForm(forms.Form):
    """Someone new in a role at the organisation (a board member), from today. Its fields are
    prefixed: the details form on the same page has an e-mail address and phone number too."""

    prefix = "role"
    full_name = forms.CharField(label=_("Name"), max_length=200)
    function = forms.ChoiceField(label=_("Function"), choices=PersonFunction.choices)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
