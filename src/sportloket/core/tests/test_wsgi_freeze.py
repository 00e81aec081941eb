"""The WSGI application moves what a worker keeps for life out of the garbage collector's way
(conf.wsgi.FreezeWhatLasts): after the first requests, and then no more."""

import gc

import pytest

from sportloket.conf.wsgi import FreezeWhatLasts


@pytest.fixture
def unfrozen():
    threshold = gc.get_threshold()
    gc.unfreeze()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_what_lives_after_the_first_requests_is_frozen_and_each_request_served(unfrozen):
    served = []

    def app(environ, start_response):
        served.append(environ["PATH_INFO"])
        return [b"ok"]

    wrapped = FreezeWhatLasts(app)
    assert gc.get_freeze_count() == 0
    gc.set_threshold(700, 10, 10)
    assert wrapped({"PATH_INFO": "/a"}, None) == [b"ok"]
    frozen = gc.get_freeze_count()
    assert frozen > 0
    assert gc.get_threshold() == (FreezeWhatLasts.YOUNGEST_THRESHOLD, 10, 10)
    kept = [[number] for number in range(1000)]  # what a later request keeps for good
    for number in range(2, 10):
        wrapped({"PATH_INFO": f"/{number}"}, None)
    # not between the moments: what a request keeps is not frozen yet (a frozen object that
    # reference counting frees leaves the count, so it may also drop a little)
    assert gc.get_freeze_count() < frozen + len(kept)
    wrapped({"PATH_INFO": "/10"}, None)
    assert gc.get_freeze_count() > frozen + len(kept) // 2  # its 1,000 lists, whatever else left
    assert len(served) == 10
