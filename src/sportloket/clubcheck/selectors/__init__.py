"""Reads of the yearly club check: a desk's rounds and their progress, the signals its answers
raised, a provider's open checks, and the figures (``results``) with small numbers suppressed."""

from sportloket.clubcheck.selectors.national import national_result_rows
from sportloket.clubcheck.selectors.results import (
    DIMENSIONS,
    desk_answers,
    desk_invitations,
    national_answers,
    national_invitations,
    result_rows,
)
from sportloket.clubcheck.selectors.rounds import (
    answer_detail,
    desk_round,
    desk_rounds,
    latest_published_round,
    open_checks_for,
    round_progress,
    round_signals,
)

__all__ = [
    "DIMENSIONS",
    "answer_detail",
    "desk_answers",
    "desk_invitations",
    "desk_round",
    "desk_rounds",
    "latest_published_round",
    "national_answers",
    "national_invitations",
    "national_result_rows",
    "open_checks_for",
    "result_rows",
    "round_progress",
    "round_signals",
]
