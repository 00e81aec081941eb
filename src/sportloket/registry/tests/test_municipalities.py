from collections import Counter

import pytest

from sportloket.core.models import Municipality, Province

pytestmark = pytest.mark.django_db


def test_all_342_municipalities_are_loaded_with_unique_cbs_codes():
    codes = list(Municipality.objects.values_list("code", flat=True))
    assert len(codes) == 342
    assert len(set(codes)) == 342
    assert all(code.startswith("GM") and len(code) == 6 for code in codes)


def test_municipalities_per_province_match_cbs():
    per_province = Counter(Municipality.objects.values_list("province__name", flat=True))
    assert Province.objects.count() == 12
    assert per_province["Noord-Brabant"] == 56
    assert per_province["Gelderland"] == 51
    assert per_province["Zuid-Holland"] == 50
    assert per_province["Flevoland"] == 6


def test_recent_mergers_are_present_and_weesp_is_gone():
    assert Municipality.objects.get(code="GM1980").name == "Dijk en Waard"
    assert Municipality.objects.get(code="GM1992").name == "Voorne aan Zee"
    assert not Municipality.objects.filter(name="Weesp").exists()
