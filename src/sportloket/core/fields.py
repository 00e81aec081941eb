"""Form fields every app's forms share: amounts in euros, and the desk's themes by key."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sportloket.core.models import Theme
from sportloket.core.money import MAX_CENTS, MAX_EUROS, for_input, parse_euros
from sportloket.core.widgets import ColumnsCheckboxSelectMultiple


class EuroField(forms.Field):
    """An amount in euros, typed the Dutch way ("1.250,50", "1250,5", "1250"), cleaned to
    cents. Empty means nothing (0)."""

    default_error_messages = {
        "invalid": _("Enter an amount in euros, for example 1.250,50."),
        "negative": _("An amount cannot be negative."),
        "too_large": _("Enter an amount of at most %(max)s euros."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 12}),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        value = str(value).strip() if value is not None else ""
        if not value:
            return 0
        if len(value) > 30:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if value.lstrip().startswith("-"):
            raise ValidationError(self.error_messages["negative"], code="negative")
        try:
            cents = parse_euros(value)
        except ValueError as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error
        if cents > MAX_CENTS:
            raise ValidationError(
                self.error_messages["too_large"],
                code="too_large",
                params={"max": f"{MAX_EUROS:,}".replace(",", ".")},
            )
        return cents

    def prepare_value(self, value):
        # Stored cents are shown in euros; what the user typed is shown as typed.
        if isinstance(value, int):
            return for_input(value)
        return value


class AmountField(EuroField):
    """An amount in euros where empty stays empty (None): a required amount must be typed, and
    an optional one left empty means "none" rather than zero."""

    def to_python(self, value):
        if value is None or not str(value).strip():
            return None
        return super().to_python(value)


class ThemeKeysField(forms.MultipleChoiceField):
    """The desk's themes by key (what an offering or a fund serves), as boxes in columns."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Themes"))
        kwargs.setdefault("widget", ColumnsCheckboxSelectMultiple)
        super().__init__(**kwargs)

    def offer(self, themes, current=()):
        """Offers ``themes`` ((key, name) pairs); a theme the desk no longer uses stays offered
        on a record that has it (``current``) until it is unticked."""
        choices = list(themes)
        known = {key for key, _name in choices}
        self.choices = choices + [(key, key) for key in current if key not in known]


class DeskThemesField(forms.ModelMultipleChoiceField):
    """The desk's themes in use, ticked as boxes: what a question (or a contact moment) is
    about. The form calls ``for_desk(loket)``; until then nothing is offered."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Themes"))
        kwargs.setdefault("queryset", Theme.objects.none())
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        super().__init__(**kwargs)

    def for_desk(self, loket):
        self.queryset = Theme.objects.filter(loket=loket, is_active=True)
