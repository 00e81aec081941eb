import pytest
from django.core.management import call_command

from sportloket.cooperation.models import Cooperation, IntroductionConsent
from sportloket.cooperation.selectors import suggestions
from sportloket.core.models import Loket
from sportloket.demo.cooperation import load_demo_cooperation
from sportloket.helprequests.models import Referral
from sportloket.registry.models import AdviserRelation

pytestmark = pytest.mark.django_db


def test_the_demo_cooperation_loads_once():
    call_command("seed_demo", "--quiet")
    demo, heuvelrug = Loket.objects.get(slug="demo"), Loket.objects.get(slug="heuvelrug")
    assert list(demo.neighbours.all()) == [heuvelrug]
    assert IntroductionConsent.objects.filter(loket=demo).count() == 6
    assert Cooperation.objects.filter(loket=demo).count() >= 1
    assert AdviserRelation.objects.filter(loket=demo).exists()
    (referral,) = Referral.objects.filter(to_loket=heuvelrug)
    assert referral.received.loket == heuvelrug
    assert suggestions(loket=demo)  # the page has something to show

    load_demo_cooperation(demo, heuvelrug, actor=None)
    assert IntroductionConsent.objects.filter(loket=demo).count() == 6
    assert Referral.objects.count() == 1
