"""The monthly response-time figures and a coordinator's choice of e-mail about new questions."""

from datetime import date

import pytest
from django.urls import reverse
from freezegun import freeze_time

from sportloket.core.constants import RequestMail
from sportloket.core.tests.factories import MembershipFactory
from sportloket.helprequests import selectors, services
from sportloket.helprequests.constants import RequestState as S
from sportloket.helprequests.selectors import _percentile
from sportloket.helprequests.tests.factories import submit_request
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def answered_after(desk, actor, submitted, answered, decided=None):
    with freeze_time(submitted):
        question = submit_request(desk)
    with freeze_time(answered):
        question = services.request_move(help_request=question, to_state=S.TRIAGE, actor=actor)
    if decided:
        with freeze_time(decided):
            question = services.request_move(help_request=question, to_state=S.MATCHED, actor=actor)
    return question


def test_percentiles_interpolate_like_the_database():
    assert _percentile([2, 3], 0.5) == 2.5
    assert _percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9) == pytest.approx(9.1)
    assert _percentile([4], 0.9) == 4


def test_figures_per_month_with_median_p90_and_on_time(desk, coordinator):
    desk.first_response_days, desk.resolution_days = 2, 5
    desk.save()
    # October 2026: responses after 1, 2 and 4 working days; one decision after 6.
    answered_after(desk, coordinator, "2026-10-05 09:00", "2026-10-06 09:00")
    answered_after(desk, coordinator, "2026-10-05 09:00", "2026-10-07 09:00")
    answered_after(desk, coordinator, "2026-10-05 09:00", "2026-10-09 09:00", "2026-10-13 09:00")
    # Asked in October, answered in November (after a weekend): counts in November.
    answered_after(desk, coordinator, "2026-10-30 09:00", "2026-11-02 09:00")
    with freeze_time("2026-11-20"):
        figures = selectors.response_figures(loket=desk, today=date(2026, 11, 20))
    november, october = figures
    assert november["month"] == date(2026, 11, 1)
    assert november["response"] == {"count": 1, "median": 1, "p90": 1, "on_time": 1}
    assert november["decision"] is None
    assert october["response"]["count"] == 3
    assert october["response"]["median"] == 2
    assert october["response"]["p90"] == pytest.approx(3.6)
    assert october["response"]["on_time"] == 2
    assert october["decision"] == {"count": 1, "median": 6, "p90": 6, "on_time": 0}


def test_figures_leave_out_other_desks_and_old_months(desk, other_desk, coordinator):
    answered_after(other_desk, coordinator, "2026-10-05 09:00", "2026-10-06 09:00")
    answered_after(desk, coordinator, "2025-09-01 09:00", "2025-09-02 09:00")
    assert selectors.response_figures(loket=desk, today=date(2026, 11, 20)) == []


def test_the_figures_page_reads_a_fixed_number_of_queries(coordinator_client, desk, coordinator):
    url = reverse("helprequests:response-figures", args=[desk.slug])

    def add_rows(n):
        for i in range(n):
            answered_after(desk, coordinator, f"2026-0{1 + i % 9}-05 09:00",
                           f"2026-0{1 + i % 9}-06 09:00")  # fmt: skip

    with freeze_time("2026-11-20"):
        _, response = assert_queries_do_not_grow(
            lambda: coordinator_client.get(url), add_rows, more=12, max_queries=12
        )
    page = response.text
    assert "Mediaan" in page and "90e percentiel" in page


def test_a_coordinator_chooses_a_daily_e_mail(coordinator_client, desk, coordinator):
    url = reverse("helprequests:request-mail", args=[desk.slug])
    assert coordinator_client.get(url).status_code == 200
    bad = coordinator_client.post(url, {"request_mail": "hourly"})
    assert bad.status_code == 400
    coordinator_client.post(url, {"request_mail": RequestMail.DAILY})
    membership = coordinator.memberships.get(loket=desk)
    assert membership.request_mail == RequestMail.DAILY


def test_supporters_do_not_get_the_new_question_setting(client, desk):
    supporter = MembershipFactory(loket=desk, supporter=True)
    client.force_login(supporter.user)
    assert client.get(reverse("helprequests:request-mail", args=[desk.slug])).status_code == 403
    figures = client.get(reverse("helprequests:response-figures", args=[desk.slug]))
    assert figures.status_code == 200
