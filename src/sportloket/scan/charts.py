"""The scan's chart: how many items of the checklist were met, partly met and not yet met in
each month of the history (an SVG bar chart, its numbers in the table beside it)."""

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sportloket.core.charts import Series, bar_chart
from sportloket.scan import checklist
from sportloket.scan.constants import Verdict


def met_per_month(history) -> dict:
    keys = [item.key for item in checklist.leaves()]
    rows = []
    for snapshot in history:
        counts = dict.fromkeys(Verdict.values, 0)
        for key in keys:
            verdict = snapshot.verdicts.get(key)
            if verdict in counts:
                counts[verdict] += 1
        rows.append({"month": snapshot.month, **counts})
    chart = bar_chart(
        label=_("Items of the checklist per month"),
        months=[row["month"] for row in rows],
        names=[date_format(row["month"], "M") for row in rows],
        series=[
            Series(_("Met"), [row[Verdict.MET] for row in rows], "a"),
            Series(_("Partly"), [row[Verdict.PARTLY] for row in rows], "b"),
        ],
        description=_(
            "Per month the number of the checklist's %(items)s items met and partly met. The "
            "numbers stand in the table below the chart."
        )
        % {"items": len(keys)},
    )
    return {"chart": chart, "rows": rows}


def _month_names(months) -> list[str]:
    return [date_format(month, "M") for month in months]


def questions_per_month(year: int, per_month: dict) -> dict:
    months = [datetime.date(year, month, 1) for month in range(1, 13)]
    return bar_chart(
        label=_("Questions per month in %(year)s") % {"year": year},
        months=months,
        names=_month_names(months),
        series=[Series(_("Questions"), [per_month[m.month] for m in months])],
        description=_(
            "Per month of %(year)s the number of questions asked. The numbers stand in the "
            "table below the chart."
        )
        % {"year": year},
    )


def contacts_per_month(rows: list[dict]) -> dict:
    """``rows``: the coverage figures' months (newest first)."""
    rows = list(reversed(rows))
    months = [row["month"] for row in rows]
    return bar_chart(
        label=_("Providers in contact per month"),
        months=months,
        names=_month_names(months),
        series=[
            Series(_("In contact"), [row["contacted"] for row in rows], "a"),
            Series(_("Proactively"), [row["proactive"] for row in rows], "b"),
        ],
        values=False,
        description=_(
            "Per month the number of providers in contact with the desk, and of them those "
            "contacted on the desk's initiative. The numbers stand in the table below the chart."
        ),
    )
