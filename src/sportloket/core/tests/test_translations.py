"""The Dutch translation is complete and its compiled file matches the source."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

import sportloket

PO = Path(sportloket.__file__).parent / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def problems(po_text: str) -> list[str]:
    """Entries whose translation is empty or marked fuzzy (the header is skipped)."""
    found = []
    for block in po_text.split("\n\n")[1:]:
        lines = [line for line in block.strip().splitlines() if not line.startswith("#~")]
        if not any(line.startswith("msgid ") for line in lines):
            continue
        if any(line.startswith("#,") and "fuzzy" in line for line in lines):
            found.append(block)
            continue
        translations, current = [], None
        for line in lines:
            if line.startswith("msgstr"):
                current = [json.loads(line.split(" ", 1)[1])]
                translations.append(current)
            elif line.startswith('"') and current is not None:
                current.append(json.loads(line))
            else:
                current = None
        if not translations or any("".join(parts) == "" for parts in translations):
            found.append(block)
    return found


def test_the_check_finds_empty_and_fuzzy_entries():
    text = (
        'msgid ""\nmsgstr "header"\n\n'
        'msgid "Done"\nmsgstr "Klaar"\n\n'
        'msgid "Empty"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Guess"\nmsgstr "Gok"\n\n'
        'msgid "%(n)s day"\nmsgid_plural "%(n)s days"\nmsgstr[0] "%(n)s dag"\nmsgstr[1] ""\n\n'
        'msgid "Long"\nmsgstr ""\n"Lang"\n'
    )
    assert [b.split("\n")[0] for b in problems(text)] == [
        'msgid "Empty"',
        "#, fuzzy",
        'msgid "%(n)s day"',
    ]


def test_every_string_has_a_dutch_translation():
    found = problems(PO.read_text(encoding="utf-8"))
    assert found == [], "untranslated or fuzzy:\n\n" + "\n\n".join(found)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
def test_the_compiled_catalogue_matches_the_source(tmp_path):
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(compiled), str(PO)], check=True)
    assert compiled.read_bytes() == PO.with_suffix(".mo").read_bytes(), (
        "django.mo is stale: run `make messages`"
    )
