"""Lays out the Django templates so a diff can be read: one block-level element or block tag per
line where that is safe, indented two spaces a level by its nesting.

    python tools/template_layout.py           # rewrite the templates under src/
    python tools/template_layout.py --check   # fail (exit 1) when one is not laid out

It only ever changes whitespace, and only where whitespace cannot show:
- a line is broken only between two structural tokens (a block-level HTML tag, a block tag
  such as ``{% if %}`` or ``{% include %}``, a comment) inside an element that holds blocks
  (a ``div``, ``ul``, ``dl``, ``form``, …), never inside text (a ``p``, ``li``, ``dd``, ``a``, …)
  and never inside the page's ``{% block title %}``;
- a line's indentation changes only when the line does not continue a token: the inside of a
  ``{% blocktranslate %}`` (its text is the msgid), ``pre``, ``textarea``, ``script``, ``style``,
  ``svg`` and a tag written over several lines are kept as they are.
Every rewrite is checked: the template without whitespace is unchanged.
"""

import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "src"
WIDTH = 2

# Template tags that are structure (they produce no text of their own, or a whole block).
STRUCTURE_TAGS = {"if", "elif", "else", "endif", "for", "empty", "endfor", "with", "endwith",
                  "block", "endblock", "include", "csrf_token", "load", "extends"}  # fmt: skip
ASSIGNING_TAGS = {"url", "translate", "trans", "firstof", "get_current_language", "now"}
OPENING_TAGS = {"if", "for", "with", "block", "spaceless", "autoescape", "filter", "slot",
                "element", "language"}  # fmt: skip
MIDDLE_TAGS = {"elif", "else", "empty"}


def _names(text):
    return set(text.split())


BLOCK_ELEMENTS = _names("""html head body header footer main nav section article aside div ul ol li
dl dt dd table thead tbody tfoot tr td th caption form fieldset legend details summary figure
figcaption blockquote p h1 h2 h3 h4 h5 h6 hr title meta link script style noscript br""")
CONTAINERS = _names("""html head body header footer main nav section article aside div ul ol dl
table thead tbody tfoot tr form fieldset details figure blockquote""")
VOID = _names("area base br col embed hr img input link meta source track wbr")
OPAQUE_ELEMENTS = {"pre", "textarea", "script", "style", "svg", "title"}
OPAQUE_TAGS = {"blocktranslate": "endblocktranslate", "blocktrans": "endblocktrans",
               "comment": "endcomment", "verbatim": "endverbatim"}  # fmt: skip
ELEMENT_NAME = re.compile(r"<(/?)([a-zA-Z0-9]+)")


def _tag_end(src, start):
    """Where the HTML tag that starts at ``start`` ends (after its ``>``), skipping quoted
    values and template tags in its attributes."""
    j, quote = start + 1, None
    while True:
        if src.startswith(("{%", "{{"), j):
            j = src.index("%}" if src[j + 1] == "%" else "}}", j) + 2
            continue
        c = src[j]
        if quote and c == quote:
            quote = None
        elif not quote and c in "\"'":
            quote = c
        elif not quote and c == ">":
            return j + 1
        j += 1


def _template_token(src, i):
    if src.startswith("{#", i):
        return "comment", src.index("#}", i) + 2
    if src.startswith("{{", i):
        return "var", src.index("}}", i) + 2
    j = src.index("%}", i) + 2
    name = src[i + 2 : j - 2].split()[0]
    if name in OPAQUE_TAGS:
        return "opaque", re.compile(r"\{%\s*" + OPAQUE_TAGS[name] + r"\s*%\}").search(src, j).end()
    return "tag", j


def _html_token(src, i):
    if src.startswith("<!--", i):
        return "comment", src.index("-->", i) + 3
    j = _tag_end(src, i)
    m = ELEMENT_NAME.match(src, i)
    if m and not m.group(1) and m.group(2).lower() in OPAQUE_ELEMENTS:
        closing = re.compile(r"</" + m.group(2) + r"\s*>", re.I)
        return "opaque", closing.search(src, j).end()
    return "html", j


def tokens(src):
    """The template as (kind, text) tokens whose texts add up to it."""
    i, n = 0, len(src)
    while i < n:
        if src.startswith(("{%", "{{", "{#"), i):
            kind, j = _template_token(src, i)
        elif src[i] == "<" and i + 1 < n and (src[i + 1].isalpha() or src[i + 1] in "/!"):
            kind, j = _html_token(src, i)
        else:
            j = i + 1
            while j < n and src[j] not in "{<":
                j += 1
            kind = "text"
        yield kind, src[i:j]
        i = j


def _words(tag):
    return tag[2:-2].split()


def is_structure(kind, value):
    if kind == "comment":
        return True
    if kind == "tag":
        words = _words(value)
        return words[0] in STRUCTURE_TAGS or (
            words[0] in ASSIGNING_TAGS and len(words) >= 3 and words[-2] == "as"
        )
    if kind == "html":
        m = ELEMENT_NAME.match(value)
        return bool(m) and m.group(2).lower() in BLOCK_ELEMENTS
    return False


def _track_element(stack, value):
    m = ELEMENT_NAME.match(value)
    if not m:
        return
    name = m.group(2).lower()
    if m.group(1):
        if name in stack:  # pop to it (a branch of an {% if %} may have opened another)
            while stack.pop() != name:
                pass
    elif name not in VOID and not value.endswith("/>"):
        stack.append(name)


def break_lines(src):
    """``src`` with a line break between each two structural tokens where whitespace is safe."""
    out, stack, blocks = [], [], []  # open elements; open {% block %}s (is it the title?)
    previous_is_structure, space = False, ""
    for kind, value in tokens(src):
        if kind == "text" and not value.strip():
            space += value
            continue
        structure = is_structure(kind, value)
        safe = (not stack or stack[-1] in CONTAINERS) and not any(blocks)
        if kind == "tag" and _words(value)[0] == "block":
            blocks.append(_words(value)[1:2] == ["title"])
        elif kind == "tag" and _words(value)[0] == "endblock" and blocks:
            was_title = blocks.pop()
            safe = safe and not was_title
        if previous_is_structure and structure and safe and "\n" not in space:
            space = "\n"
        out += [space, value]
        space = ""
        if kind == "html":
            _track_element(stack, value)
        previous_is_structure = structure
    return "".join(out) + space


def depth_steps(kind, value):
    """The changes of nesting depth a token makes, in order."""
    if kind == "tag":
        name = _words(value)[0]
        if name in OPENING_TAGS:
            return [1]
        if name in MIDDLE_TAGS:
            return [-1, 1]
        return [-1] if name.startswith("end") else []
    m = ELEMENT_NAME.match(value) if kind == "html" else None
    if not m:
        return []
    if m.group(1):
        return [-1]
    return [] if m.group(2).lower() in VOID or value.endswith("/>") else [1]


def indent(src):
    """``src`` indented by nesting; a line starting with closers moves left for them."""
    starting = defaultdict(list)  # the tokens that start on each line
    continued = set()  # the lines that start inside a token (kept as they are)
    line = 0
    for kind, value in tokens(src):
        starting[line].append((kind, value))
        breaks = value.count("\n")
        if kind != "text":
            continued.update(range(line + 1, line + breaks + 1))
        line += breaks
    out, depth = [], 0
    for number, text in enumerate(src.split("\n")):
        low = depth
        leading = text.lstrip()[:1] in ("<", "{")  # a line that starts with text stays put
        for kind, value in starting[number]:
            steps = depth_steps(kind, value)
            for step in steps:
                depth += step
                low = min(low, depth) if leading else low
            if kind != "text" or value.strip():
                leading = leading and steps == [-1]
        if not text.strip():
            out.append("")
        elif number in continued:
            out.append(text)
        else:
            out.append(" " * (WIDTH * max(low, 0)) + text.lstrip())
    return "\n".join(out)


def lay_out(src):
    new = indent(break_lines(src))
    if re.sub(r"\s+", "", new) != re.sub(r"\s+", "", src):
        raise ValueError("laying out would change more than whitespace")
    return new


def main(argv):
    check = "--check" in argv
    wrong = []
    for path in sorted(ROOT.glob("**/templates/**/*.html")):
        src = path.read_text(encoding="utf-8")
        new = lay_out(src)
        if new != src:
            wrong.append(path)
            if not check:
                path.write_text(new, encoding="utf-8")
    for path in wrong:
        print(f"{'not laid out' if check else 'laid out'}: {path.relative_to(ROOT.parent)}")
    return 1 if check and wrong else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
