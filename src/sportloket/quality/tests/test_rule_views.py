"""The desk rule editor: requirements (all needed) of options (any one enough), as repeated
fieldsets that work without JavaScript."""

import pytest
from django.conf import settings
from django.urls import reverse

from sportloket.core.tests.factories import MembershipFactory
from sportloket.quality import selectors, services
from sportloket.quality.rules import Requirement

pytestmark = pytest.mark.django_db

RULE = [[("vog", None, "")], [("spn", None, ""), ("kss", 3, "")]]


def url(desk):
    return reverse("quality:rule", args=[desk.slug])


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "10",
    }


def post_data(groups, *, extra_rows=1):
    """The editor's POST for ``groups`` of ``(system, level, line)``, with empty rows and an
    empty requirement as the page offers them."""
    data = {"group_count": str(len(groups) + 1)}
    for number, options in enumerate([*groups, []]):
        prefix = f"group-{number}"
        rows = [*options, *[("", "", "")] * (extra_rows if options else 2)]
        data.update(management(prefix, len(rows)))
        for row, (system, level, line) in enumerate(rows):
            data[f"{prefix}-{row}-system"] = system
            data[f"{prefix}-{row}-min_level"] = level
            data[f"{prefix}-{row}-line"] = line
    return data


@pytest.mark.parametrize(
    ("traits", "status"),
    [({"supporter": True}, 403), ({"partner": True}, 403), ({}, 403)],
    ids=["supporter", "partner", "viewer"],
)
def test_only_coordinators_set_the_rule(client, desk, traits, status):
    client.force_login(MembershipFactory(loket=desk, **traits).user)
    assert client.get(url(desk)).status_code == status
    assert client.post(url(desk), post_data([[("vog", "", "")]])).status_code == status
    assert selectors.desk_rule(loket_id=desk.pk) == []


def test_a_coordinator_sets_a_vog_and_spn_or_kss_level_3(coordinator_client, desk):
    assert coordinator_client.get(url(desk)).status_code == 200
    response = coordinator_client.post(
        url(desk), post_data([[("vog", "", "")], [("spn", "", ""), ("kss", "3", "")]])
    )
    assert response.status_code == 302
    assert selectors.desk_rule(loket_id=desk.pk) == [
        (Requirement("vog"),),
        (Requirement("spn"), Requirement("kss", 3)),
    ]
    page = english(coordinator_client).get(url(desk)).text
    assert (
        "Sport Professionals netwerk (SPN) or Kwalificatiestructuur Sport (KSS) at level 3 or "
        "higher" in page
    )


def test_the_editor_shows_the_rule_with_empty_rows_to_add_more(coordinator_client, desk,
                                                               coordinator):  # fmt: skip
    services.rule_save(loket=desk, groups=RULE, actor=coordinator)
    response = coordinator_client.get(url(desk))
    editor = response.context["editor"]
    # Two requirements and an empty one; each offers one empty row more (two when empty).
    assert [formset.total_form_count() for formset in editor.groups] == [2, 3, 2]
    page = response.text
    assert 'name="group_count" value="3"' in page
    assert 'name="group-1-1-min_level" value="3"' in page


def test_an_option_is_removed_and_an_empty_requirement_is_left_out(
    coordinator_client, desk, coordinator
):
    services.rule_save(loket=desk, groups=RULE, actor=coordinator)
    data = post_data([[("vog", "", "")], [("spn", "", ""), ("kss", "3", "")]])
    data["group-1-1-DELETE"] = "on"
    assert coordinator_client.post(url(desk), data).status_code == 302
    assert selectors.desk_rule(loket_id=desk.pk) == [(Requirement("vog"),), (Requirement("spn"),)]


def test_emptying_every_row_removes_the_rule(coordinator_client, desk, coordinator):
    services.rule_save(loket=desk, groups=RULE, actor=coordinator)
    data = post_data([[("", "", "")]])
    assert coordinator_client.post(url(desk), data).status_code == 302
    assert selectors.desk_rule(loket_id=desk.pk) == []


def test_bad_rows_are_refused_next_to_the_field_and_what_was_typed_stays(
    coordinator_client, desk, coordinator
):
    services.rule_save(loket=desk, groups=RULE, actor=coordinator)
    data = post_data(
        [[("vog", "", "")], [("other", "", ""), ("kss", "7", "")], [("", "2", "jeugd")]]
    )
    response = english(coordinator_client).post(url(desk), data)
    assert response.status_code == 400
    groups = response.context["editor"].groups
    assert groups[1].forms[0].errors["line"] == ["Say what kind of other registration is needed."]
    assert groups[1].forms[1].errors["min_level"] == ["The level runs from 1 to 5."]
    assert groups[2].forms[0].errors["system"] == ["Choose a quality system, or empty this row."]
    page = response.text
    assert 'name="group-1-1-min_level" value="7"' in page
    assert 'name="group-2-0-line" value="jeugd"' in page
    assert "Please correct the fields marked below." in page
    assert selectors.desk_rule(loket_id=desk.pk) == [
        (Requirement("vog"),),
        (Requirement("spn"), Requirement("kss", 3)),
    ]


def test_a_tampered_count_is_bounded(coordinator_client, desk):
    data = post_data([[("vog", "", "")]])
    data["group_count"] = "100000"
    response = coordinator_client.post(url(desk), data)
    # Ten requirements at most are read; the ones without their rows are an error, not a crash.
    assert response.status_code == 400
    assert len(response.context["editor"].groups) == 10
    assert selectors.desk_rule(loket_id=desk.pk) == []
