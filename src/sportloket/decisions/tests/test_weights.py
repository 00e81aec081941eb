"""weights_save: a desk's matching weights run from 0 to 10 and something must count."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from sportloket.decisions import selectors, services
from sportloket.decisions.constants import Criterion
from sportloket.decisions.models import MatchingWeights

pytestmark = pytest.mark.django_db


def errors(excinfo) -> dict:
    return excinfo.value.message_dict


def test_weights_start_at_the_defaults_without_writing(desk):
    weights = selectors.desk_weights(loket_id=desk.pk)
    assert weights.pk is None and weights.theme == 10
    assert not MatchingWeights.objects.exists()


def test_weights_are_saved_per_desk_with_their_actor(desk, other_desk, coordinator):
    services.weights_save(loket=desk, actor=coordinator, theme=7, novelty=0)
    weights = selectors.desk_weights(loket_id=desk.pk)
    assert (weights.theme, weights.novelty, weights.sport) == (7, 0, 5)
    assert selectors.desk_weights(loket_id=other_desk.pk).theme == 10
    entries = LogEntry.objects.get_for_object(weights)
    assert entries.exists() and {entry.actor for entry in entries} == {coordinator}


@pytest.mark.parametrize("value", [-1, 11])
def test_weights_run_from_0_to_10(desk, coordinator, value):
    with pytest.raises(ValidationError) as excinfo:
        services.weights_save(loket=desk, actor=coordinator, money=value)
    assert list(errors(excinfo)) == ["money"]
    assert not MatchingWeights.objects.exists()


def test_not_every_weight_may_be_zero(desk, coordinator):
    with pytest.raises(ValidationError):
        services.weights_save(loket=desk, actor=coordinator, **dict.fromkeys(Criterion.values, 0))
    assert not MatchingWeights.objects.exists()


def test_one_weight_may_be_zero_while_others_count(desk, coordinator):
    services.weights_save(loket=desk, actor=coordinator, novelty=0)  # the others still count
    assert selectors.desk_weights(loket_id=desk.pk).novelty == 0
    zeros_but_theme = {**dict.fromkeys(Criterion.values, 0), "theme": 3}
    services.weights_save(loket=desk, actor=coordinator, **zeros_but_theme)
    # Setting the last counting one to zero alone is refused: nothing would count any more.
    with pytest.raises(ValidationError):
        services.weights_save(loket=desk, actor=coordinator, theme=0)
    assert selectors.desk_weights(loket_id=desk.pk).theme == 3
    services.weights_save(loket=desk, actor=coordinator, theme=0, rating=2)
    assert selectors.desk_weights(loket_id=desk.pk).rating == 2


def test_unknown_criteria_are_a_programming_error(desk, coordinator):
    with pytest.raises(ValueError, match="colour"):
        services.weights_save(loket=desk, actor=coordinator, colour=3)
