"""Markdown to HTML: what a writer types can never put a script, a javascript: or data: link or
an event handler into a page (acceptance 3), while the usual Markdown still works."""

from html.parser import HTMLParser

import pytest

from sportloket.knowledge.rendering import render_markdown, sanitise_html

ATTACKS = [
    "<script>alert(1)</script>",
    "[klik](javascript:alert(1))",
    "[klik](JaVaScRiPt:alert(1))",
    "[klik](java&#09;script:alert(1))",
    '<a href="javascript:alert(1)">klik</a>',
    '<img src="x" onerror="alert(1)">',
    "![beeld](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<iframe src="https://example.org"></iframe>',
    "<svg onload=alert(1)>",
    "[x](vbscript:msgbox)",
]


ALLOWED_SCHEMES = ("http://", "https://", "mailto:")


class _Tags(HTMLParser):
    """Every real tag and attribute of a fragment (text that only looks like a tag is not)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def assert_harmless(html: str):
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag not in ("script", "iframe", "img", "svg", "style", "object", "embed"), html
        for name, value in attrs.items():
            assert not name.startswith("on"), html
            assert name != "style", html
            if name in ("href", "src"):
                assert (value or "").lower().startswith(ALLOWED_SCHEMES), html


@pytest.mark.parametrize("attack", ATTACKS)
def test_markdown_never_renders_a_script_or_dangerous_link(attack):
    html = render_markdown(f"Tekst vooraf.\n\n{attack}\n\nTekst achteraf.")
    assert_harmless(html)
    assert "<script" not in html.lower()
    assert "Tekst achteraf." in html


@pytest.mark.parametrize(
    "raw",
    [
        '<p onclick="alert(1)">hoi</p><script>alert(1)</script>',
        '<a href="javascript:alert(1)" onmouseover="x()">klik</a>',
        '<a href="data:text/html,hoi">klik</a>',
        '<img src=x onerror=alert(1)><iframe src="https://x.nl"></iframe>',
        '<div style="background:url(javascript:x)"><h1>kop</h1></div>',
    ],
)
def test_the_sanitiser_removes_what_the_markdown_step_might_let_through(raw):
    html = sanitise_html(raw)
    assert_harmless(html)
    lowered = html.lower()
    for forbidden in ("<script", "javascript:", "onclick", "onmouseover", "onerror", "data:",
                      "<iframe", "<img", "style=", "<div", "<h1"):  # fmt: skip
        assert forbidden not in lowered, html


def test_links_keep_http_https_and_mailto_with_a_safe_rel():
    html = render_markdown(
        "[site](https://www.nocnsf.nl) [oud](http://example.org) [mail](mailto:info@loket.nl)"
    )
    assert 'href="https://www.nocnsf.nl"' in html
    assert 'href="http://example.org"' in html
    assert 'href="mailto:info@loket.nl"' in html
    assert html.count('rel="noopener noreferrer"') == 3


def test_usual_markdown_renders_with_headings_one_level_down():
    html = render_markdown("# Kop\n\n## Sub\n\n**vet** en *schuin*\n\n- een\n- twee\n\n`code`")
    assert "<h2>Kop</h2>" in html
    assert "<h3>Sub</h3>" in html
    assert "<h1" not in html
    assert "<strong>vet</strong>" in html and "<em>schuin</em>" in html
    assert "<li>een</li>" in html
    assert "<code>code</code>" in html


def test_typed_html_shows_as_text():
    html = render_markdown("Gebruik <b>geen</b> HTML")
    assert "&lt;b&gt;geen&lt;/b&gt;" in html


def test_relative_links_are_dropped():
    html = render_markdown("[intern](/beheer/) [java](java&#09;script:alert(1))")
    assert "href" not in html
    assert "intern" in html
