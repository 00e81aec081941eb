"""Writes of the yearly club check: a desk's rounds and its own questions, the invitations and
reminders, and the providers' answers with what follows from them (the register, signals on
the work list, a question made of an answer)."""

from sportloket.clubcheck.services.answers import answer_submit, answer_to_question
from sportloket.clubcheck.services.rounds import (
    extra_question_add,
    extra_question_remove,
    remind_unanswered,
    round_create,
    round_invite,
    round_update,
)

__all__ = [
    "answer_submit",
    "answer_to_question",
    "extra_question_add",
    "extra_question_remove",
    "remind_unanswered",
    "round_create",
    "round_invite",
    "round_update",
]
