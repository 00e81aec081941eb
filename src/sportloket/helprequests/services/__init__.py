"""Writes on help requests: a question's arrival, its moves through the workflow, triage,
assignment, notes and messages, the desk's themes, and the e-mails they cause. Every write
validates, writes and records its actor in one transaction; e-mails are queued in it.

One module per sub-domain; every service is reachable as ``services.<name>``."""

from sportloket.helprequests.services import (
    assignments,
    bulk,
    intake,
    messages,
    referrals,
    triage,
    workflow,
)
from sportloket.helprequests.services.notifications import (
    mail_provider,
    request_digest_send,
    staff_url,
    tracking_url,
)

request_submit = intake.request_submit
supporter_may_act = assignments.supporter_may_act
request_paused_periods = workflow.request_paused_periods
request_move = workflow.request_move
request_withdraw = workflow.request_withdraw
request_rate = workflow.request_rate
referral_outcome_record = workflow.referral_outcome_record
referral_send = referrals.referral_send
referral_accept = referrals.referral_accept
referral_decline = referrals.referral_decline
referral_withdraw = referrals.referral_withdraw
referral_answer_record = referrals.referral_answer_record
referral_outcome = referrals.referral_outcome
referral_desks = referrals.referral_desks
referral_partners = referrals.referral_partners
response_times_refresh = workflow.response_times_refresh
request_triage = triage.request_triage
request_organisation_create = triage.request_organisation_create
request_assign = assignments.request_assign
note_add = messages.note_add
message_send = messages.message_send
message_from_provider = messages.message_from_provider
request_theme_add = bulk.request_theme_add
requests_assign = bulk.requests_assign
requests_move = bulk.requests_move
requests_theme_add = bulk.requests_theme_add

__all__ = [
    "mail_provider",
    "message_from_provider",
    "message_send",
    "note_add",
    "referral_accept",
    "referral_answer_record",
    "referral_decline",
    "referral_desks",
    "referral_outcome",
    "referral_outcome_record",
    "referral_partners",
    "referral_send",
    "referral_withdraw",
    "request_assign",
    "request_digest_send",
    "request_move",
    "request_organisation_create",
    "request_paused_periods",
    "request_rate",
    "request_submit",
    "request_theme_add",
    "request_triage",
    "request_withdraw",
    "requests_assign",
    "requests_move",
    "requests_theme_add",
    "response_times_refresh",
    "staff_url",
    "supporter_may_act",
    "tracking_url",
]
