"""Dutch identifiers: KvK numbers, postcodes and phone numbers, checked and normalised.

Each ``clean_*`` function returns the normalised value or raises ValidationError with a Dutch
message; forms, services and the importer all use these, so a value means the same everywhere.
"""

import re
import unicodedata

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_KVK = re.compile(r"^\d{8}$")
# Dutch postcodes: four digits not starting with 0, two letters; SA, SD and SS are not issued.
_POSTCODE = re.compile(r"^([1-9]\d{3})\s?([A-Z]{2})$")
_UNUSED_POSTCODE_LETTERS = {"SA", "SD", "SS"}


def clean_kvk_number(value: str) -> str:
    """Eight digits, leading zeros kept. Spaces and dots (as people type them) are removed."""
    value = re.sub(r"[\s.]", "", str(value or ""))
    if not value:
        return ""
    if not value.isdigit():
        raise ValidationError(_("A KvK number has only digits."), code="kvk_digits")
    if len(value) == 7:
        # Spreadsheets drop a leading zero: 1234567 was 01234567.
        value = value.zfill(8)
    if not _KVK.match(value):
        raise ValidationError(_("A KvK number has 8 digits."), code="kvk_length")
    if value == "00000000":
        raise ValidationError(_("00000000 is not a KvK number."), code="kvk_zero")
    return value


def clean_postcode(value: str) -> str:
    """``1234ab`` and ``1234 ab`` become ``1234 AB``."""
    value = re.sub(r"\s+", " ", str(value or "").strip().upper())
    if not value:
        return ""
    match = _POSTCODE.match(value)
    if not match or match.group(2) in _UNUSED_POSTCODE_LETTERS:
        raise ValidationError(
            _("Enter a Dutch postcode: four digits and two letters, such as 3511 AB."),
            code="postcode",
        )
    return f"{match.group(1)} {match.group(2)}"


def clean_phone(value: str) -> str:
    """A Dutch or international phone number in international form (+31301234567)."""
    value = str(value or "").strip()
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, "NL")
    except phonenumbers.NumberParseException as error:
        raise ValidationError(_("Enter a valid phone number."), code="phone") from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(_("Enter a valid phone number."), code="phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


_LEGAL_FORMS = re.compile(r"\b(vereniging|ver|stichting|stg|st|bv|nv|vof|vv|sv)\b")


def name_key(name: str) -> str:
    """A name reduced for finding duplicates: no accents, case, punctuation or legal forms.

    ``Voetbalvereniging 'Sparta' (v.v.)`` and ``voetbalvereniging sparta`` give the same key.
    """
    text = unicodedata.normalize("NFKD", str(name or "")).encode("ascii", "ignore").decode()
    # Dots and apostrophes go first, so that "H.C." and "HC", "v.v." and "vv" are alike.
    text = re.sub(r"[.'’]", "", text.lower())
    text = _LEGAL_FORMS.sub(" ", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())[:200]
