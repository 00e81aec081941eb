import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sportloket.core.constants import RequestMail
from sportloket.core.fields import DeskThemesField
from sportloket.helprequests.constants import Urgency
from sportloket.helprequests.workflow import is_reopening
from sportloket.registry.constants import PROVIDER_KINDS, OrganisationKind
from sportloket.registry.models import Organisation
from sportloket.registry.validation import clean_kvk_number, clean_phone

_STARTED_SALT = "sportloket.intake.started"


# How long a form handed out may be sent back (a tab left open over the weekend is not).
STAMP_MAX_AGE = 60 * 60 * 24


def started_stamp(started_at: float | None = None) -> str:
    """The signed moment the form was handed out, with a one-time part: the stamp is good for
    one question (``claim_stamp``), so the minimum fill time is paid for every question."""
    moment = time.time() if started_at is None else started_at
    return signing.dumps({"t": moment, "n": secrets.token_urlsafe(12)}, salt=_STARTED_SALT)


def _read_stamp(stamp: str) -> dict | None:
    try:
        value = signing.loads(stamp, salt=_STARTED_SALT, max_age=STAMP_MAX_AGE)
    except (signing.BadSignature, TypeError):
        return None
    if not isinstance(value, dict) or not isinstance(value.get("t"), (int, float)):
        return None
    return value if isinstance(value.get("n"), str) else None


def seconds_since(stamp: str) -> float | None:
    """How long ago the form was handed out, or None if the stamp is missing, forged or used."""
    value = _read_stamp(stamp)
    if value is None or cache.get(_used_key(value["n"])):
        return None
    return time.time() - value["t"]


def claim_stamp(stamp: str) -> bool:
    """Marks the stamp used, in the cache all app servers share; False when it was already
    used (or cannot be read). Only one of two submissions with the same stamp gets True."""
    value = _read_stamp(stamp)
    return value is not None and cache.add(_used_key(value["n"]), 1, timeout=STAMP_MAX_AGE)


def _used_key(nonce: str) -> str:
    return f"intake-stamp-used:{nonce}"


class IntakeForm(forms.Form):
    organisation_name = forms.CharField(
        label=_("Name of your club or organisation"), max_length=200
    )
    organisation_place = forms.CharField(
        label=_("Place"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    kvk_number = forms.CharField(
        label=_("KvK number"),
        required=False,
        help_text=_("If you know it: it helps us find your organisation."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    # Offered once the desk's register holds organisations like the one typed above.
    organisation = forms.CharField(
        label=_("Is one of these your organisation?"),
        required=False,
        widget=forms.RadioSelect,
    )
    contact_name = forms.CharField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    contact_role = forms.CharField(
        label=_("Your role at the organisation"),
        required=False,
        max_length=100,
        help_text=_("For example secretary, chair or owner."),
    )
    contact_email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We send the link to follow your question to this address."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    contact_phone = forms.CharField(
        label=_("Your phone number"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    question = forms.CharField(
        label=_("Your question"),
        max_length=5000,
        help_text=_("In your own words: what is going on, and what would help you?"),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    themes = DeskThemesField(label=_("What is it about?"))
    urgency = forms.ChoiceField(
        label=_("How urgent is it?"),
        choices=Urgency.choices,
        initial=Urgency.NORMAL,
        widget=forms.RadioSelect,
    )
    consents_to_processing = forms.BooleanField(
        label=_("I agree that the desk processes my question and details to help me."),
        error_messages={"required": _("Without your agreement the desk cannot help you.")},
    )
    consents_to_sharing = forms.BooleanField(
        label=_(
            "The desk may share my question with the supporting parties that can help "
            "(municipality, federation, sport company, funds)."
        ),
        required=False,
    )
    # Spam protection without a captcha: a field people never see, and a signed start time.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    NOT_LISTED = "none"

    def __init__(self, *args, loket, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].for_desk(loket)
        if not self.is_bound:
            self.initial["started"] = started_stamp()
        self.matches = {}

    @property
    def offers_organisations(self) -> bool:
        return bool(self.matches)

    def offer(self, organisations):
        """Shows these organisations of the register to choose from, and returns the one the
        provider chose among them: an organisation, None ("not listed") or "" (no choice yet,
        or a choice that is not among them)."""
        self.matches = {str(o.pk): o for o in organisations}
        if not self.matches:
            return None
        self.fields["organisation"].widget.choices = [
            (pk, f"{o.name}, {o.city}" if o.city else o.name) for pk, o in self.matches.items()
        ] + [(self.NOT_LISTED, _("No, my organisation is not listed"))]
        choice = self.cleaned_data.get("organisation", "")
        if choice == self.NOT_LISTED:
            return None
        return self.matches.get(choice, "")

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

    def is_trap_filled(self) -> bool:
        """The hidden field is filled: a bot, not a person."""
        return bool(self.data.get("website"))

    def needs_another_look(self) -> bool:
        """Sent back within seconds, or with a missing or expired stamp (an old tab): show the
        answers again rather than store them, and never throw them away."""
        elapsed = seconds_since(self.data.get("started", ""))
        return elapsed is None or elapsed < settings.INTAKE_MIN_FILL_SECONDS

    def with_fresh_stamp(self):
        data = self.data.copy()
        data["started"] = started_stamp()
        self.data = data
        return self


class WithdrawForm(forms.Form):
    note = forms.CharField(
        label=_("Why do you withdraw the question? (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How well did the desk help you?"),
        coerce=int,
        choices=[
            (5, _("5 – very well")),
            (4, _("4 – well")),
            (3, _("3 – fair")),
            (2, _("2 – poorly")),
            (1, _("1 – very poorly")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Anything you want to tell us? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MoveForm(forms.Form):
    # Starts empty: no move is made by a click on the button alone.
    to_state = forms.ChoiceField(
        label=_("New status"), error_messages={"required": _("Choose the new status.")}
    )
    referred_to = forms.CharField(
        label=_("Referred to"),
        required=False,
        max_length=200,
        help_text=_("When referring: another desk, or a partner in care, welfare or business."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        help_text=_(
            "Required when rejecting, referring, putting on hold or reopening. The provider "
            "reads it then, and when support is chosen."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, choices, from_state="", **kwargs):
        """``choices``: the moves this member may make from ``from_state``; a move that
        reopens the question says so."""
        super().__init__(*args, **kwargs)
        self.moves = [
            (value, _("%(state)s (reopen)") % {"state": label})
            if is_reopening(from_state, value)
            else (value, label)
            for value, label in choices
        ]
        self.fields["to_state"].choices = [("", _("— choose —")), *self.moves]


class ReferralOutcomeForm(forms.Form):
    prefix = "referral"
    outcome = forms.CharField(
        label=_("Outcome of the referral"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class NoteForm(forms.Form):
    prefix = "note"
    body = forms.CharField(
        label=_("Internal note"),
        help_text=_("Only the desk sees this; the provider never does."),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TriageForm(forms.Form):
    themes = DeskThemesField()
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices)

    def __init__(self, *args, loket, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].for_desk(loket)


class LinkOrganisationForm(forms.Form):
    """Links the request to an organisation of the desk's register (chosen from a search)."""

    organisation = forms.ModelChoiceField(queryset=None)

    def __init__(self, *args, loket, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.for_desk(loket).filter(
            merged_into__isnull=True
        )


class CreateOrganisationForm(forms.Form):
    """Puts the organisation as the provider gave it in the register."""

    prefix = "create"
    kind = forms.ChoiceField(label=_("Kind of provider"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (value, label) for value, label in OrganisationKind.choices if value in PROVIDER_KINDS
        ]


class OptionsDisabledSelect(forms.Select):
    """A select in which the options whose values are in ``disabled_values`` are shown but
    cannot be chosen (the browser skips them; the service still refuses them when posted)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.disabled_values: frozenset[str] = frozenset()

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if str(value) in self.disabled_values:
            option["attrs"]["disabled"] = True
        return option


class AssignForm(forms.Form):
    supporter = forms.ModelChoiceField(
        label=_("Assign to"),
        queryset=None,
        empty_label=_("— choose —"),
        widget=OptionsDisabledSelect,
    )

    def __init__(self, *args, members, refusals=None, **kwargs):
        """``refusals``: why the quality rule refuses a member, by membership pk (see
        ``selectors.assign_refusals``); those are listed disabled, with the reason."""
        super().__init__(*args, **kwargs)
        refusals = refusals or {}
        field = self.fields["supporter"]
        field.queryset = members
        field.widget.disabled_values = frozenset(str(pk) for pk in refusals)

        def label(member):
            text = f"{member.user} ({member.get_role_display()}"
            text += f", {member.acts_for})" if member.acts_for else ")"
            if member.pk in refusals:
                text = _("%(member)s – cannot be assigned: %(reason)s") % {
                    "member": text,
                    "reason": refusals[member.pk],
                }
            return text

        field.label_from_instance = label


class MessageForm(forms.Form):
    prefix = "message"  # the request page has several forms; their field ids must differ
    body = forms.CharField(
        label=_("Message to the provider"),
        help_text=_("The provider reads this on the tracking page and receives it by e-mail."),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ProviderMessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class RequestMailForm(forms.Form):
    request_mail = forms.ChoiceField(
        label=_("E-mail me about new questions"),
        choices=RequestMail.choices,
        widget=forms.RadioSelect,
    )


class ThemeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    position = forms.IntegerField(
        label=_("Position"),
        min_value=0,
        max_value=999,
        initial=0,
        help_text=_("Lower numbers come first on the question form."),
    )
    is_active = forms.BooleanField(
        label=_("In use (shown on the question form)"), required=False, initial=True
    )
    is_sport_specific = forms.BooleanField(
        label=_("Sport-specific"),
        required=False,
        help_text=_(
            "Training, competition, referees: the federation's ground. The question's page "
            "then shows the club's relation with its federation's adviser."
        ),
    )
