"""Writes on meetings: plan, change and cancel them (e-mails with the calendar file to whoever
it concerns), invite the consenting contact people of chosen organisations, take answers and
public registrations, remind, record attendance (a contact moment per organisation), agreed
actions and questions raised. Every function records its actor in one transaction."""

from sportloket.meetings.services.day import (
    agreed_action_add,
    agreed_action_done,
    attendance_mark,
    attendance_unmark,
    question_from_meeting,
)
from sportloket.meetings.services.invitations import (
    invitations_send,
    places_taken,
    registration_create,
    reminders_send,
    rsvp_answer,
)
from sportloket.meetings.services.meetings import (
    meeting_cancel,
    meeting_create,
    meeting_notes_save,
    meeting_update,
    series_create,
)

__all__ = [
    "agreed_action_add",
    "agreed_action_done",
    "attendance_mark",
    "attendance_unmark",
    "invitations_send",
    "meeting_cancel",
    "meeting_create",
    "meeting_notes_save",
    "meeting_update",
    "places_taken",
    "question_from_meeting",
    "registration_create",
    "reminders_send",
    "rsvp_answer",
    "series_create",
]
