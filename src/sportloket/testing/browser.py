"""Browser-test helpers: Debian's Chromium through Playwright, an axe-core check, and a check
that the page does not scroll sideways on a phone."""

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
PHONE = {"width": 375, "height": 800}

# Waits two frames, so that the layout after a resize is the one measured.
_NEXT_LAYOUT = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"

# What sticks out on the right, deepest first: the elements that make the page scroll sideways
# (their ancestors stick out only because of them; what a scrolling box clips does not count),
# each as tag#id.class, its right edge and the start of its text.
_SIDEWAYS = """() => {
  const limit = window.innerWidth;
  const clipped = element => {
    for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== 'visible'
          && up.getBoundingClientRect().right <= limit + 0.5) return true;
    }
    return false;
  };
  const wide = [...document.body.querySelectorAll('*')].filter(element => {
    const box = element.getBoundingClientRect();
    // Text that does not fit its box spills over its right edge without widening the box.
    const right = Math.max(box.right, getComputedStyle(element).overflowX === 'visible'
      ? box.left + element.scrollWidth : box.right);
    return box.width > 0 && right > limit + 0.5
      && (!element.checkVisibility || element.checkVisibility()) && !clipped(element);
  });
  const deepest = wide.filter(element => !wide.some(other => other !== element
    && element.contains(other)));
  return deepest.slice(0, 8).map(element => {
    const name = element.tagName.toLowerCase()
      + (element.id ? '#' + element.id : '')
      + [...element.classList].map(c => '.' + c).join('');
    const text = (element.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
    const box = element.getBoundingClientRect();
    const right = Math.max(box.right, box.left + element.scrollWidth);
    return `${name} (right edge ${Math.round(right)} px)`
      + (text ? ` "${text}"` : '');
  });
}"""


def chromium_available() -> bool:
    return Path(CHROMIUM).exists()


def assert_accessible(page, *, context=None):
    """Runs axe-core on the page and fails on any WCAG 2.1 A/AA violation, with a report; then
    checks that the page does not scroll sideways on a 375 px wide phone."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = Axe().run(page, context=context, options=options)
    assert results.violations_count == 0, (
        f"axe-core found {results.violations_count} WCAG 2.1 A/AA violation(s) on {page.url}:\n"
        f"{results.generate_report()}"
    )
    assert_fits_a_phone(page)
    return results


def assert_fits_a_phone(page, *, viewport=PHONE):
    """Lays the page out at a phone's width and fails when it scrolls sideways
    (``document.documentElement.scrollWidth > innerWidth``), naming what sticks out. The
    page's own viewport is restored afterwards. (It measures with a script: not for a page
    opened with JavaScript switched off, where the script would wait forever.)"""
    before = page.viewport_size
    page.set_viewport_size(viewport)
    try:
        page.evaluate(_NEXT_LAYOUT)
        scroll_width, inner_width = page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]"
        )
        if scroll_width > inner_width:
            culprits = "\n".join(f"  {line}" for line in page.evaluate(_SIDEWAYS))
            raise AssertionError(
                f"{page.url} scrolls sideways at {inner_width} px: the page is {scroll_width} px "
                f"wide. Sticking out:\n{culprits}"
            )
    finally:
        if before:
            page.set_viewport_size(before)
            page.evaluate(_NEXT_LAYOUT)
