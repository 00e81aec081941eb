"""The demo desk's quality rule and its people's registrations, made through the services.

The rule is "a valid VOG, and SPN membership or a KSS qualification at level 3 or higher". Of
the demo's acting members, the coordinator meets it, one supporter meets it with a VOG that
expires within the warning period, and one no longer meets it because her VOG expired. Dates
are relative to the day the demo is loaded, so the demo tells the same story on any day.
Idempotent: the rule is saved only when it differs, and a person who already has a
registration recorded by the desk gets no new ones.
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from sportloket.core.models import Membership
from sportloket.demo.network import DEMO_DECLARATION_PDF
from sportloket.quality import services
from sportloket.quality.constants import KssKind, QualitySystem
from sportloket.quality.models import QualityRegistration

DEMO_RULE = [
    [(QualitySystem.VOG, None, "")],
    [(QualitySystem.SPN, None, ""), (QualitySystem.KSS, 3, "")],
]

DAY = timedelta(days=1)
YEAR = 365 * DAY

# e-mail → registrations as (system, fields, valid from and until relative to today, evidence)
DEMO_REGISTRATIONS = {
    # Meets the rule: a VOG without end date and an SPN membership.
    "coordinator@sportloket-demo.nl": [
        (QualitySystem.VOG, {"issuer": "Justis", "number": "VOG-2024-118372"}, -500, None, True),
        (QualitySystem.SPN, {"number": "SPN-20431"}, -2 * 365, 365, False),
    ],
    # Meets the rule today, but the VOG expires within the warning period.
    "ondersteuner@sportloket-demo.nl": [
        (
            QualitySystem.VOG,
            {"issuer": "Justis", "number": "VOG-2023-55310"},
            -3 * 365 + 40,
            40,
            True,
        ),
        (
            QualitySystem.KSS,
            {"kind": KssKind.LICENCE, "line": "trainer-coach", "level": 3, "issuer": "KNVB"},
            -365,
            2 * 365,
            False,
        ),
    ],
    # Lapsed: SPN and a LAB programme are valid, but the VOG expired a month ago.
    "buurtsportcoach@sportloket-demo.nl": [
        (QualitySystem.SPN, {"number": "SPN-31877"}, -365, 2 * 365, False),
        (QualitySystem.LAB, {"line": "Buurtsportcoach"}, -2 * 365, None, False),
        (
            QualitySystem.VOG,
            {"issuer": "Justis", "number": "VOG-2023-20145"},
            -3 * 365 - 30,
            -30,
            True,
        ),
    ],
}


def load_demo_quality(loket, *, actor) -> None:
    """Gives the demo desk its quality rule and registrations for its coordinator and
    supporters (those of ``DEMO_REGISTRATIONS`` who are active members of ``loket``)."""
    services.rule_save(loket=loket, groups=DEMO_RULE, actor=actor)
    today = timezone.localdate()
    members = {
        m.user.email: m.user
        for m in Membership.objects.active()
        .filter(loket=loket, user__email__in=list(DEMO_REGISTRATIONS))
        .select_related("user")
    }
    for email, registrations in DEMO_REGISTRATIONS.items():
        user = members.get(email)
        if user is None:
            continue
        if QualityRegistration.objects.filter(user=user, recorded_by_loket=loket).exists():
            continue
        for system, fields, start, end, with_evidence in registrations:
            services.registration_add(
                loket=loket,
                user=user,
                actor=actor,
                system=system,
                valid_from=today + start * DAY,
                valid_until=None if end is None else today + end * DAY,
                evidence=ContentFile(DEMO_DECLARATION_PDF, name="bewijs.pdf")
                if with_evidence
                else None,
                **fields,
            )
