import pytest
from django.apps import apps
from django.core.management import call_command

from sportloket.core.constants import Role
from sportloket.core.models import Loket, Membership


def _row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
    }


@pytest.mark.django_db
def test_seed_demo_twice_leaves_every_table_unchanged():
    call_command("seed_demo", quiet=True)
    first = _row_counts()
    call_command("seed_demo", quiet=True)
    assert _row_counts() == first
    assert first["core.Loket"] == 2


@pytest.mark.django_db
def test_seed_demo_has_an_account_for_every_role():
    call_command("seed_demo", quiet=True)
    demo = Loket.objects.get(slug="demo")
    assert demo.name == "Sportloket Demo"
    roles = set(Membership.objects.active().for_desk(demo).values_list("role", flat=True))
    assert roles == set(Role.values)
    assert demo.work_area.count() == 4


@pytest.mark.django_db
def test_seed_demo_fills_the_demo_network():
    from sportloket.registry import selectors
    from sportloket.registry.models import Organisation

    call_command("seed_demo", quiet=True)
    demo = Loket.objects.get(slug="demo")
    register = Organisation.objects.for_desk(demo)
    assert register.providers().count() >= 40
    assert register.filter(kind="municipality").exists()
    assert register.filter(kind="sport_platform").exists()
    assert register.filter(kind="fund").exists()
    assert register.filter(kind__in=["care", "welfare"]).count() >= 2
    participations = list(selectors.desk_participations(loket=demo))
    assert any(p.has_valid_declaration for p in participations)
    assert any(not p.has_valid_declaration for p in participations)


@pytest.mark.django_db
def test_seed_demo_has_help_requests_in_every_state_at_both_desks():
    from sportloket.helprequests.constants import RequestState
    from sportloket.helprequests.models import HelpRequest

    call_command("seed_demo", quiet=True)
    demo = HelpRequest.objects.filter(loket__slug="demo")
    assert 35 <= demo.count() <= 45
    assert set(demo.values_list("state", flat=True)) == set(RequestState.values)
    heuvelrug = HelpRequest.objects.filter(loket__slug="heuvelrug")
    # (one of them from the club whose secretary shows the provider's page, demo.clubcheck)
    assert 5 <= heuvelrug.exclude(channel="referral").count() <= 6
    assert heuvelrug.filter(channel="referral").count() == 1  # referred by the demo desk
    # Most questions come from the register; a few from organisations it does not know yet.
    unlinked = demo.filter(organisation__isnull=True)
    assert 1 <= unlinked.count() < demo.count() // 4
    assert all(r.organisation_name and r.organisation_place for r in unlinked)
    # Only example addresses: the demo never mails a real person.
    emails = HelpRequest.objects.values_list("contact_email", flat=True)
    assert all(e.endswith(("@example.nl", ".example.nl")) for e in emails)


@pytest.mark.django_db
def test_seed_demo_requests_have_their_history_and_outcomes():
    from sportloket.helprequests.constants import RequestState as S
    from sportloket.helprequests.models import Assignment, HelpRequest, InternalNote, Message

    call_command("seed_demo", quiet=True)
    demo = HelpRequest.objects.filter(loket__slug="demo")
    evaluated = demo.filter(state=S.EVALUATED)
    assert evaluated.exists()
    assert all(1 <= r.rating <= 5 and r.rating_comment for r in evaluated)
    assert demo.exclude(state=S.EVALUATED).filter(rating__isnull=False).count() == 0
    referred = demo.filter(state=S.REFERRED)
    assert referred.exists() and all(r.referred_to for r in referred)
    assert referred.exclude(referral_outcome="").exists()
    for state in (S.REJECTED, S.ON_HOLD, S.REFERRED):
        for request in demo.filter(state=state):
            assert request.state_changes.filter(to_state=state).exclude(note="").exists()
    assert InternalNote.objects.filter(help_request__loket__slug="demo").exists()
    assert Message.objects.filter(help_request__loket__slug="demo", from_provider=True).exists()
    assert Message.objects.filter(help_request__loket__slug="demo", from_provider=False).exists()
    assignees = set(
        Assignment.objects.filter(help_request__loket__slug="demo").values_list(
            "supporter__email", flat=True
        )
    )
    assert {"ondersteuner@sportloket-demo.nl", "buurtsportcoach@sportloket-demo.nl"} <= assignees
    assert Assignment.objects.filter(ended_at__isnull=False).exists()  # a reassignment


@pytest.mark.django_db
def test_seed_demo_requests_are_spread_over_past_months_with_response_times():
    from django.utils import timezone

    from sportloket.helprequests import selectors
    from sportloket.helprequests.models import HelpRequest
    from sportloket.helprequests.timing import DECISION_STATES
    from sportloket.helprequests.workflow import CLOSED_STATES

    call_command("seed_demo", quiet=True)
    now = timezone.now()
    demo = HelpRequest.objects.filter(loket__slug="demo")
    months = {timezone.localdate(r.submitted_at).replace(day=1) for r in demo}
    assert len(months) >= 7
    decided_months = {timezone.localdate(r.decided_at).replace(day=1) for r in demo if r.decided_at}
    assert len(decided_months) >= 6  # the monthly response-time figures have data
    for request in demo:
        times = [request.submitted_at]
        times += [c.at for c in request.state_changes.all()]
        times += [m.created_at for m in request.messages.all()]
        times += [n.created_at for n in request.internal_notes.all()]
        assert min(times) == request.submitted_at and max(times) < now
        answered = request.state_changes.filter(by_provider=False).exclude(from_state="").exists()
        answered = answered or request.messages.filter(from_provider=False).exists()
        if answered:
            assert request.first_response_at is not None
            assert request.first_response_days is not None
        decided = request.state_changes.filter(to_state__in=DECISION_STATES).exists()
        assert (request.decided_at is not None) == decided
        assert (request.decision_days is not None) == decided
        assert (request.closed_at is not None) == (request.state in CLOSED_STATES)
        assert request.respond_by and request.decide_by
    # Some answers came later than the desk's targets; some questions are overdue now.
    assert demo.filter(first_response_days__gt=3).exists()
    assert demo.filter(decision_days__gt=20).exists()
    assert demo.overdue().exists()
    figures = selectors.response_figures(loket=Loket.objects.get(slug="demo"))
    assert len([row for row in figures if row["decision"]]) >= 6
