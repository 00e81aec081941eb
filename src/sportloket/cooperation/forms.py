from django import forms
from django.utils.translation import gettext_lazy as _

from sportloket.cooperation.constants import CooperationKind, CooperationStatus, SuggestionReason
from sportloket.cooperation.workflow import TRANSITIONS
from sportloket.core.widgets import ColumnsCheckboxSelectMultiple

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.user.full_name or obj.user.email


class OrganisationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}, {obj.city}" if obj.city else obj.name


class CooperationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *CooperationStatus.choices]
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *CooperationKind.choices]
    )


class CooperationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=CooperationKind.choices)
    goal = forms.CharField(
        label=_("Goal"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the parties want to achieve together."),
    )
    start_on = forms.DateField(label=_("Started on"), required=False, widget=DATE_WIDGET)
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=None, required=False, widget=ColumnsCheckboxSelectMultiple
    )
    supporters = MemberChoiceField(
        label=_("Supporters involved"),
        queryset=None,
        required=False,
        widget=ColumnsCheckboxSelectMultiple,
    )

    def __init__(self, *args, themes, supporters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = themes
        self.fields["supporters"].queryset = supporters


class CooperationCreateForm(CooperationForm):
    """A new cooperation with its parties, chosen from the organisations found."""

    parties = OrganisationChoiceField(
        label=_("Parties"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least two parties.")},
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (value, label)
            for value, label in CooperationStatus.choices
            if value != CooperationStatus.ENDED
        ],
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parties"].queryset = candidates
        self.order_fields(["parties", "title", "kind", "status", "goal"])


class PartyForm(forms.Form):
    organisation = forms.IntegerField(widget=forms.HiddenInput)
    role = forms.CharField(label=_("Role"), max_length=200, required=False)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=CooperationStatus.choices)

    def __init__(self, *args, current: str, **kwargs):
        """Only the moves the workflow allows from ``current``."""
        super().__init__(*args, **kwargs)
        allowed = TRANSITIONS.get(current, frozenset())
        self.fields["status"].choices = [
            (value, label) for value, label in CooperationStatus.choices if value in allowed
        ]

    outcome = forms.CharField(
        label=_("Outcome"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when the cooperation ends: what came of it."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed to take up an ended cooperation again."),
    )


class LinksForm(forms.Form):
    help_requests = forms.ModelMultipleChoiceField(
        label=_("Questions"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    meetings = forms.ModelMultipleChoiceField(
        label=_("Meetings"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    decisions = forms.ModelMultipleChoiceField(
        label=_("Decisions"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        for name, queryset in choices.items():
            self.fields[name].queryset = queryset
        self.fields["help_requests"].label_from_instance = lambda r: (
            f"{r.organisation_name}: {r.question[:80]}"
        )
        self.fields["meetings"].label_from_instance = lambda m: f"{m.starts_at:%d-%m-%Y} {m.title}"
        self.fields["decisions"].label_from_instance = lambda d: (
            f"{d.decided_at:%d-%m-%Y} {d.help_request.organisation_name}: "
            f"{(d.public_summary or d.rationale)[:80]}"
        )


class SuggestionFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Reason"), required=False, choices=[("", _("All")), *SuggestionReason.choices]
    )


class IntroductionForm(forms.Form):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Providers"), queryset=None, widget=forms.MultipleHiddenInput
    )
    reason = forms.CharField(label=_("Reason"), max_length=300)
    message = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Each contact person receives it with the names of the other providers."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = organisations


class ConsentForm(forms.Form):
    source = forms.CharField(
        label=_("How the provider agreed"),
        max_length=200,
        help_text=_("For example: by phone with the chair, by e-mail."),
    )
    given_on = forms.DateField(label=_("Agreed on"), required=False, widget=DATE_WIDGET)
