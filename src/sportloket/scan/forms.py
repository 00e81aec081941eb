from django import forms
from django.utils.translation import gettext_lazy as _

from sportloket.core.models import Loket
from sportloket.core.selectors import municipalities_all
from sportloket.core.widgets import MunicipalitiesField
from sportloket.funds.constants import FundKind
from sportloket.scan.starting import QUALITY_RULES
from sportloket.scan.thresholds import THRESHOLDS


class ThresholdsForm(forms.Form):
    """One whole number per threshold, with the national default beside it."""

    def __init__(self, *args, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for threshold in THRESHOLDS:
            help_text = _("National default: %(value)s%(unit)s") % {
                "value": threshold.default,
                "unit": " %" if threshold.percent else "",
            }
            self.fields[threshold.key] = forms.IntegerField(
                label=threshold.label,
                min_value=threshold.minimum,
                max_value=threshold.maximum,
                initial=current[threshold.key],
                help_text=help_text,
            )


class DeskStartForm(forms.Form):
    """Starting a desk: what it is called, where it works, who coordinates, how it begins."""

    name = forms.CharField(label=_("Name of the desk"), max_length=150)
    slug = forms.SlugField(
        label=_("Short name in web addresses"),
        max_length=60,
        help_text=_("Lower-case letters, digits and hyphens, e.g. 'utrecht'."),
    )
    work_area = MunicipalitiesField(
        label=_("Work area"),
        queryset=municipalities_all(),
        help_text=_("The municipalities the desk will serve, by province."),
    )
    overlap_agreed = forms.BooleanField(
        label=_("The overlap with the other desks' work areas has been agreed with them"),
        required=False,
    )
    coordinator_email = forms.EmailField(label=_("E-mail address of the first coordinator"))
    coordinator_name = forms.CharField(
        label=_("Name of the first coordinator"), max_length=200, required=False
    )
    usual_themes = forms.BooleanField(
        label=_("Start with the usual themes of club support"), required=False, initial=True
    )
    quality_rule = forms.ChoiceField(
        label=_("Quality rule"),
        choices=[(key, label) for key, (label, _groups) in QUALITY_RULES.items()],
        initial="spn_or_kss",
        widget=forms.RadioSelect,
    )
    contact_months = forms.IntegerField(
        label=_("Contact every provider at least every (months)"),
        min_value=1,
        max_value=36,
        initial=12,
    )
    expected_funds = forms.MultipleChoiceField(
        label=_("Funds to expect"),
        choices=FundKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The coordinator's checklist asks to set up each of them."),
    )

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if Loket.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("Another desk has this short name already."))
        return slug
