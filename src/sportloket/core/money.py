"""Money as the desk handles it: whole cents in integers, shown and typed in euros.

Every amount is stored in cents. ``euros`` is how people read one (``€ 1.250,50`` in Dutch, with
a no-break space so that the sign stays with its number), ``parse_euros`` reads what people
type, ``as_decimal`` is the number a spreadsheet or open-data file gets. One limit holds for
every amount a person types or a service records (an offering's cost, a fund, an allocation, a
decision): far above anything a desk spends on one thing, and within every database column that
holds cents (a decision's amount is a 32-bit integer: € 21.474.836,47).
"""

import re
from decimal import Decimal

from django.utils import formats

MAX_EUROS = 1_000_000
MAX_CENTS = MAX_EUROS * 100

# Dutch style first: "1.250,50", "1250,5", "1250", "1.250,-"; a dot with one or two decimals
# ("12.50") is read as a decimal point, since it cannot be a thousands separator.
_DUTCH_AMOUNT = re.compile(r"^(?P<whole>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<cents>\d{1,2}|-{1,2}))?$")
_DOT_DECIMAL = re.compile(r"^(?P<whole>\d+)\.(?P<cents>\d{1,2})$")


def as_decimal(cents) -> Decimal | None:
    """Cents as euros, exactly (None stays None)."""
    return None if cents is None else Decimal(int(cents)) / 100


def euros(cents) -> str:
    """Cents as people read them in the active language: 125050 → "€ 1.250,50" in Dutch."""
    number = formats.number_format(
        as_decimal(cents), decimal_pos=2, use_l10n=True, force_grouping=True
    )
    return f"€\u00a0{number}"


def parse_euros(text: str) -> int:
    """An amount in euros as people type it, in cents. Raises ValueError when it is no amount."""
    value = re.sub(r"\s+", "", text.replace("\u00a0", " ")).removeprefix("€")
    value = value.removeprefix("EUR").removeprefix("eur")
    match = _DUTCH_AMOUNT.match(value) or _DOT_DECIMAL.match(value)
    if not match:
        raise ValueError(text)
    whole = int(match["whole"].replace(".", ""))
    cents = match["cents"] or ""
    cents = 0 if cents.startswith("-") else int(cents.ljust(2, "0") or 0)
    return whole * 100 + cents


def for_input(cents: int) -> str:
    """Cents as a form shows them again: "1250" or "1250,50" (what ``parse_euros`` reads back)."""
    whole, rest = divmod(int(cents), 100)
    return f"{whole},{rest:02d}" if rest else str(whole)
