"""The inbox's forms: its filters (their names are the inbox's query parameters, which the
dashboard and the e-mails link to), saving them as a personal view, and the actions on the
questions selected in the list."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sportloket.core.models import Theme
from sportloket.helprequests.constants import RequestState
from sportloket.helprequests.inbox_selectors import INBOX_SORTS
from sportloket.helprequests.selectors import assignable_members, inbox_filter_choices
from sportloket.helprequests.services.bulk import BULK_LIMIT
from sportloket.helprequests.workflow import NOTE_REQUIRED, PROVIDER_MOVES
from sportloket.registry.constants import OrganisationKind


class Select(forms.Select):
    """A select of a few plain options, written in one template: the inbox shows a dozen of
    them on every page, and Django's own renders a template per option."""

    template_name = "helprequests/widgets/select.html"


SORT_LABELS = {
    "waiting": _("Waiting longest"),
    "newest": _("Newest"),
    "deadline": _("Deadline"),
    "organisation": _("Organisation"),
}


class InboxFilterForm(forms.Form):
    # The inbox's query parameters, in the order a saved view keeps them.
    PARAMETERS = (
        "q",
        "state",
        "assignee",
        "theme",
        "municipality",
        "kind",
        "overdue",
        "waiting",
        "sort",
    )

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Question, organisation, contact, number or tracking link."),
    )
    state = forms.ChoiceField(label=_("Status"), required=False, widget=Select)
    assignee = forms.ChoiceField(label=_("Assigned to"), required=False, widget=Select)
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.none(),
        required=False,
        empty_label=_("All themes"),
        widget=Select,
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=None,
        required=False,
        empty_label=_("All municipalities"),
        widget=Select,
    )
    kind = forms.ChoiceField(label=_("Kind of provider"), required=False, widget=Select)
    overdue = forms.BooleanField(label=_("Only overdue"), required=False)
    waiting = forms.ChoiceField(
        label=_("Waiting for"),
        required=False,
        choices=[("", _("Anything")), ("decision", _("A decision"))],
        widget=Select,
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[(s, SORT_LABELS[s]) for s in INBOX_SORTS],
        widget=Select,
    )

    def __init__(self, *args, loket, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [
            ("open", _("Open")),
            ("all", _("All")),
            *RequestState.choices,
        ]
        # Read once, also for the bulk form's choices (``InboxBulkForm(choices_from=...)``);
        # a theme or municipality chosen is looked up in its queryset.
        self.themes, municipalities, members = inbox_filter_choices(loket=loket)
        self.fields["theme"].queryset = Theme.objects.filter(loket=loket)
        self.fields["theme"].choices = [
            ("", self.fields["theme"].empty_label),
            *((t.pk, t.name) for t in self.themes),
        ]
        self.fields["municipality"].queryset = loket.work_area.order_by("name")
        self.fields["municipality"].choices = [
            ("", self.fields["municipality"].empty_label),
            *municipalities,
        ]
        self.fields["kind"].choices = [("", _("All kinds")), *OrganisationKind.choices]
        self.members = {str(m.pk): m for m in members}
        self.fields["assignee"].choices = [
            ("", _("Anyone")),
            ("me", _("Me")),
            ("none", _("Nobody (not assigned)")),
            *((m.pk, m.name) for m in members),
        ]

    def clean_assignee(self):
        """ "me", "none", a member of the desk (a ``selectors.Member``), or "" (anyone)."""
        value = self.cleaned_data["assignee"]
        return self.members.get(value, value)


class SavedViewForm(forms.Form):
    prefix = "view"
    name = forms.CharField(
        label=_("Save this view as"),
        max_length=60,
        error_messages={"required": _("Give the view a name.")},
        help_text=_("For example “My overdue ones”. Only you see your views."),
    )


class InboxBulkForm(forms.Form):
    """One form for the questions ticked in the list: the button pressed says what to do
    (``action``), and only that action's fields must be filled in."""

    prefix = "bulk"
    ACTIONS = ("assign", "move", "theme")
    # The fields the inbox shows (the ticked questions and the action are its checkboxes and
    # buttons).
    SHOWN = ("member", "to_state", "note", "referred_to", "theme")

    requests = forms.ModelMultipleChoiceField(
        queryset=None,
        error_messages={"required": _("Tick the questions to change first.")},
    )
    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS])
    member = forms.ModelChoiceField(
        label=_("Assign to"),
        queryset=None,
        required=False,
        empty_label=_("— choose —"),
        widget=Select,
    )
    to_state = forms.ChoiceField(label=_("New status"), required=False, widget=Select)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        help_text=_(
            "Required when rejecting, referring or putting on hold. Each provider gets an "
            "e-mail about the new status, with this note."
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    referred_to = forms.CharField(label=_("Referred to"), required=False, max_length=200)
    theme = forms.ModelChoiceField(
        label=_("Add a theme"),
        queryset=None,
        required=False,
        empty_label=_("— choose —"),
        widget=Select,
    )

    def __init__(self, *args, loket, requests, choices_from=None, **kwargs):
        """``choices_from``: the page's filter form, whose members and themes were read
        already (the choices are then shown without another query)."""
        super().__init__(*args, **kwargs)
        self.fields["requests"].queryset = requests
        self.fields["member"].queryset = assignable_members(loket=loket)
        self.fields["member"].label_from_instance = lambda m: str(m.user)
        desk_moves = [
            (value, label)
            for value, label in RequestState.choices
            if value not in (PROVIDER_MOVES - {RequestState.WITHDRAWN}) | {RequestState.SUBMITTED}
        ]
        self.fields["to_state"].choices = [("", _("— choose —")), *desk_moves]
        self.fields["theme"].queryset = Theme.objects.filter(loket=loket, is_active=True)
        if choices_from is not None:
            members = choices_from.members.values()
            self.fields["member"].choices = [
                ("", _("— choose —")),
                *((m.pk, m.name) for m in members),
            ]
            themes = [t for t in choices_from.themes if t.is_active]
            self.fields["theme"].choices = [
                ("", _("— choose —")),
                *((t.pk, t.name) for t in themes),
            ]

    def clean_requests(self):
        chosen = self.cleaned_data["requests"]
        if len(chosen) > BULK_LIMIT:
            raise forms.ValidationError(
                _("Choose at most %(limit)s questions at once.") % {"limit": BULK_LIMIT}
            )
        return chosen

    def clean(self):
        data = super().clean()
        action = data.get("action")
        if action == "assign" and not data.get("member"):
            self.add_error("member", _("Choose whom to assign the questions to."))
        if action == "theme" and not data.get("theme"):
            self.add_error("theme", _("Choose the theme to add."))
        if action == "move":
            to_state = data.get("to_state")
            if not to_state:
                self.add_error("to_state", _("Choose the new status."))
            elif to_state in NOTE_REQUIRED and not data.get("note", "").strip():
                self.add_error("note", _("Give a reason; the provider will read it."))
            if to_state == RequestState.REFERRED and not data.get("referred_to", "").strip():
                self.add_error("referred_to", _("Say to whom the question is referred."))
        return data
