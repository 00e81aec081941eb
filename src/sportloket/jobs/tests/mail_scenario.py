"""What the worker test does in a process of its own (``manage.py shell``), against the database
the worker reads: a status change and a message committed, and a message rolled back. Prints
the queue's rows after each step as JSON."""

import json

from django.db import transaction
from django_tasks_db.models import DBTaskResult
from mailer.models import Message

from sportloket.accounts.models import User
from sportloket.helprequests import services
from sportloket.helprequests.models import HelpRequest


class _Undone(Exception):
    pass


def _queue():
    return {"messages": Message.objects.count(), "tasks": DBTaskResult.objects.count()}


def run(request_pk: int, actor_pk: int) -> None:
    help_request = HelpRequest.objects.get(pk=request_pk)
    actor = User.objects.get(pk=actor_pk)
    steps = {"before": _queue()}
    services.request_move(help_request=help_request, to_state="triage", actor=actor)
    services.message_send(help_request=help_request, actor=actor, body="We bellen je morgen.")
    steps["committed"] = _queue()
    try:
        with transaction.atomic():
            services.message_send(help_request=help_request, actor=actor, body="Nooit verstuurd.")
            steps["inside"] = _queue()
            raise _Undone
    except _Undone:
        pass
    steps["rolled_back"] = _queue()
    print(json.dumps(steps))
