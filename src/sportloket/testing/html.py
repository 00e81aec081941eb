"""Reading a page's HTML in a test the way a browser shows it: templates are laid out over
several lines (tools/template_layout.py), so whitespace between tags is not part of the text."""

import re


def squashed(html: str) -> str:
    """``html`` with the whitespace between two tags removed and every other run of whitespace
    made one space: ``<th>Houten</th>\\n  <td>3</td>`` reads ``<th>Houten</th><td>3</td>``."""
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html))
