"""The question page when a coordinator assigns a supporter who does not meet the desk's quality
rule: the Dutch reason next to the assign field, the choice kept, nothing assigned."""

import datetime
import re

import pytest
from freezegun import freeze_time

from sportloket.core.tests.factories import MembershipFactory
from sportloket.helprequests.models import Assignment
from sportloket.helprequests.tests.factories import action_url
from sportloket.helprequests.tests.factories import submit_request as submit
from sportloket.quality import services as quality_services
from sportloket.quality.tests.factories import QualityRegistrationFactory
from sportloket.testing.html import squashed

pytestmark = pytest.mark.django_db

REASON = (
    "Sanne de Vries voldoet niet aan de kwaliteitsregel van dit loket. Een geldige registratie "
    "nodig: Verklaring omtrent het gedrag (VOG). De registratie VOG is verlopen op 3 mrt. 2026."
)


@freeze_time("2026-03-04 10:00:00+01:00")
def test_the_request_page_shows_the_dutch_reason_next_to_the_assign_field(
    coordinator_client, desk, coordinator
):
    quality_services.rule_save(loket=desk, groups=[[("vog", None, "")]], actor=coordinator)
    sanne = MembershipFactory(loket=desk, supporter=True, user__full_name="Sanne de Vries")
    QualityRegistrationFactory(
        user=sanne.user, valid_from=datetime.date(2023, 3, 4), valid_until=datetime.date(2026, 3, 3)
    )
    question = submit(desk)

    response = coordinator_client.post(action_url(question, "assign"), {"supporter": sanne.pk})

    assert response.status_code == 400
    assert response.context["assign_form"].errors == {"supporter": [REASON]}
    html = squashed(response.text)
    # The reason sits in the assign field's own block, between its label and its select, which
    # points to it; the select still holds the supporter the coordinator chose.
    field = re.search(
        r'<div class="field field--error">\s*<label for="id_supporter">.*?</select>', html
    )
    assert field is not None, html
    field = field.group(0)
    assert f'<ul class="errorlist" id="id_supporter_error"><li>{REASON}</li></ul>' in field
    assert 'aria-describedby="id_supporter_error"' in field
    assert 'aria-invalid="true"' in field
    # Listed disabled, with the reason (issue 17, fault 4), and still the one chosen.
    assert f'<option value="{sanne.pk}" selected disabled>' in field
    # The summary at the top of the form links to the field with the same Dutch reason.
    assert f'<a href="#id_supporter">Toewijzen aan: {REASON}</a>' in html
    assert not Assignment.objects.exists()
