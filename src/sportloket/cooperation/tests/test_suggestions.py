"""Suggestions to bring providers together: the reasons, only providers that agreed named,
groups that already cooperate left out, a constant number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sportloket.cooperation import services
from sportloket.cooperation.selectors import suggestions
from sportloket.cooperation.tests.factories import CooperationFactory, IntroductionConsentFactory
from sportloket.core.tests.factories import ThemeFactory
from sportloket.helprequests.tests.factories import HelpRequestFactory
from sportloket.registry.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def agreeing(desk, **fields):
    organisation = OrganisationFactory.for_desk(desk, **fields)
    IntroductionConsentFactory(loket=desk, organisation=organisation)
    return organisation


def asked(desk, organisation, theme, days_ago=30):
    question = HelpRequestFactory(
        loket=desk,
        organisation=organisation,
        submitted_at=timezone.now() - datetime.timedelta(days=days_ago),
    )
    question.themes.add(theme)
    return question


def test_providers_who_asked_about_the_same_theme_are_suggested_with_the_reason(desk):
    theme = ThemeFactory(loket=desk, name="vrijwilligersbeleid")
    clubs = [agreeing(desk, city="Houten") for _ in range(3)]
    for club in clubs:
        asked(desk, club, theme)
    (found,) = suggestions(loket=desk, kind="theme")
    assert (
        found.reason
        == "3 aanbieders in Houten vroegen in de afgelopen 12 maanden naar vrijwilligersbeleid"
    )
    assert set(found.ids) == {c.pk for c in clubs}
    assert found.theme_id == theme.pk


def test_a_provider_without_agreement_is_never_named(desk):
    theme = ThemeFactory(loket=desk)
    shy = OrganisationFactory.for_desk(desk, address="Sportlaan 1", postcode="3991AB")
    never = OrganisationFactory.for_desk(desk, address="Sportlaan 1", postcode="3991AB")
    withdrawn = agreeing(desk, address="Sportlaan 1", postcode="3991AB")
    services.consent_withdraw(consent=withdrawn.introduction_consents.get(), actor=None)
    other_desk_consent = OrganisationFactory.for_desk(
        desk, address="Sportlaan 1", postcode="3991AB"
    )
    IntroductionConsentFactory(organisation=other_desk_consent)  # agreed at another desk only
    a, b = agreeing(desk, address="Sportlaan 1", postcode="3991AB"), agreeing(desk)
    for organisation in (shy, never, withdrawn, other_desk_consent, a, b):
        asked(desk, organisation, theme)
    named = {i for s in suggestions(loket=desk) for i in s.ids}
    assert named == {a.pk, b.pk}
    everyone = " ".join(n for s in suggestions(loket=desk) for n in s.names)
    for organisation in (shy, never, withdrawn, other_desk_consent):
        assert organisation.name not in everyone


def test_old_questions_and_lone_providers_make_no_suggestion(desk):
    theme = ThemeFactory(loket=desk)
    a, b, c = agreeing(desk), agreeing(desk), agreeing(desk)
    asked(desk, a, theme)
    asked(desk, b, theme, days_ago=400)  # longer than 12 months ago
    asked(desk, c, ThemeFactory(loket=desk))
    assert suggestions(loket=desk, kind="theme") == []


def test_shared_address_neighbourhood_and_sport(desk):
    a = agreeing(desk, address="Sportpark 3", postcode="3991 AB")
    b = agreeing(desk, address="sportpark  3", postcode="3991AB")
    c = agreeing(desk, address="Dorpsstraat 8", postcode="3991CD")
    kinds = {s.kind: set(s.ids) for s in suggestions(loket=desk)}
    assert kinds["facility"] == {a.pk, b.pk}
    assert kinds["neighbourhood"] == {a.pk, b.pk, c.pk}
    assert "sport" not in kinds


def test_providers_that_already_cooperate_are_left_out_and_an_introduction_is_shown(
    desk, coordinator
):
    theme = ThemeFactory(loket=desk)
    a, b = agreeing(desk), agreeing(desk)
    asked(desk, a, theme)
    asked(desk, b, theme)
    cooperation = CooperationFactory(loket=desk)
    for organisation in (a, b):
        cooperation.parties.create(organisation=organisation)
    assert suggestions(loket=desk, kind="theme") == []
    services.status_change(
        cooperation=cooperation, actor=coordinator, to_status="ended", outcome="Klaar."
    )
    (again,) = suggestions(loket=desk, kind="theme")
    assert again.introduced_on is None


def test_the_number_of_queries_does_not_grow_with_the_providers(desk):
    theme = ThemeFactory(loket=desk)

    def count():
        with CaptureQueriesContext(connection) as queries:
            found = suggestions(loket=desk)
        return len(queries), len(found)

    for _ in range(2):
        asked(desk, agreeing(desk, address="Sportpark 3", postcode="3991AB"), theme)
    few, found_few = count()
    for _ in range(10):
        asked(desk, agreeing(desk, address="Sportpark 3", postcode="3991AB"), theme)
    many, found_many = count()
    assert found_few == found_many == 2  # the theme and the address (the same neighbourhood)
    assert few == many <= 6
