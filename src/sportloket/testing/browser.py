"""Browser-test helpers: Debian's Chromium through Playwright, and an axe-core check."""

import os
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def chromium_available() -> bool:
    return Path(CHROMIUM).exists()


def assert_accessible(page, *, context=None):
    """Runs axe-core on the page and fails on any WCAG 2.1 A/AA violation, with a report."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = Axe().run(page, context=context, options=options)
    assert results.violations_count == 0, (
        f"axe-core found {results.violations_count} WCAG 2.1 A/AA violation(s) on {page.url}:\n"
        f"{results.generate_report()}"
    )
    return results
