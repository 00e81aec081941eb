"""The figures the loket-scan judges, gathered from every app's own selectors for one desk on
one day: a fixed number of queries whatever the desk's size (about 25)."""

import datetime

from django.utils import timezone

from sportloket.clubcheck.scan_figures import scan_figures as club_check_figures
from sportloket.contacts.dates import add_months
from sportloket.contacts.selectors import coverage_total
from sportloket.cooperation.scan_figures import scan_figures as cooperation_figures
from sportloket.decisions.scan_figures import scan_figures as decision_figures
from sportloket.funds.scan_figures import scan_figures as fund_figures
from sportloket.helprequests.scan_figures import scan_figures as question_figures
from sportloket.knowledge.scan_figures import scan_figures as knowledge_figures
from sportloket.meetings.scan_figures import scan_figures as meeting_figures
from sportloket.quality.selectors import quality_figures
from sportloket.registry.scan_figures import scan_figures as register_figures


def gather(*, loket, thresholds: dict, on=None) -> dict:
    on = on or timezone.localdate()
    # The period's first day: "12 months" up to 8 June are 9 June of last year to 8 June.
    since = add_months(on, -thresholds["period_months"]) + datetime.timedelta(days=1)
    coverage = coverage_total(loket=loket, on=on)
    quality = quality_figures(loket=loket, on=on)
    return {
        "on": on,
        "since": since,
        "registry": register_figures(loket=loket, on=on),
        "contacts": {
            "providers": coverage.providers,
            "covered": coverage.covered,
            "proactive": coverage.proactive,
        },
        "funds": fund_figures(loket=loket, since=since, on=on),
        "quality": {
            "supporters": quality.supporters,
            "meeting": quality.meeting,
            "has_rule": quality.has_rule,
        },
        "knowledge": knowledge_figures(loket=loket, since=since, on=on),
        "meetings": meeting_figures(loket=loket, since=since, on=on),
        "cooperation": cooperation_figures(loket=loket, since=since, on=on),
        "clubcheck": club_check_figures(loket=loket, on=on),
        "decisions": decision_figures(loket=loket, since=since, on=on),
        "helprequests": question_figures(loket=loket, since=since, on=on),
    }
