"""The template layout tool (tools/template_layout.py) changes whitespace only where it cannot
show: it breaks lines between blocks, indents by nesting, and leaves text, translations and
preformatted content as they are. ``make lint`` fails when a template is not laid out."""

import pytest

from tools.template_layout import lay_out, main


def test_blocks_get_their_own_lines_and_are_indented_by_nesting():
    src = (
        "<section>{% if items %}<ul>{% for i in items %}<li>{{ i }}</li>{% endfor %}</ul>"
        "{% else %}<p>None.</p>{% endif %}</section>"
    )
    assert lay_out(src) == (
        "<section>\n"
        "  {% if items %}\n"
        "    <ul>\n"
        "      {% for i in items %}\n"
        "        <li>{{ i }}</li>\n"
        "      {% endfor %}\n"
        "    </ul>\n"
        "  {% else %}\n"
        "    <p>None.</p>\n"
        "  {% endif %}\n"
        "</section>"
    )


@pytest.mark.parametrize(
    "src",
    [
        # text flow: a break here would put a space before the comma
        "<dd>{% for t in themes %}{% if not forloop.first %}, {% endif %}{{ t }}{% endfor %}</dd>",
        "<p>{% translate 'Status:' %} <strong>{{ state }}</strong>{% if late %} late{% endif %}</p>",
        # the page's title
        "{% block title %}{% if x %}{% translate 'A' %}{% else %}B{% endif %}{% endblock %}",
    ],
)
def test_text_is_never_broken(src):
    assert lay_out(src) == src


def test_translations_and_preformatted_content_keep_their_lines():
    src = (
        "<div>\n"
        "{% blocktranslate %}One line\n   and its next line{% endblocktranslate %}\n"
        "<pre>keep\n      this</pre>\n"
        "<textarea name=a>\n  typed</textarea>\n"
        "</div>"
    )
    laid_out = lay_out(src)
    assert "{% blocktranslate %}One line\n   and its next line{% endblocktranslate %}" in laid_out
    assert "<pre>keep\n      this</pre>" in laid_out
    assert "<textarea name=a>\n  typed</textarea>" in laid_out


def test_a_tag_over_several_lines_keeps_its_own_layout():
    src = '<div>\n<a href="x"\n      class="y">z</a>\n</div>'
    assert lay_out(src) == '<div>\n  <a href="x"\n      class="y">z</a>\n</div>'


def test_laying_out_twice_changes_nothing():
    src = "<div><div>{% if a %}<p>x</p>{% endif %}</div></div>"
    assert lay_out(lay_out(src)) == lay_out(src)


def test_every_template_of_the_project_is_laid_out(capsys):
    assert main(["--check"]) == 0, capsys.readouterr().out
