"""Small bar charts drawn as SVG on the server: the geometry is computed here and drawn by
``includes/bar_chart.html``, which names the chart for assistive technology (``role="img"``
with an ``aria-label``); the same numbers always stand in a table next to it. No JavaScript.
The bars and the months' names, many small elements of a few numbers each, are written out
here (the names and values escaped): as template variables they cost more than the rest of the
page."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.template.defaultfilters import floatformat
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 320, 150
# Room above the bars for their values and below the baseline for the months.
TOP, BOTTOM = 16, 22
# The share of a month's slot left free between months.
GAP = 0.3
# The colours as presentation attributes too (the stylesheet's rules win in a browser): a PDF
# renderer draws SVG without the stylesheet's custom properties.
FILLS = {"a": "#0b4f8a", "b": "#b4400b"}


@dataclass(frozen=True)
class Series:
    """One kind of bar: its name (the legend), one value per month (None: no value) and its
    style (``a`` or ``b``, the colours in the stylesheet)."""

    name: str
    values: list
    style: str = "a"


def _number(value: float) -> str:
    # Coordinates are written out here, never by the template, which would localise a decimal
    # point into a comma.
    return f"{value:.1f}"


def _bar_marks(bars: list[dict], values: bool) -> SafeString:
    # Written out directly: the coordinates are numbers made here, the style one of ours and
    # the value a number floatformat wrote (safe); format_html per bar costs more than the rest
    # of a chart.
    marks = []
    for bar in bars:
        marks.append(
            f'<rect class="chart__bar chart__bar--{bar["style"]}" fill="{FILLS[bar["style"]]}" '
            f'x="{bar["x"]}" y="{bar["y"]}" '
            f'width="{bar["width"]}" height="{bar["height"]}"></rect>'
        )
        if values and bar["value"] is not None:
            marks.append(
                f'<text class="chart__value" x="{bar["label_x"]}" y="{bar["label_y"]}" '
                f'text-anchor="middle">{conditional_escape(floatformat(bar["value"], "-1"))}</text>'
            )
    return mark_safe("".join(marks))  # noqa: S308 - numbers and our own names, the value escaped


def _month_marks(months: list[dict], y: int) -> SafeString:
    return mark_safe(  # noqa: S308 - the coordinates are numbers, the names escaped
        "".join(
            f'<text class="chart__month" x="{month["x"]}" y="{y}" text-anchor="middle">'
            f"{conditional_escape(month['name'])}</text>"
            for month in months
        )
    )


def bar_chart(
    *,
    label: str,
    months: list,
    names: Sequence[str],
    series: list[Series],
    targets=(),
    values=True,
    description: str = "",
) -> dict:
    """A bar per series for each month (oldest first; ``names`` their short names, as written
    under the bars), scaled to the largest value or target; ``targets``: (name, value) pairs
    drawn as dashed lines across the chart; ``values``: the values written above the bars
    (leave them out when they are too wide, as amounts are); ``description``: what the chart
    shows, for assistive technology (by default the series and where the numbers stand)."""
    largest = max(
        [*(v for s in series for v in s.values if v is not None), *(t for _n, t in targets), 0]
    )
    baseline = HEIGHT - BOTTOM
    scale = (baseline - TOP) / largest if largest else 0
    slot = WIDTH / len(months)
    bar = slot * (1 - GAP) / len(series)
    bars = []
    for month_index in range(len(months)):
        left = month_index * slot + slot * GAP / 2
        for number, one in enumerate(series):
            value = one.values[month_index]
            height = (value or 0) * scale
            x = left + number * bar
            bars.append(
                {
                    "x": _number(x),
                    "y": _number(baseline - height),
                    "width": _number(bar - 1),
                    "height": _number(height),
                    "style": one.style,
                    "value": value,
                    "label_x": _number(x + (bar - 1) / 2),
                    "label_y": _number(baseline - height - 3),
                }
            )
    month_marks = [
        {"month": month, "name": name, "x": _number(index * slot + slot / 2)}
        for index, (month, name) in enumerate(zip(months, names, strict=True))
    ]
    if not description:
        description = _("Bars per month for: %(series)s. The numbers stand in the table.") % {
            "series": ", ".join(str(one.name) for one in series)
        }
    return {
        "label": label,
        "description": description,
        "width": WIDTH,
        "height": HEIGHT,
        "baseline": baseline,
        "bars": _bar_marks(bars, values),
        "series": series,
        "months": _month_marks(month_marks, HEIGHT - 6),
        "targets": [
            {"name": name, "value": value, "y": _number(baseline - value * scale)}
            for name, value in targets
        ],
    }
