from django import forms
from django.utils.translation import gettext_lazy as _

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
