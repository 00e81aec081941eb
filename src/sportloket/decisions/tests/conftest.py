"""Fixtures the decision tests share."""

import pytest

from sportloket.core.tests.factories import ThemeFactory
from sportloket.helprequests.tests.factories import submit_request


@pytest.fixture
def question(desk):
    """A club's question about volunteers, through the intake service, with a contact person
    whose name and phone number no public page may show."""
    theme = ThemeFactory(loket=desk, key="volunteers", name="Vrijwilligers")
    return submit_request(
        desk, themes=[theme], contact_name="Eva Brouwer", contact_phone="0612345678"
    )
