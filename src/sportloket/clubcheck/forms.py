from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sportloket.clubcheck.constants import Facilities, Finances, HelpTopic, QuestionKind
from sportloket.core.widgets import ColumnsCheckboxSelectMultiple

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RoundForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2020, max_value=2100)
    opens_on = forms.DateField(label=_("Open from"), widget=DATE)
    closes_on = forms.DateField(label=_("Open until"), widget=DATE)

    @classmethod
    def initial_now(cls) -> dict:
        """This year's check, open from today for six weeks."""
        today = timezone.localdate()
        return {"year": today.year, "opens_on": today, "closes_on": today + timedelta(days=42)}


class RoundDatesForm(forms.Form):
    opens_on = forms.DateField(label=_("Open from"), widget=DATE)
    closes_on = forms.DateField(label=_("Open until"), widget=DATE)


class ExtraQuestionForm(forms.Form):
    text = forms.CharField(label=_("Question"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=QuestionKind.choices)
    choices = forms.CharField(
        label=_("Choices"),
        required=False,
        help_text=_("One per line; for one or several choices."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _number(label):
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=100_000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class AnswerForm(forms.Form):
    """The national core questions, then the desk's own (added per round)."""

    by_name = forms.CharField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    by_email = forms.EmailField(
        label=_("Your e-mail address"),
        required=False,
        help_text=_("If the desk may reply to you about your answers."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    members_youth = _number(_("Members under 18"))
    members_adult = _number(_("Members of 18 to 64"))
    members_senior = _number(_("Members of 65 and older"))
    volunteers = _number(_("Volunteers"))
    board_vacancies = _number(_("Open places on the board"))
    finances = forms.ChoiceField(
        label=_("How are the finances?"), choices=Finances.choices, widget=forms.RadioSelect
    )
    facilities = forms.ChoiceField(
        label=_("Where do you do your sport?"), choices=Facilities.choices, widget=forms.RadioSelect
    )
    topics = forms.MultipleChoiceField(
        label=_("What would you like help with?"),
        choices=HelpTopic.choices,
        required=False,
        widget=ColumnsCheckboxSelectMultiple,
    )
    help_note = forms.CharField(
        label=_("Anything else about the help you would like?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"extra_{question.pk}"] = _extra_field(question)

    def extras(self) -> dict:
        return {q.pk: self.cleaned_data.get(f"extra_{q.pk}") for q in self.questions}

    @staticmethod
    def initial_from(answer) -> dict:
        if answer is None:
            return {}
        initial = {
            name: getattr(answer, name)
            for name in (
                "members_youth",
                "members_adult",
                "members_senior",
                "volunteers",
                "board_vacancies",
                "finances",
                "facilities",
                "help_note",
            )
        }
        initial["by_name"] = answer.answered_by_name
        initial["by_email"] = answer.answered_by_email
        initial["topics"] = [t.topic for t in answer.topics.all()]
        for extra in answer.extras.all():
            key = f"extra_{extra.question_id}"
            if extra.text:
                initial[key] = extra.text
            elif extra.number is not None:
                initial[key] = extra.number
            elif extra.question.kind == QuestionKind.MULTIPLE:
                initial[key] = extra.choices
            elif extra.choices:
                initial[key] = extra.choices[0]
        return initial


def _extra_field(question):
    label = question.text
    if question.kind == QuestionKind.TEXT:
        return forms.CharField(
            label=label, required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
        )
    if question.kind == QuestionKind.NUMBER:
        return forms.DecimalField(label=label, required=False, max_digits=12, decimal_places=2)
    if question.kind == QuestionKind.YESNO:
        return forms.ChoiceField(
            label=label,
            required=False,
            choices=[("yes", _("Yes")), ("no", _("No"))],
            widget=forms.RadioSelect,
        )
    choices = [(c, c) for c in question.choice_list]
    if question.kind == QuestionKind.MULTIPLE:
        return forms.MultipleChoiceField(
            label=label, required=False, choices=choices, widget=forms.CheckboxSelectMultiple
        )
    return forms.ChoiceField(label=label, required=False, choices=choices, widget=forms.RadioSelect)
