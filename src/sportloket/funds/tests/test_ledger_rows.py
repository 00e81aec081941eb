"""The rows of the ledger and the approvals page, written in Python rather than by the
template: each fact, day, time and move as the template's filters wrote them (escaped, in
the page's language and time zone), and the forms of the moves with the page's own number,
the row's own ids and amount and a CSRF token the server accepts."""

import datetime
import re
import zoneinfo

import pytest
from django.template import Context, Template
from django.test import Client
from django.utils import timezone, translation
from freezegun import freeze_time

from sportloket.core.dates import day_text
from sportloket.decisions.tests.factories import make_decision
from sportloket.funds import services
from sportloket.funds.tests.pages import login, url
from sportloket.funds.views import rows
from sportloket.helprequests.tests.factories import HelpRequestFactory
from sportloket.testing.html import squashed

pytestmark = pytest.mark.django_db

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
FILTERS = Template('{{ moment|date:"c" }}|{{ moment|date:"j N Y H:i" }}|{{ moment|date:"j N Y" }}')


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(
    "moment",
    [
        datetime.datetime(2026, 1, 5, 8, 3, tzinfo=datetime.UTC),
        datetime.datetime(2026, 3, 29, 1, 30, tzinfo=datetime.UTC),  # summer time begins
        datetime.datetime(2026, 5, 31, 22, 59, 59, 123456, tzinfo=datetime.UTC),  # June there
        datetime.datetime(2026, 10, 25, 0, 45, tzinfo=datetime.UTC),  # summer time ends
        datetime.datetime(999, 12, 31, 23, 0, tzinfo=AMSTERDAM),
    ],
)
def test_days_and_times_as_the_date_filter_writes_them(language, moment):
    with translation.override(language), timezone.override(AMSTERDAM):
        expected = FILTERS.render(Context({"moment": moment})).split("|")
        write = rows._Writer(
            slug="alpha", for_approver=False, sees_requests=True, manages_funds=True
        )
        local = moment.astimezone(write.zone)
        when = f"{day_text(local)} {local.hour:02d}:{local.minute:02d}"
        assert [local.isoformat(), when, day_text(local)] == expected


@pytest.mark.parametrize(
    "question",
    ["Kort.", "x" * 80, "x" * 81, "e\u0301" * 80, "e\u0301" * 81, "Vraag <b>& 'zo'</b> " * 9],
)
def test_a_question_shortened_as_truncatechars_writes_it(question):
    expected = Template("{{ q|truncatechars:80 }}").render(Context({"q": question}))
    assert rows._e(rows._shortened(question)) == expected


@freeze_time("2026-03-05 13:45:00")
def test_the_ledger_writes_each_allocation_in_full(
    coordinator_client, desk, coordinator, funds, allocate, new_decision, volunteers, finances
):
    municipal, _rabo = funds
    allocate(municipal, 60_000, themes=[volunteers, finances])
    outside = new_decision(amount_cents=12_500, outside_cents=2_500)
    services.decision_fund(decision=outside, splits=[(municipal, 10_000)],
                           idempotency_key="rows-1", actor=coordinator)  # fmt: skip
    paid = allocate(municipal, 20_000)
    services.allocation_pay(allocation=paid, paid_cents=15_000, actor=coordinator,
                            note="Factuur <1>\nbetaald & klaar")  # fmt: skip
    asker = HelpRequestFactory(loket=desk, organisation=None, question="Q" * 90,
                               organisation_name='Losse "aanvrager" <x>')  # fmt: skip
    loose = make_decision(desk, decided_by=coordinator, amount_cents=8_000, help_request=asker)
    services.decision_fund(decision=loose, splits=[(municipal, 8_000)],
                           idempotency_key="rows-2", actor=coordinator)  # fmt: skip

    page = squashed(coordinator_client.get(url("fund-detail", desk, municipal.pk)).text)

    # Without an organisation in the register: the name as given, escaped; no themes.
    assert 'Losse &quot;aanvrager&quot; &lt;x&gt;: € 80,00 <span class="badge">Goedgekeurd' in (
        page
    )
    assert f">{'Q' * 79}…</a></dd>" in page
    assert "<dt>Thema's</dt><dd>–</dd>" in page
    # The question's themes in the desk's order; the decision with what is paid outside.
    assert "<dt>Thema's</dt><dd>Financiën, Vrijwilligers</dd>" in page
    assert "van 5 mrt. 2026, in totaal € 125,00 (waarvan € 25,00 buiten de fondsen betaald)" in (
        page
    )
    # A payment in the history with its amount and its note, escaped, its lines kept.
    assert (
        '<time datetime="2026-03-05T14:45:00+01:00">5 mrt. 2026 14:45</time> · '
        f"{coordinator} · Betaald: € 150,00</p><p>Factuur &lt;1&gt;<br>betaald &amp; klaar</p>"
    ) in page
    assert "<dt>Betaald</dt><dd>€ 150,00</dd>" in page


def _form_of(page, action):
    return re.search(rf'<form method="post" action="{re.escape(action)}".*?</form>', page, re.S)[0]


def test_the_forms_of_the_moves_carry_their_page_their_row_and_a_valid_token(
    desk, coordinator, funds, allocate
):
    municipal, _rabo = funds
    approved = [allocate(municipal, 1_000 + i) for i in range(26)]
    oldest, newest = approved[0], approved[-1]
    client = login(Client(enforce_csrf_checks=True), coordinator)
    ledger = url("fund-detail", desk, municipal.pk)
    client.get(ledger)  # the forms of page 1 are kept for the next pages
    page = client.get(ledger, {"page": 2}).text
    pay = _form_of(page, url("allocation-pay", desk, oldest.pk))
    assert '<input type="hidden" name="page" value="2">' in pay
    assert f'id="id_pay_{oldest.pk}_paid_cents"' in pay and "__" not in pay
    assert 'value="10"' in pay  # € 10,00, its own amount
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', pay)[1]
    assert url("allocation-pay", desk, newest.pk) in client.get(ledger).text

    done = client.post(
        url("allocation-pay", desk, oldest.pk),
        {"csrfmiddlewaretoken": token, "paid_cents": "10", "note": "", "back": "ledger",
         "page": "2"},
    )  # fmt: skip
    assert done.status_code == 302
    assert done["Location"] == f"{ledger}?page=2"
    oldest.refresh_from_db()
    assert oldest.paid_cents == 1_000


def test_a_refused_move_shows_what_was_typed_where_it_was_sent_from(
    coordinator_client, desk, funds, allocate
):
    municipal, _rabo = funds
    approved = allocate(municipal, 1_000)
    refused = coordinator_client.post(
        url("allocation-pay", desk, approved.pk),
        {"paid_cents": "99.999", "note": "te veel", "back": "ledger", "page": "1"},
    )
    assert refused.status_code == 400
    pay = _form_of(refused.text, url("allocation-pay", desk, approved.pk))
    assert 'value="99.999"' in pay and 'value="te veel"' in pay
    assert 'aria-invalid="true"' in pay


def test_the_approvals_page_names_no_provider_who_did_not_consent(
    client, desk, coordinator, representative, funds
):
    municipal, _rabo = funds
    asker = HelpRequestFactory(loket=desk, organisation_name="Geheime club",
                               consents_to_sharing=False)  # fmt: skip
    decision = make_decision(desk, decided_by=coordinator, amount_cents=60_000,
                             help_request=asker)  # fmt: skip
    [waiting] = services.decision_fund(decision=decision, splits=[(municipal, 60_000)],
                                       idempotency_key="rows-3", actor=coordinator)  # fmt: skip
    page = squashed(login(client, representative).get(url("approvals", desk)).text)
    assert "Een aanbieder (de vraag is niet gedeeld): € 600,00" in page
    assert f'<dd><a href="{url("fund-detail", desk, municipal.pk)}">Uitvoeringsbudget</a>' in page
    assert url("allocation-approve", desk, waiting.pk) in page
    # The coordinator's ledger names the club (the coordinator reads every question).
    ledger = login(client, coordinator).get(url("fund-detail", desk, municipal.pk)).text
    assert "Geheime club: € 600,00" in squashed(ledger)
