import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sportloket.core.widgets import ColumnsCheckboxSelectMultiple
from sportloket.meetings.constants import ANSWERS, MAX_PEOPLE, MeetingKind, Response
from sportloket.registry.forms import OrganisationFilterForm

DATE_WIDGET = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
TIME_WIDGET = {"widget": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name or obj.email


class ArticleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        if obj.loket_id == self.desk_id:
            return obj.title
        return _("%(title)s (from %(desk)s)") % {"title": obj.title, "desk": obj.loket.name}


class MeetingForm(forms.Form):
    """A meeting as a coordinator plans or changes it: day and times in the desk's time zone."""

    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=MeetingKind.choices)
    date = forms.DateField(label=_("Day"), **DATE_WIDGET)
    start_time = forms.TimeField(label=_("Starts at"), **TIME_WIDGET)
    end_time = forms.TimeField(label=_("Ends at"), **TIME_WIDGET)
    place = forms.CharField(label=_("Address"), max_length=300, required=False)
    online_url = forms.URLField(
        label=_("Online link"),
        required=False,
        assume_scheme="https",
        help_text=_("For a meeting online or hybrid."),
    )
    capacity = forms.IntegerField(
        label=_("Places"), required=False, min_value=1, help_text=_("Empty: no limit.")
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=None, required=False, widget=ColumnsCheckboxSelectMultiple
    )
    co_organisers = forms.ModelMultipleChoiceField(
        label=_("Co-organisers"),
        queryset=None,
        required=False,
        widget=ColumnsCheckboxSelectMultiple,
        help_text=_("Partners of the register, such as the sport platform."),
    )
    offering = forms.ModelChoiceField(
        label=_("Support offering it delivers"),
        queryset=None,
        required=False,
        empty_label=_("None"),
    )
    series = forms.ModelChoiceField(
        label=_("Part of the series"), queryset=None, required=False, empty_label=_("None")
    )
    series_name = forms.CharField(
        label=_("Or a new series"),
        max_length=200,
        required=False,
        help_text=_("For example: network meeting with the sport platform."),
    )
    series_rhythm = forms.CharField(
        label=_("Rhythm of the new series"),
        max_length=100,
        required=False,
        help_text=_("For example: every quarter."),
    )
    articles = ArticleChoiceField(
        label=_("Knowledge articles"),
        queryset=None,
        required=False,
        widget=ColumnsCheckboxSelectMultiple,
        help_text=_("Articles of the desk and of the desks it follows, to read before or after."),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    is_public = forms.BooleanField(
        label=_("Publish on the desk's public page, where anyone can register"), required=False
    )

    def __init__(self, *args, themes, co_organisers, offerings, series, articles, desk,
                 **kwargs):  # fmt: skip
        super().__init__(*args, **kwargs)
        self.fields["articles"].queryset = articles
        self.fields["articles"].desk_id = desk.pk
        self.fields["themes"].queryset = themes
        self.fields["co_organisers"].queryset = co_organisers
        self.fields["offering"].queryset = offerings
        self.fields["series"].queryset = series

    def clean(self):
        cleaned = super().clean()
        day, start, end = (cleaned.get(n) for n in ("date", "start_time", "end_time"))
        if day and start and end:
            cleaned["starts_at"] = timezone.make_aware(datetime.datetime.combine(day, start))
            cleaned["ends_at"] = timezone.make_aware(datetime.datetime.combine(day, end))
            if end <= start:
                self.add_error("end_time", _("A meeting ends after it starts."))
        nowhere = not cleaned.get("place") and not cleaned.get("online_url")
        if nowhere and "place" not in self.errors and "online_url" not in self.errors:
            self.add_error("place", _("Give an address or an online link."))
        return cleaned

    def meeting_fields(self) -> dict:
        data = self.cleaned_data
        names = ("title", "kind", "starts_at", "ends_at", "place", "online_url", "capacity")
        return {name: data[name] for name in names} | {
            "description": data["description"],
            "is_public": data["is_public"],
        }

    @staticmethod
    def initial_for(meeting) -> dict:
        starts = timezone.localtime(meeting.starts_at)
        ends = timezone.localtime(meeting.ends_at)
        return {
            "title": meeting.title,
            "kind": meeting.kind,
            "date": starts.date(),
            "start_time": starts.time(),
            "end_time": ends.time(),
            "place": meeting.place,
            "online_url": meeting.online_url,
            "capacity": meeting.capacity,
            "themes": list(meeting.themes.all()),
            "co_organisers": list(meeting.co_organisers.all()),
            "offering": meeting.offering,
            "series": meeting.series,
            "articles": list(meeting.articles.all()),
            "description": meeting.description,
            "is_public": meeting.is_public,
        }


# Service errors named by the model's fields, shown next to the form's fields.
SERVICE_FIELDS = {"starts_at": "start_time", "ends_at": "end_time", "series_name": "series_name"}


class MeetingFilterForm(forms.Form):
    when = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("upcoming", _("Upcoming meetings")), ("past", _("Past meetings"))],
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *MeetingKind.choices]
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"), queryset=None, required=False, empty_label=_("All themes")
    )
    since = forms.DateField(label=_("From"), required=False, **DATE_WIDGET)
    until = forms.DateField(label=_("Until"), required=False, **DATE_WIDGET)

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "when": data.get("when") or "upcoming",
            "kind": data.get("kind") or "",
            "theme": data.get("theme"),
            "since": data.get("since"),
            "until": data.get("until"),
        }


class InviteFilterForm(OrganisationFilterForm):
    """The register's own filters, and a tag, "never contacted" or a hand-picked list."""

    tag = forms.ModelChoiceField(
        label=_("Tag"), queryset=None, required=False, empty_label=_("All tags")
    )
    never_contacted = forms.BooleanField(label=_("Never contacted by the desk"), required=False)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Or choose organisations by hand"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Only these, within the filters above."),
    )

    def __init__(self, *args, tags, register, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tag"].queryset = tags
        self.fields["organisations"].queryset = register

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "search": data.get("q") or "",
            "kind": data.get("kind") or "",
            "sport": data.get("sport"),
            "municipality": data.get("municipality"),
            "federation": data.get("federation"),
            "participation": data.get("participation") or "",
            "declaration": data.get("declaration") or "",
            "tag": data.get("tag"),
            "never_contacted": bool(data.get("never_contacted")),
            "organisations": list(data.get("organisations") or []),
        }


class RsvpForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Will you come?"),
        choices=[(value, Response(value).label) for value in ANSWERS],
        widget=forms.RadioSelect,
    )
    people = forms.IntegerField(
        label=_("Number of people"), min_value=1, max_value=MAX_PEOPLE, initial=1
    )
    needs = forms.CharField(
        label=_("Dietary or accessibility needs"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"))
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    people = forms.IntegerField(
        label=_("Number of people"), min_value=1, max_value=MAX_PEOPLE, initial=1
    )
    needs = forms.CharField(
        label=_("Dietary or accessibility needs"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class WalkInForm(forms.Form):
    walk_in_name = forms.CharField(label=_("Name"), max_length=200)
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class NotesForm(forms.Form):
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )


class ActionForm(forms.Form):
    description = forms.CharField(label=_("What was agreed"), max_length=300)
    owner = UserChoiceField(label=_("Who does it"), queryset=None)
    due_on = forms.DateField(label=_("Due on"), **DATE_WIDGET)

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff


class QuestionForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    contact_name = forms.CharField(label=_("Asked by"), max_length=200, required=False)
    question = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 5}))
    consents_to_processing = forms.BooleanField(
        label=_("The person who asked agreed that the desk processes the question."),
        error_messages={"required": _("Without their agreement the desk cannot take it up.")},
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class ReachForm(forms.Form):
    since = forms.DateField(label=_("From"), required=False, **DATE_WIDGET)
    until = forms.DateField(label=_("Until"), required=False, **DATE_WIDGET)

    def period(self) -> dict:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {"since": data.get("since"), "until": data.get("until")}
