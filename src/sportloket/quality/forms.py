from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from sportloket.quality.constants import MAX_LEVEL, MIN_LEVEL, KssKind, QualitySystem
from sportloket.quality.services import REGISTRATION_FIELDS

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LEVEL_MESSAGE = _("The level runs from 1 to 5.")
LEVEL_VALIDATORS = [
    MinValueValidator(MIN_LEVEL, message=LEVEL_MESSAGE),
    MaxValueValidator(MAX_LEVEL, message=LEVEL_MESSAGE),
]

# The most requirements, and options per requirement, the rule editor takes in one go.
MAX_GROUPS = 10
MAX_OPTIONS = 10


def _level_field(label):
    return forms.IntegerField(
        label=label,
        required=False,
        validators=LEVEL_VALIDATORS,
        widget=forms.NumberInput(
            attrs={"min": MIN_LEVEL, "max": MAX_LEVEL, "inputmode": "numeric"}
        ),
    )


class RegistrationForm(forms.Form):
    """A registration as the coordinator records it; the service checks the combination (a KSS
    kind, dates in order, the evidence file's content)."""

    system = forms.ChoiceField(
        label=capfirst(_("quality system")), choices=[("", _("— choose —")), *QualitySystem.choices]
    )
    kind = forms.ChoiceField(
        label=capfirst(_("kind")),
        required=False,
        choices=[("", _("— not a KSS registration —")), *KssKind.choices],
        help_text=_("Only for KSS: a qualification (diploma, does not expire) or a licence."),
    )
    line = forms.CharField(
        label=capfirst(_("line")),
        max_length=100,
        required=False,
        help_text=_("For example: trainer-coach, instructor, official."),
    )
    level = _level_field(capfirst(_("level")))
    number = forms.CharField(
        label=capfirst(_("registration number")), max_length=50, required=False
    )
    issuer = forms.CharField(
        label=capfirst(_("issued by")),
        max_length=150,
        required=False,
        help_text=_("For example: KNVB, Justis."),
    )
    valid_from = forms.DateField(label=capfirst(_("valid from")), widget=DATE_WIDGET)
    valid_until = forms.DateField(
        label=capfirst(_("valid until")),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("The last day it is valid; empty when it does not expire."),
    )
    evidence = forms.FileField(
        label=capfirst(_("evidence (PDF, JPEG or PNG)")),
        required=False,
        widget=forms.FileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
        help_text=_("At most 10 MB."),
    )

    def __init__(self, *args, replaces_evidence=False, **kwargs):
        super().__init__(*args, **kwargs)
        if replaces_evidence:
            self.fields["evidence"].help_text = _(
                "At most 10 MB. A new file replaces the stored one; leave empty to keep it."
            )

    @classmethod
    def initial_from(cls, registration) -> dict:
        return {name: getattr(registration, name) for name in REGISTRATION_FIELDS}

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data["evidence"] = data.get("evidence") or None
        return data


class EndForm(forms.Form):
    ended_on = forms.DateField(
        label=capfirst(_("no longer counts from")),
        widget=DATE_WIDGET,
        help_text=_("Today, or the day the issuer withdrew it."),
    )


class RuleOptionForm(forms.Form):
    """One way to meet a requirement. An empty row is left out; "remove" drops the row."""

    system = forms.ChoiceField(
        label=capfirst(_("quality system")),
        required=False,
        choices=[("", _("— none —")), *QualitySystem.choices],
    )
    min_level = _level_field(capfirst(_("at least level")))
    line = forms.CharField(
        label=capfirst(_("line")), max_length=100, required=False, help_text=_("Empty: any line.")
    )

    def clean(self):
        data = super().clean()
        if self.errors or data.get("DELETE"):
            return data
        system = data.get("system")
        if not system and (data.get("min_level") is not None or data.get("line")):
            self.add_error("system", _("Choose a quality system, or empty this row."))
        if system == QualitySystem.OTHER and not data.get("line"):
            self.add_error("line", _("Say what kind of other registration is needed."))
        return data

    def option(self):
        """``(system, min_level, line)``, or None for an empty or removed row."""
        data = self.cleaned_data
        if not data or data.get("DELETE") or not data.get("system"):
            return None
        return (data["system"], data.get("min_level"), data.get("line", ""))


RuleOptionFormSet = forms.formset_factory(
    RuleOptionForm,
    extra=0,
    can_delete=True,
    max_num=MAX_OPTIONS,
    absolute_max=MAX_OPTIONS,
    validate_max=True,
)


class RuleEditor:
    """The desk rule as repeated fieldsets, one formset of options per requirement (AND of
    ORs), with an empty row in each and an empty requirement at the end: without JavaScript,
    saving a filled-in empty row adds it, and the page then offers new empty rows."""

    def __init__(self, data=None, groups=()):
        self.bound = data is not None
        if data is None:
            initial = [
                [{"system": r.system, "min_level": r.min_level, "line": r.line} for r in group]
                for group in groups
            ]
            self.groups = [
                RuleOptionFormSet(prefix=f"group-{i}", initial=options)
                for i, options in enumerate(initial)
            ]
            for formset in self.groups:
                formset.extra = 1
            empty = RuleOptionFormSet(prefix=f"group-{len(initial)}")
            empty.extra = 2
            self.groups.append(empty)
        else:
            try:
                count = int(data.get("group_count", 0))
            except (TypeError, ValueError):
                count = 0
            count = max(0, min(count, MAX_GROUPS))
            self.groups = [RuleOptionFormSet(data, prefix=f"group-{i}") for i in range(count)]
        self.non_field_errors = []

    @property
    def group_count(self):
        return len(self.groups)

    def is_valid(self):
        results = [formset.is_valid() for formset in self.groups]
        return all(results) and not self.non_field_errors

    def has_errors(self):
        return bool(self.non_field_errors) or any(
            formset.total_error_count() for formset in self.groups if formset.is_bound
        )

    def cleaned_groups(self):
        groups = []
        for formset in self.groups:
            options = [option for form in formset.forms if (option := form.option())]
            if options:
                groups.append(options)
        return groups

    def add_error(self, error):
        self.non_field_errors.extend(error.messages)
