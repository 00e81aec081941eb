"""The hand-built round of the figures' tests (``building.HAND``)."""

import pytest

from sportloket.clubcheck.tests.building import (
    HAND,
    HAND_UNANSWERED,
    provider,
)
from sportloket.clubcheck.tests.factories import (
    CheckRoundFactory,
)
from sportloket.registry.models import Sport


@pytest.fixture
def sports(db):
    return dict(zip((1, 2), Sport.objects.order_by("pk")[:2], strict=True))


@pytest.fixture
def hand_round(desk, sports):
    round = CheckRoundFactory(closed=True, loket=desk, year=2026)
    for code, kind, finances, facilities, vacancies, topics, played, youth in HAND:
        provider(
            round,
            code,
            kind=kind,
            sports=[sports[n] for n in played],
            topics=topics,
            finances=finances,
            facilities=facilities,
            board_vacancies=vacancies,
            members_youth=youth,
        )
    for code, kind in HAND_UNANSWERED:
        provider(round, code, kind=kind, answered=False)
    return round
