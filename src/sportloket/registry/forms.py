from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sportloket.core.selectors import municipalities_all
from sportloket.core.widgets import ColumnsCheckboxSelectMultiple, MunicipalityField
from sportloket.registry.constants import (
    ORGANISATION_FIELDS,
    LegalBasis,
    OrganisationKind,
    ParticipationKind,
    PersonFunction,
)
from sportloket.registry.models import Federation, Organisation, Person
from sportloket.registry.relation_models import AdviserKind
from sportloket.registry.selectors import federations_all, representative_choices, sports_all
from sportloket.registry.validation import clean_kvk_number, clean_phone, clean_postcode


class OrganisationForm(forms.ModelForm):
    municipality = MunicipalityField(
        label=_("Municipality"),
        queryset=municipalities_all(),
        required=False,
        empty_label=_("— unknown —"),
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    sports = forms.ModelMultipleChoiceField(
        label=_("Sports offered"),
        queryset=sports_all(),
        required=False,
        widget=ColumnsCheckboxSelectMultiple,
    )
    federations = forms.ModelMultipleChoiceField(
        label=_("Member of federations"),
        queryset=federations_all(),
        required=False,
        widget=ColumnsCheckboxSelectMultiple,
    )
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=500,
        help_text=_("Separate tags with commas, for example: youth, accessible, new board."),
    )

    class Meta:
        model = Organisation
        fields = [*ORGANISATION_FIELDS, "sports", "federations"]
        widgets = {
            "founded_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "kvk_number": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "postcode": forms.TextInput(attrs={"autocomplete": "postal-code", "size": 8}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["tags"] = ", ".join(t.name for t in self.instance.tags.all())

    # The same checks the service makes, so that errors appear next to their fields.
    def _clean_with(self, field, clean):
        try:
            return clean(self.cleaned_data.get(field, ""))
        except ValidationError as error:
            raise ValidationError(error.messages) from error

    def clean_kvk_number(self):
        return self._clean_with("kvk_number", clean_kvk_number) or None

    def clean_postcode(self):
        return self._clean_with("postcode", clean_postcode)

    def clean_phone(self):
        return self._clean_with("phone", clean_phone)

    def clean_tags(self):
        return [t.strip() for t in self.cleaned_data["tags"].split(",") if t.strip()]

    def validate_unique(self):
        # KvK uniqueness is the service's to check, with a message that names the other record.
        pass


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search name, KvK number or place"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *OrganisationKind.choices],
    )
    sport = forms.ModelChoiceField(
        label=_("Sport"), queryset=sports_all(), required=False, empty_label=_("All sports")
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=municipalities_all(),
        required=False,
        empty_label=_("All municipalities"),
    )
    federation = forms.ModelChoiceField(
        label=_("Federation"),
        queryset=federations_all(),
        required=False,
        empty_label=_("All federations"),
    )

    participation = forms.ChoiceField(
        label=_("Takes part in the desk"),
        required=False,
        choices=[
            ("", _("All")),
            ("yes", _("Takes part")),
            ("no", _("Does not take part")),
            *ParticipationKind.choices,
        ],
    )
    declaration = forms.ChoiceField(
        label=_("Intent declaration"),
        required=False,
        choices=[
            ("", _("All")),
            ("yes", _("Valid declaration")),
            ("no", _("No valid declaration")),
        ],
    )

    def __init__(self, *args, loket=None, **kwargs):
        super().__init__(*args, **kwargs)
        if loket is not None:
            # Only the municipalities of the desk's work area are offered as a filter.
            self.fields["municipality"].queryset = loket.work_area.order_by("name")


class ParticipationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Takes part as"), choices=ParticipationKind.choices)
    representative = forms.ModelChoiceField(
        label=_("Represented by"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("— nobody yet —"),
        help_text=_("People with a role at this organisation."),
    )
    since = forms.DateField(
        label=_("Takes part since"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, organisation, loket, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["representative"].queryset = representative_choices(
            loket=loket, organisation=organisation
        )


class DeclarationForm(forms.Form):
    signed_on = forms.DateField(
        label=_("Signed on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    signatory = forms.CharField(label=_("Signed by"), max_length=200)
    document = forms.FileField(
        label=_("Document (PDF, at most 10 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    valid_until = forms.DateField(
        label=_("Valid until"),
        required=False,
        help_text=_("Leave empty if the declaration does not expire."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class AlignmentForm(forms.Form):
    federation = forms.ModelChoiceField(
        label=_("Sport federation"),
        queryset=federations_all(),
        required=False,
        empty_label=_("— none —"),
    )
    municipality = MunicipalityField(
        label=_("or neighbouring municipality"),
        queryset=municipalities_all(),
        required=False,
        empty_label=_("— none —"),
    )
    agreed = forms.BooleanField(label=_("The work area was agreed"), required=False)
    agreed_on = forms.DateField(
        label=_("Agreed on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    agreed_with = forms.CharField(
        label=_("Agreed with"),
        max_length=200,
        required=False,
        help_text=_("Name and function of the person at the federation or municipality."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, locked=False, **kwargs):
        super().__init__(*args, **kwargs)
        if locked:
            # An existing alignment keeps its federation or municipality.
            self.fields["federation"].disabled = True
            self.fields["municipality"].disabled = True

    def clean(self):
        data = super().clean()
        if bool(data.get("federation")) == bool(data.get("municipality")):
            self.add_error("federation", _("Choose a federation or a municipality, not both."))
        return data


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or Excel, at most 20 MB)"),
        help_text=_(
            "One organisation per row, with a header row. Columns such as Naam, KvK-nummer, "
            "Postcode, Plaats, Gemeente, Sporten, E-mail, Telefoon, Aantal leden, Opgericht."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


class ImportConfirmForm(forms.Form):
    skip_invalid = forms.BooleanField(
        label=_("Import the valid rows and leave the refused rows out"), required=False
    )


class MergeForm(forms.Form):
    duplicate = forms.ModelChoiceField(
        label=_("The duplicate"),
        queryset=Organisation.objects.none(),
        widget=forms.RadioSelect,
        help_text=_("Its details, sports, people and participations move to this organisation."),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duplicate"].queryset = candidates
        self.fields["duplicate"].label_from_instance = lambda o: (
            f"{o.name} – {o.postcode or '?'} {o.city} – KvK {o.kvk_number or '–'}"
        )


class PersonRoleForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    function = forms.ChoiceField(label=_("Function"), choices=PersonFunction.choices)
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        help_text=_("Someone already known by this address is linked, not added twice."),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    start_on = forms.DateField(
        label=_("In this role since"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    legal_basis = forms.ChoiceField(
        label=_("Legal basis for processing (AVG)"),
        choices=LegalBasis.choices,
        initial=LegalBasis.LEGITIMATE_INTEREST,
    )
    consents_to_contact = forms.BooleanField(
        label=_("Agrees to be contacted by the desk"), required=False
    )
    consents_to_sharing = forms.BooleanField(
        label=_("Agrees that partners of the desk see these details"), required=False
    )

    def clean_phone(self):
        try:
            return clean_phone(self.cleaned_data["phone"])
        except ValidationError as error:
            raise ValidationError(error.messages) from error


class AdviserRelationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of adviser"), choices=AdviserKind.choices)
    adviser_name = forms.CharField(label=_("Adviser"), max_length=200)
    federation = forms.ModelChoiceField(
        label=_("Sport federation"),
        queryset=Federation.objects.order_by("abbreviation"),
        required=False,
        empty_label=_("None"),
    )
    since = forms.DateField(
        label=_("Since"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    about = forms.CharField(
        label=_("About"),
        max_length=300,
        required=False,
        help_text=_("For example: membership growth, referees, the new pitch."),
    )
