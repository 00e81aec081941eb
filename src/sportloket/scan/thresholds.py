"""The thresholds the loket-scan's rules turn figures into verdicts with: national defaults,
which a desk may set otherwise (``ScanSettings``). A share is a whole percentage."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Threshold:
    key: str
    default: int
    label: str
    percent: bool = True
    minimum: int = 0
    maximum: int = 100


T = Threshold
THRESHOLDS = (
    T("period_months", 12, _("Months a figure looks back"), False, 1, 36),
    T("federations_met", 1, _("Federations with a valid declaration, for 'met'"), False, 1, 50),
    T("proactive_met", 60, _("Providers contacted proactively, for 'met'")),
    T("proactive_partly", 25, _("Providers contacted proactively, for 'partly'")),
    T("contact_met", 90, _("Providers in contact within the policy, for 'met'")),
    T("contact_partly", 50, _("Providers in contact within the policy, for 'partly'")),
    T("quality_met", 90, _("Supporters meeting the quality rule, for 'met'")),
    T("quality_partly", 50, _("Supporters meeting the quality rule, for 'partly'")),
    T("declarations_partly", 50, _("Parties with a valid declaration, for 'partly'")),
    T("sharing_met", 75, _("Parties contributing knowledge, for 'met'")),
    T("sharing_partly", 25, _("Parties contributing knowledge, for 'partly'")),
    T("meetings_met", 4, _("Network meetings in the period, for 'met'"), False, 1, 52),
    T("unexplained_partly", 10, _("Passed over without a reason at most, for 'partly'")),
    T("response_met", 50, _("Providers answering the club check, for 'met'")),
)
BY_KEY = {threshold.key: threshold for threshold in THRESHOLDS}
DEFAULTS = {threshold.key: threshold.default for threshold in THRESHOLDS}


def effective(overrides: dict | None) -> dict[str, int]:
    """The national defaults with the desk's own values (unknown or out-of-range keys, as an
    older version may have stored, are ignored)."""
    values = dict(DEFAULTS)
    for key, value in (overrides or {}).items():
        threshold = BY_KEY.get(key)
        if threshold and isinstance(value, int) and threshold.minimum <= value <= threshold.maximum:
            values[key] = value
    return values
