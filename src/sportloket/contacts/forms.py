from django import forms
from django.utils.translation import gettext_lazy as _

from sportloket.contacts.constants import MAX_POLICY_MONTHS, Channel, Visibility
from sportloket.core.widgets import ColumnsCheckboxSelectMultiple
from sportloket.registry.constants import PROVIDER_KINDS, OrganisationKind

DATE_WIDGET = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name or obj.email


class ContactMomentForm(forms.Form):
    """A contact moment as a person logs or changes it. The choices are the desk's: its
    register, its coordinators and supporters, its themes, the organisation's people."""

    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    date = forms.DateField(label=_("Date"), **DATE_WIDGET)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    supporter = UserChoiceField(label=_("Supporter"), queryset=None, required=False)
    people = forms.ModelMultipleChoiceField(
        label=_("People involved"),
        queryset=None,
        required=False,
        widget=ColumnsCheckboxSelectMultiple,
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"), queryset=None, required=False, widget=ColumnsCheckboxSelectMultiple
    )
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 5}))
    proactive = forms.BooleanField(
        label=_("The desk took the initiative"),
        required=False,
        help_text=_("Untick when the organisation contacted the desk."),
    )
    follow_up_on = forms.DateField(
        label=_("Follow up on"),
        required=False,
        help_text=_("When the desk contacts the organisation again; empty: no follow-up."),
        **DATE_WIDGET,
    )
    visibility = forms.ChoiceField(
        label=_("Visible to"),
        choices=Visibility.choices,
        widget=forms.RadioSelect,
        initial=Visibility.DESK,
    )
    help_request = forms.ModelChoiceField(
        label=_("About question"), queryset=None, required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, organisations, staff, people, topics, requests, fixed=False, **kw):
        super().__init__(*args, **kw)
        self.fields["organisation"].queryset = organisations
        self.fields["supporter"].queryset = staff
        self.fields["people"].queryset = people
        self.fields["topics"].queryset = topics
        self.fields["help_request"].queryset = requests
        if fixed:  # the organisation of a contact moment does not change
            self.fields["organisation"].disabled = True
        if not people.exists():
            del self.fields["people"]

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("organisation", None)
        data.setdefault("people", [])
        return data


class ContactFilterForm(forms.Form):
    q = forms.CharField(label=_("Search organisation or summary"), required=False, max_length=100)
    supporter = UserChoiceField(
        label=_("Supporter"), queryset=None, required=False, empty_label=_("Everyone")
    )
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", _("All channels")), *Channel.choices]
    )
    proactive = forms.ChoiceField(
        label=_("Initiative"),
        required=False,
        choices=[("", _("Either")), ("yes", _("The desk")), ("no", _("The organisation"))],
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"), queryset=None, required=False, empty_label=_("All topics")
    )
    date_from = forms.DateField(label=_("From"), required=False, **DATE_WIDGET)
    date_to = forms.DateField(label=_("Until"), required=False, **DATE_WIDGET)

    def __init__(self, *args, staff, topics, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supporter"].queryset = staff
        self.fields["topic"].queryset = topics

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "search": data.get("q", ""),
            "supporter": data.get("supporter"),
            "channel": data.get("channel", ""),
            "proactive": data.get("proactive", ""),
            "topic": data.get("topic"),
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
        }


class WorkListFilterForm(forms.Form):
    MINE, ALL = "mine", "all"

    holder = forms.ChoiceField(label=_("Account holder"), required=False)
    show = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("", _("Needing contact")), ("all", _("All providers"))],
    )
    q = forms.CharField(label=_("Search by name"), required=False, max_length=100)

    def __init__(self, *args, staff, default_holder=MINE, **kwargs):
        super().__init__(*args, **kwargs)
        self.default_holder = default_holder
        self.fields["holder"].initial = default_holder
        self.staff = {str(m.user_id): m.user for m in staff}
        self.fields["holder"].choices = [
            (self.MINE, _("My providers")),
            (self.ALL, _("All providers of the desk")),
            *[(pk, user.full_name or user.email) for pk, user in self.staff.items()],
        ]

    def filters(self, user) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        holder = data.get("holder") or self.default_holder
        supporter = user if holder == self.MINE else self.staff.get(holder)
        return {
            "supporter": supporter,
            "everyone": data.get("show") == "all",
            "search": data.get("q", ""),
        }


class PlanForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=None, widget=forms.HiddenInput
    )
    due_on = forms.DateField(label=_("Plan a contact on"), **DATE_WIDGET)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class PolicyForm(forms.Form):
    default_months = forms.IntegerField(
        label=_("Contact every provider at least every (months)"),
        min_value=1,
        max_value=MAX_POLICY_MONTHS,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in PROVIDER_KINDS:
            self.fields[f"kind_{kind}"] = forms.IntegerField(
                label=_("%(kind)s: every (months)") % {"kind": OrganisationKind(kind).label},
                required=False,
                min_value=1,
                max_value=MAX_POLICY_MONTHS,
                help_text=_("Empty: the interval above."),
            )

    def kind_months(self) -> dict:
        return {kind: self.cleaned_data.get(f"kind_{kind}") for kind in PROVIDER_KINDS}


class TagRuleForm(forms.Form):
    tag = forms.ModelChoiceField(label=_("Tag"), queryset=None)
    months = forms.IntegerField(label=_("Every (months)"), min_value=1, max_value=MAX_POLICY_MONTHS)

    def __init__(self, *args, tags, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tag"].queryset = tags


class AccountHolderForm(forms.Form):
    supporter = UserChoiceField(label=_("Supporter"), queryset=None)
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=None, required=False)
    sport = forms.ModelChoiceField(label=_("Sport"), queryset=None, required=False)
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None, required=False)

    def __init__(self, *args, staff, municipalities, sports, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supporter"].queryset = staff
        self.fields["municipality"].queryset = municipalities
        self.fields["sport"].queryset = sports
        self.fields["organisation"].queryset = organisations

    def clean(self):
        data = super().clean()
        chosen = [n for n in ("municipality", "sport", "organisation") if data.get(n)]
        if len(chosen) != 1:
            raise forms.ValidationError(
                _("Choose one of a municipality, a sport or an organisation.")
            )
        return data
