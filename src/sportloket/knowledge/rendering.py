"""Markdown to safe HTML, in two steps that each refuse what the other might miss.

1. markdown-it-py (CommonMark) with raw HTML disabled: ``<script>`` typed in an article is
   text, not a tag; its link validation already drops ``javascript:``, ``vbscript:``,
   ``file:`` and most ``data:`` links.
2. nh3 (the Rust ``ammonia`` sanitiser) with an explicit allow-list of tags, attributes and URL
   schemes (http, https, mailto), no relative links (the same article shows on the desk's pages,
   the public page and a tracking page, where a relative link would lead elsewhere), and
   ``rel="noopener noreferrer"`` on every link: whatever the Markdown step lets through (a
   parser bug, a new feature), only these survive.

Headings move one level down (``#`` becomes ``<h2>``): the page's title is its only ``<h1>``.
The result is stored on the article when it is saved (``Article.body_html``): lists and pages
read it without rendering, and the sanitiser runs once per change, not once per view.
"""

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "strong", "em", "code", "pre", "blockquote",
        "ul", "ol", "li", "h2", "h3", "h4", "h5", "h6", "a",
        "table", "thead", "tbody", "tr", "th", "td", "s",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener noreferrer"

_markdown = MarkdownIt("commonmark", {"html": False}).enable("table").enable("strikethrough")


def _shift_headings(tokens):
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"


_cleaner = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags={"script", "style"},
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    url_schemes=set(URL_SCHEMES),
    url_relative="deny",
    link_rel=LINK_REL,
    strip_comments=True,
)


def sanitise_html(html: str) -> str:
    return _cleaner.clean(html)


def render_markdown(text: str) -> str:
    """The article's Markdown as HTML that is safe to put in a page as it is."""
    tokens = _markdown.parse(text or "")
    _shift_headings(tokens)
    return sanitise_html(_markdown.renderer.render(tokens, _markdown.options, {}))
