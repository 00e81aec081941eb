"""The form a coordinator fills in for a question that came in by phone, e-mail, in person or
at a meeting: how it came, the organisation (from the register, or as a new one), the contact,
the question, its themes and urgency, and the provider's consent. It parses; the intake
service decides."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sportloket.core.fields import DeskThemesField
from sportloket.helprequests.constants import Channel, Urgency
from sportloket.registry.validation import clean_kvk_number, clean_phone


class StaffIntakeForm(forms.Form):
    NEW = "new"  # the organisation is not in the register (yet): as typed below

    channel = forms.ChoiceField(
        label=_("How did the question come in?"),
        choices=[
            (value, label)
            for value, label in Channel.choices
            if value not in (Channel.WEB_FORM, Channel.REFERRAL, Channel.CLUB_CHECK)
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the question came in.")},
    )
    find = forms.CharField(
        label=_("Find the organisation in the register"),
        required=False,
        max_length=100,
        help_text=_("Name, place or KvK number; then choose it, or fill in a new organisation."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    # Offered once a search found organisations of the desk's register.
    organisation = forms.CharField(
        label=_("Organisation in the register"), required=False, widget=forms.RadioSelect
    )
    organisation_name = forms.CharField(
        label=_("Name of a new organisation"),
        required=False,
        max_length=200,
        help_text=_("Only when it is not in the register."),
    )
    organisation_place = forms.CharField(label=_("Place"), required=False, max_length=100)
    kvk_number = forms.CharField(
        label=_("KvK number"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=200)
    contact_role = forms.CharField(
        label=_("Role at the organisation"),
        required=False,
        max_length=100,
        help_text=_("For example secretary, chair or owner."),
    )
    contact_email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        help_text=_(
            "The provider gets the link to follow the question at this address. Without one, "
            "nothing is sent."
        ),
    )
    contact_phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel"}),
    )
    question = forms.CharField(
        label=_("Question"),
        max_length=5000,
        help_text=_("In the provider's words: what is going on, and what would help?"),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    themes = DeskThemesField(label=_("What is it about?"))
    urgency = forms.ChoiceField(
        label=_("Urgency"),
        choices=Urgency.choices,
        initial=Urgency.NORMAL,
        widget=forms.RadioSelect,
    )
    consents_to_processing = forms.BooleanField(
        label=_("The provider agrees that the desk processes the question and their details."),
        error_messages={
            "required": _("Without the provider's agreement the desk cannot record the question.")
        },
    )
    consents_to_sharing = forms.BooleanField(
        label=_(
            "The provider agrees that the desk shares the question with the supporting parties "
            "that can help (municipality, federation, sport company, funds)."
        ),
        required=False,
    )

    def __init__(self, *args, loket, matches=(), **kwargs):
        """``matches``: the organisations of the desk's register the search found, offered to
        choose from (with "a new organisation")."""
        super().__init__(*args, **kwargs)
        self.fields["themes"].for_desk(loket)
        self.matches = {str(o.pk): o for o in matches}
        self.fields["organisation"].widget.choices = [
            (pk, _describe(o)) for pk, o in self.matches.items()
        ] + [(self.NEW, _("Not in the register: a new organisation, as filled in below"))]

    @property
    def offers_organisations(self) -> bool:
        return bool(self.matches)

    def clean_organisation(self):
        """The organisation chosen from those found, or None (a new one)."""
        choice = self.cleaned_data.get("organisation", "")
        if choice in ("", self.NEW):
            return None
        if choice not in self.matches:
            raise ValidationError(_("Choose an organisation from the register of this desk."))
        return self.matches[choice]

    def clean_kvk_number(self):
        try:
            return clean_kvk_number(self.cleaned_data["kvk_number"])
        except ValidationError as error:
            raise ValidationError(error.messages) from error

    def clean_contact_phone(self):
        try:
            return clean_phone(self.cleaned_data["contact_phone"])
        except ValidationError as error:
            raise ValidationError(error.messages) from error

    def clean(self):
        data = super().clean()
        if (
            "organisation" not in self.errors
            and data.get("organisation") is None
            and not data.get("organisation_name", "").strip()
            and "organisation_name" not in self.errors
        ):
            self.add_error(
                "organisation_name",
                _("Give the name of the organisation, or find it in the register."),
            )
        return data

    def question_data(self) -> dict:
        """The intake service's arguments: the organisation chosen from the register stands
        for itself (its name, place and KvK number as the register holds them)."""
        data = {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in ("find", "kvk_number")
        }
        data["organisation_kvk"] = self.cleaned_data["kvk_number"]
        organisation = data["organisation"]
        if organisation is not None:
            data["organisation_name"] = organisation.name
            data["organisation_place"] = organisation.city or ""
            data["organisation_kvk"] = organisation.kvk_number or ""
        return data


def _describe(organisation) -> str:
    parts = [organisation.name]
    if organisation.city:
        parts.append(organisation.city)
    text = ", ".join(parts)
    if organisation.kvk_number:
        text += " · " + str(_("KvK")) + " " + organisation.kvk_number
    return text
