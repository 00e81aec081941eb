"""The scan's chart: how many items of the checklist were met, partly met and not yet met in
each month of the history (an SVG bar chart, its numbers in the table beside it)."""

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
