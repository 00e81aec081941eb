# ruff: noqa: E501 - a question or message reads best on one line
"""How the demo desks' help requests are written down: who acts, the themes, a request and the
steps of its history (``requests_closed`` and ``requests_open`` hold the questions themselves, of
the clubs and sport providers of the demo network in ``demo.network``).

Pure data; ``seed_demo`` makes them through the help-request services and then moves them back
in time. Times are relative: a request was submitted ``ago`` working days before today, at
``at`` o'clock, and each step follows the previous one after ``days`` working days (0: the same
day, later). People and organisations are invented; e-mail addresses use example domains.
"""

from typing import NamedTuple

from sportloket.helprequests.constants import RequestState as S
from sportloket.helprequests.constants import Urgency

# The desk members who act (accounts from demo.desks.USERS).
CARLA = "coordinator@sportloket-demo.nl"
SANDER = "ondersteuner@sportloket-demo.nl"
FATIMA = "buurtsportcoach@sportloket-demo.nl"
HANS = "coordinator@sportloket-heuvelrug.nl"

# Themes by their source name in helprequests.constants.DEFAULT_THEMES (the desk's rows carry
# the Dutch translation).
GOVERNANCE = "Governance and board"
VOLUNTEERS = "Volunteers"
FINANCES = "Finances"
MEMBERS = "Members and recruitment"
FACILITIES = "Facilities and accommodation"
SUSTAINABILITY = "Sustainability"
SAFE_SPORT = "Safe sport climate"
INCLUSION = "Inclusion and diversity"
HEALTHY = "Healthy sport environment"
COMMUNICATION = "Communication"
COOPERATION = "Cooperation"
TRAINING = "Training of staff and trainers"
OTHER = "Other"


class Step(NamedTuple):
    days: int  # working days after the previous step
    at: str  # time of day, "HH:MM"
    action: str  # move, assign, note, message, reply, link, rate, outcome, withdraw
    by: str = ""  # e-mail of the desk member; empty when the provider acts
    text: str = ""  # note, message, reason or comment
    state: str = ""  # the state a move goes to
    extra: str | int = ""  # referred to, supporter's e-mail, organisation or rating


class DemoRequest(NamedTuple):
    ago: int  # working days before today it was submitted
    at: str
    organisation: str  # its name in the demo register, or as typed for a new organisation
    contact: tuple[str, str, str]  # name, e-mail, role at the organisation
    themes: tuple[str, ...]
    question: str
    steps: tuple[Step, ...] = ()
    urgency: str = Urgency.NORMAL
    sharing: bool = True
    new: bool = False  # not in the register: kvk and place as the provider typed them
    kvk: str = ""
    place: str = ""
    kvk_given: bool = True  # False: the provider left it out, the desk links it in triage
    typed: str = ""  # the name as typed, when it differs from the register


def move(days, at, state, by=CARLA, note=""):
    return Step(days, at, "move", by, note, state)


def triage(days, at, by=CARLA):
    return move(days, at, S.TRIAGE, by)


def hold(days, at, by, reason):
    return move(days, at, S.ON_HOLD, by, reason)


def refer(days, at, by, to, reason):
    return Step(days, at, "move", by, reason, S.REFERRED, to)


def reject(days, at, by, reason):
    return move(days, at, S.REJECTED, by, reason)


def assign(days, at, supporter, by=CARLA):
    return Step(days, at, "assign", by, extra=supporter)


def link(days, at, organisation, by=CARLA):
    return Step(days, at, "link", by, extra=organisation)


def note(days, at, by, body):
    return Step(days, at, "note", by, body)


def message(days, at, by, body):
    return Step(days, at, "message", by, body)


def reply(days, at, body):
    return Step(days, at, "reply", text=body)


def outcome(days, at, by, text):
    return Step(days, at, "outcome", by, text)


def rate(days, at, rating, comment):
    return Step(days, at, "rate", text=comment, extra=rating)


def withdraw(days, at, reason):
    return Step(days, at, "withdraw", text=reason)


DUPLICATE_KANTINE = "Wij willen onze kantine gezonder maken: minder frituur, meer fruit en water, en geen alcohol tijdens jeugdwedstrijden. Maar de kantine is onze belangrijkste bron van inkomsten. Hoe doen andere clubs dat zonder omzet te verliezen?"
