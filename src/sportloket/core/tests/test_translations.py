"""The Dutch translation is complete and its compiled file matches the source."""

import json
import os
import shutil
import subprocess
import sys
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


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="gettext's xgettext is not installed")
def test_every_string_in_the_code_is_in_the_catalogue(tmp_path):
    """Extracts the strings afresh (into a copy, never touching the real catalogue) and checks
    that each one already has its Dutch translation."""
    package = PO.parents[3]
    copy = tmp_path / "sportloket"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    (tmp_path / "extract_settings.py").write_text(
        "from sportloket.conf.settings.test import *  # noqa\n"
        f"LOCALE_PATHS = [{str(copy / 'locale')!r}]\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "extract_settings",
        "PYTHONPATH": os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")]),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "nl",
            "--no-obsolete",
            "--no-location",
        ],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    fresh = (copy / "locale" / "nl" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    found = problems(fresh)
    assert found == [], "not yet translated (run `make messages` and translate):\n\n" + "\n\n".join(
        found
    )
