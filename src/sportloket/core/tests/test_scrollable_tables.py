"""A table that scrolls sideways in its box (``table-wrap``) on a phone can be reached by
keyboard: the box takes focus (``tabindex="0"``) and is a region with a name, so that axe's
``scrollable-region-focusable`` holds on every page (the browser tests check the pages)."""

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]
WRAP = re.compile(r"<div\b[^>]*\bclass=\"[^\"]*\btable-wrap\b[^\"]*\"[^>]*>")


def test_every_table_wrap_takes_focus_and_has_a_name():
    unreachable = []
    for path in sorted(PACKAGE.rglob("*.html")):
        for wrap in WRAP.finditer(path.read_text()):
            tag = wrap[0]
            named = "aria-label=" in tag or "aria-labelledby=" in tag
            if 'tabindex="0"' not in tag or 'role="region"' not in tag or not named:
                unreachable.append(f"{path.relative_to(PACKAGE)}: {tag}")
    assert not unreachable, "tables a keyboard cannot scroll:\n" + "\n".join(unreachable)
