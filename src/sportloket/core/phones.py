"""Phone numbers as people read them. The register checks and stores them in E.164
(``registry.validation.clean_phone``); every page shows them through ``format_phone`` (the
``phone`` template filter)."""

import phonenumbers


def format_phone(value: str) -> str:
    """How people read a stored number: national form for Dutch numbers (030 123 4567)."""
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, "NL")
    except phonenumbers.NumberParseException:
        return value
    if number.country_code == 31:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
