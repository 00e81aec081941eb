"""The columns of an organisation file: the Dutch header the export writes for each field, the
other names people give it, and the guard against spreadsheet formulas (export and import)."""

import re
import unicodedata

# Canonical field -> the Dutch header written on export (and accepted on import).
EXPORT_HEADERS = {
    "name": "Naam",
    "kind": "Soort",
    "kvk_number": "KvK-nummer",
    "address": "Adres",
    "postcode": "Postcode",
    "city": "Plaats",
    "municipality": "Gemeente",
    "sports": "Sporten",
    "federations": "Sportbonden",
    "email": "E-mail",
    "phone": "Telefoon",
    "website": "Website",
    "member_count": "Aantal leden",
    "founded_on": "Opgericht",
    "status": "Status",
    "tags": "Labels",
}

_ALIASES = {
    "name": [
        "naam", "naam vereniging", "verenigingsnaam", "organisatie", "naam organisatie",
        "organisatienaam", "naam sportaanbieder", "sportaanbieder", "statutaire naam",
        "handelsnaam", "name",
    ],
    "kind": ["soort", "type", "soort organisatie", "soort aanbieder", "categorie"],
    "kvk_number": ["kvk", "kvk nummer", "kvknummer", "kvk nr", "kamer van koophandel", "kvk-nr"],
    "address": ["adres", "straat", "straat en huisnummer", "bezoekadres", "vestigingsadres"],
    "postcode": ["postcode", "pc", "postcode bezoekadres"],
    "city": ["plaats", "woonplaats", "vestigingsplaats", "plaatsnaam", "stad"],
    "municipality": ["gemeente", "gemeentenaam", "gemeentecode"],
    "sports": ["sport", "sporten", "sportaanbod", "tak van sport", "takken van sport"],
    "federations": ["sportbond", "sportbonden", "bond", "bonden", "aangesloten bij"],
    "email": ["e-mail", "email", "e-mailadres", "emailadres", "mail"],
    "phone": ["telefoon", "telefoonnummer", "tel", "tel nr", "telefoon nr"],
    "website": ["website", "internet", "url", "site", "webadres"],
    "member_count": ["aantal leden", "leden", "ledenaantal", "ledental", "aantal"],
    "founded_on": ["opgericht", "oprichtingsdatum", "datum oprichting", "opgericht op"],
    "status": ["status"],
    "tags": ["labels", "label", "tags"],
}  # fmt: skip


def plain(text) -> str:
    """Lower case, no accents, punctuation as spaces: for comparing headers and names."""
    text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


HEADER_LOOKUP = {plain(alias): key for key, aliases in _ALIASES.items() for alias in aliases}
HEADER_LOOKUP.update({plain(header): key for key, header in EXPORT_HEADERS.items()})


# A cell that starts with one of these is a formula to a spreadsheet: the export puts a quote
# before it, and the import takes that quote off again.
FORMULA_STARTS = ("=", "+", "-", "@")
FORMULA_GUARDED = tuple(f"'{c}" for c in FORMULA_STARTS)
