import pytest
from django.core.exceptions import ValidationError

from sportloket.core.phones import format_phone
from sportloket.registry.validation import clean_kvk_number, clean_phone, clean_postcode, name_key


@pytest.mark.parametrize(
    ("raw", "clean"),
    [("01234567", "01234567"), ("0123 4567", "01234567"), ("1234567", "01234567"), ("", "")],
)
def test_kvk_numbers_keep_leading_zeros(raw, clean):
    assert clean_kvk_number(raw) == clean


@pytest.mark.parametrize("raw", ["1234567A", "KVK12345", "123", "123456789"])
def test_bad_kvk_numbers_are_refused_in_dutch(raw):
    with pytest.raises(ValidationError) as error:
        clean_kvk_number(raw)
    assert "KvK-nummer" in error.value.messages[0]


@pytest.mark.parametrize(
    ("raw", "clean"), [("3511ab", "3511 AB"), (" 3511  AB ", "3511 AB"), ("9999 zz", "9999 ZZ")]
)
def test_postcodes_are_normalised(raw, clean):
    assert clean_postcode(raw) == clean


@pytest.mark.parametrize("raw", ["0123 AB", "351 AB", "3511 A1", "3511 SS", "3511 SA", "ABCD EF"])
def test_bad_postcodes_are_refused_in_dutch(raw):
    with pytest.raises(ValidationError) as error:
        clean_postcode(raw)
    assert "postcode" in error.value.messages[0]


@pytest.mark.parametrize(
    ("raw", "stored", "shown"),
    [
        ("030-1234567", "+31301234567", "030 123 4567"),
        ("06 12345678", "+31612345678", "06 12345678"),
        ("+32 2 555 12 12", "+3225551212", "+32 2 555 12 12"),
    ],
)
def test_phone_numbers_are_stored_internationally_and_shown_nationally(raw, stored, shown):
    assert clean_phone(raw) == stored
    assert format_phone(stored) == shown


@pytest.mark.parametrize("raw", ["12", "bel me", "030-12"])
def test_bad_phone_numbers_are_refused(raw):
    with pytest.raises(ValidationError):
        clean_phone(raw)


def test_name_key_ignores_case_accents_punctuation_and_legal_form():
    assert name_key("Voetbalvereniging 'Sparta' (v.v.)") == name_key("voetbalvereniging sparta")
    assert name_key("Café Één") == "cafe een"
    assert name_key("Stichting Sport 's-Hertogenbosch") == "sport s hertogenbosch"
    assert name_key("HC Utrecht") != name_key("HC Houten")
