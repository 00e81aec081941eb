"""The scan covers the source text's checklist, item by item: the base conditions and every
bullet (and sub-bullet) of "Wanneer ben je een sport- en beweegloket?" and "Hoe werkt een
sport- en beweegloket?", as the text words them, and the page shows each of them."""

import html
import re
from pathlib import Path

import pytest
from django.urls import reverse

from sportloket.scan import checklist

# The source text's items in its own words and order (Basisvoorwaarden en kaders sport- en
# beweegloketten), written out here independently of ``checklist``.
BASE = ["Meervoudige partijdigheid", "Regie", "Kwaliteit"]
WHEN = [
    "je wordt gezien als regie- en coördinatiepunt in het werkgebied door ten minste:",
    "sportaanbieders (of vertegenwoordigers van sportaanbieders, zoals een lokaal sportplatform)",
    "gemeenten",
    "sportbonden",
    "sportbedrijven (indien aanwezig)",
    "de aangesloten professionals proactief contact hebben met sportaanbieders;",
    "je zicht hebt op en beslissingsbevoegdheid over:",
    "uitvoeringsbudget voor ondersteuningsactiviteiten",
    "services budgetten",
    "overige gelden voor ondersteuning (bijvoorbeeld vanuit Rabo ClubSupport)",
    "ondersteuners participeren in het kwaliteitszorgsysteem van Sport Professionals netwerk "
    "(SPN), Academie voor Sportkader (ASK), Kwaliteitsstructuur Sport (KSS) en Landelijke "
    "Academie Buurtsportcoaches (LAB);",
    "je het gehele netwerk van ondersteuners en sportaanbieders in beeld hebt;",
    "alle aangesloten partijen bijdragen aan het delen van data en kennis;",
    "het werkgebied is afgestemd met sportbonden en omliggende gemeenten;",
    "je beschikt over:",
    "een overzicht van sportaanbieders, ondersteuners, relevante organisaties, participerende "
    "sportbonden, sportplatformen in het werkgebied.",
    "een intentieverklaring van alle betrokken partijen.",
]
HOW = [
    "heeft regelmatig en proactief contact met alle sportclubs en ondernemende sportaanbieders "
    "in het werkgebied;",
    "is ingericht op delen van kennis en informatie, het leveren van diensten en het toewijzen "
    "van gelden voor en aan sportaanbieders;",
    "zorgt voor open en transparante besluitvorming op het gebied van ondersteuning, waarbij het "
    "kiezen van de best passende ondersteuning bij de hulpvraag altijd het uitgangspunt is;",
    "faciliteert het op regelmatige basis samenbrengen van het lokale sportnetwerk om "
    "kennisdeling tussen sportaanbieders, gemeenten, sportbedrijven en ondersteuners te "
    "stimuleren. Dit doet het loket samen met het sportplatform (of sportraad en kerngroep);",
    "haalt relevante lokale data en informatie over sportaanbieders op. Dit wordt waar mogelijk "
    "beschikbaar gesteld aan relevante stakeholders, zoals ondersteunings- en "
    "belangenorganisaties;",
    "werkt samen met andere loketten, met name op het gebied van kennisuitwisseling;",
    "stimuleert samenwerking:",
    "tussen sportaanbieders onderling",
    "tussen sportaanbieders en andere organisaties",
    "tussen ondersteuners",
    "met andere domeinen, zoals zorg, welzijn en het bedrijfsleven.",
]
SEED = (
    Path(__file__).resolve().parents[5]
    / "shared"
    / "seed"
    / "basisvoorwaarden-en-kaders-sport-en-beweegloketten.txt"
)


def quotes(items):
    for item in items:
        yield item.quote
        for part in item.parts:
            yield part.quote


def test_the_checklist_quotes_every_item_in_order():
    assert [quote for _key, quote, _title, _parts in checklist.BASE] == BASE
    assert list(quotes(checklist.WHEN)) == WHEN
    assert list(quotes(checklist.HOW)) == HOW


def _bullets(text: str, start: str, end: str) -> list[str]:
    section = text[text.index(start) : text.index(end)]
    return [line.strip()[1:].strip() for line in section.splitlines() if line.strip()[:1] == "•"]


@pytest.mark.skipif(not SEED.exists(), reason="the source text lies beside the repository only")
def test_the_list_here_is_the_source_texts():
    text = SEED.read_text(encoding="utf-8")
    assert _bullets(text, "Wanneer ben je", "Hoe werkt een") == WHEN
    assert _bullets(text, "Hoe werkt een", "Aan de slag") == HOW
    assert [b.strip() for b in _bullets(text, "Drie basisvoorwaarden", "Kaders")] == BASE


def test_the_page_shows_every_item_of_the_source_text(client, desk, coordinator):
    client.force_login(coordinator)
    page = html.unescape(client.get(reverse("scan:desk", args=[desk.slug])).text)
    quoted = re.findall(r'<blockquote lang="nl">\s*<p>(.*?)</p>', page, re.S)
    shown = [re.sub(r"\s+", " ", quote).strip() for quote in quoted]
    assert shown == [*BASE, *WHEN, *HOW]
    assert page.count('class="verdict verdict--') == len(shown)
