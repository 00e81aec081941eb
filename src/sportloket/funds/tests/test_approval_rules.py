"""Who decides on a fund: once its owner has a representative at the desk, the coordinator may
make the threshold up to which they decide alone stricter, but only the representative raises
or removes it or gives the fund another owner (on a page of its own, reached from the fund's
ledger, kept in the fund's history). Each role, on the services and on the pages."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from sportloket.core.models import Membership
from sportloket.funds import services
from sportloket.funds.constants import AllocationState as A
from sportloket.funds.models import Fund
from sportloket.funds.services import NotAllowed
from sportloket.funds.tests.factories import new_key
from sportloket.funds.tests.pages import fund_data, url
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

RAISE_REFUSED = (
    "Only a representative of %(owner)s can raise or remove this threshold; you can lower it."
)
OWNER_REFUSED = "Only a representative of %(owner)s can give this fund another owner."


def in_dutch(message, **values):
    """The message as the desk reads it (whatever its translation is by now)."""
    with translation.override("nl"):
        return translation.gettext(message) % values


@pytest.fixture
def fund(new_fund):
    """The municipality's budget: the coordinator decides alone up to € 500."""
    return new_fund(name="Uitvoeringsbudget", approval_threshold_cents=50_000)


@pytest.fixture
def province(desk):
    return OrganisationFactory.for_desk(
        desk, kind=OrganisationKind.MUNICIPALITY, name="Provincie Alpha", kvk_number=None
    )


# --- the coordinator --------------------------------------------------------------------------


@pytest.mark.parametrize("threshold", [50_001, 5_000_000, None])
def test_the_coordinator_cannot_raise_or_remove_the_threshold_of_a_represented_owner(
    fund, coordinator, representative, threshold
):
    with pytest.raises(NotAllowed) as error:
        services.fund_update(fund=fund, actor=coordinator, approval_threshold_cents=threshold)
    assert error.value.message_dict == {
        "approval_threshold_cents": [in_dutch(RAISE_REFUSED, owner="Gemeente Alpha")]
    }
    assert Fund.objects.get().approval_threshold_cents == 50_000


@pytest.mark.parametrize("threshold", [50_000, 49_999, 0])
def test_the_coordinator_may_make_the_threshold_stricter(
    fund, coordinator, representative, threshold
):
    services.fund_update(fund=fund, actor=coordinator, approval_threshold_cents=threshold)
    assert Fund.objects.get().approval_threshold_cents == threshold


def test_the_coordinator_may_give_a_fund_without_a_threshold_one(
    new_fund, coordinator, representative
):
    fund = new_fund(approval_threshold_cents=None)
    services.fund_update(fund=fund, actor=coordinator, approval_threshold_cents=100_000)
    assert Fund.objects.get().approval_threshold_cents == 100_000


def test_the_coordinator_cannot_give_a_represented_owners_fund_another_owner(
    fund, coordinator, representative, owner, province
):
    with pytest.raises(NotAllowed) as error:
        services.fund_update(fund=fund, actor=coordinator, owner=province, name="Anders")
    assert error.value.message_dict == {"owner": [in_dutch(OWNER_REFUSED, owner="Gemeente Alpha")]}
    assert (Fund.objects.get().owner, Fund.objects.get().name) == (owner, "Uitvoeringsbudget")
    # Naming the same owner again is no change.
    services.fund_update(fund=fund, actor=coordinator, owner=owner, name="Anders")
    assert Fund.objects.get().name == "Anders"


def test_a_refused_raise_keeps_the_coordinator_from_deciding_alone(
    fund, coordinator, representative, new_decision
):
    with pytest.raises(NotAllowed):
        services.fund_update(fund=fund, actor=coordinator, approval_threshold_cents=None)
    [allocation] = services.decision_fund(decision=new_decision(amount_cents=60_000),
                                          splits=[(fund, 60_000)], idempotency_key=new_key(),
                                          actor=coordinator)  # fmt: skip
    assert allocation.state == A.PROPOSED


@pytest.mark.parametrize("representation", ["none", "ended"])
def test_without_a_representative_the_coordinator_changes_the_owner_but_not_the_room(
    request, fund, coordinator, province, representation
):
    """An owner without a representative at the desk (or whose representative's membership
    ended): the coordinator may name the right owner and make the threshold stricter, but
    not give themselves more room: ending the representative's membership must not hand over
    the owner's say."""
    if representation == "ended":
        representative = request.getfixturevalue("representative")
        Membership.objects.filter(user=representative).update(ended_at=timezone.now())
    for threshold in (None, 80_000):
        with translation.override("en"), pytest.raises(NotAllowed) as error:
            services.fund_update(fund=fund, actor=coordinator,
                                 approval_threshold_cents=threshold)  # fmt: skip
        assert (
            "nobody at this desk represents"
            in error.value.message_dict["approval_threshold_cents"][0]
        )
    services.fund_update(fund=fund, actor=coordinator, approval_threshold_cents=30_000,
                         owner=province)  # fmt: skip
    fund.refresh_from_db()
    assert (fund.approval_threshold_cents, fund.owner) == (30_000, province)


def test_a_representative_of_another_organisation_does_not_count(fund, coordinator, other_partner):
    """The partner of another organisation does not make the owner represented: the coordinator
    may change the owner, and still not raise the threshold."""
    with pytest.raises(NotAllowed):
        services.fund_update(fund=fund, actor=coordinator, approval_threshold_cents=80_000)
    assert Fund.objects.get().approval_threshold_cents == 50_000


# --- the representative -----------------------------------------------------------------------


def test_the_representative_raises_removes_and_keeps_it_in_the_history(fund, representative, owner):
    services.fund_approval_change(fund=fund, actor=representative, owner=owner,
                                  approval_threshold_cents=200_000)  # fmt: skip
    assert Fund.objects.get().approval_threshold_cents == 200_000
    services.fund_approval_change(fund=fund, actor=representative, owner=owner,
                                  approval_threshold_cents=None)  # fmt: skip
    assert Fund.objects.get().approval_threshold_cents is None
    changes = LogEntry.objects.get_for_object(fund).filter(action=LogEntry.Action.UPDATE)
    assert [(e.actor, e.changes_dict) for e in changes.order_by("pk")] == [
        (representative, {"approval_threshold_cents": ["50000", "200000"]}),
        (representative, {"approval_threshold_cents": ["200000", "None"]}),
    ]


def test_the_representative_hands_the_fund_to_another_owner(fund, representative, province, desk):
    services.fund_approval_change(fund=fund, actor=representative, owner=province,
                                  approval_threshold_cents=50_000)  # fmt: skip
    assert Fund.objects.get().owner == province
    [entry] = LogEntry.objects.get_for_object(fund).filter(action=LogEntry.Action.UPDATE)
    assert entry.actor == representative and set(entry.changes_dict) == {"owner"}
    # Now only the new owner's representatives decide; the former one no longer may.
    with pytest.raises(NotAllowed):
        services.fund_approval_change(fund=fund, actor=representative, owner=province,
                                      approval_threshold_cents=None)  # fmt: skip


def test_the_same_rules_sent_again_change_nothing(fund, representative, owner):
    services.fund_approval_change(fund=fund, actor=representative, owner=owner,
                                  approval_threshold_cents=50_000)  # fmt: skip
    assert not LogEntry.objects.get_for_object(fund).filter(action=LogEntry.Action.UPDATE)


def test_the_new_owner_comes_from_the_desks_register(fund, representative, other_desk):
    elsewhere = OrganisationFactory.for_desk(other_desk, kind=OrganisationKind.FUND)
    with pytest.raises(ValidationError) as error:
        services.fund_approval_change(fund=fund, actor=representative, owner=elsewhere,
                                      approval_threshold_cents=50_000)  # fmt: skip
    assert "owner" in error.value.error_dict
    assert Fund.objects.get().owner_id == fund.owner_id


@pytest.mark.parametrize("role", ["coordinator", "supporter", "viewer", "other_partner"])
def test_only_the_owners_representative_changes_who_decides(request, fund, owner, role):
    with pytest.raises(NotAllowed):
        services.fund_approval_change(fund=fund, actor=request.getfixturevalue(role),
                                      owner=owner, approval_threshold_cents=None)  # fmt: skip
    assert Fund.objects.get().approval_threshold_cents == 50_000


# --- the pages --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"approval_threshold_cents": "900"}, "approval_threshold_cents", RAISE_REFUSED),
        ({"approval_threshold_cents": ""}, "approval_threshold_cents", RAISE_REFUSED),
        ("province", "owner", OWNER_REFUSED),
    ],
)
def test_the_edit_form_refuses_the_coordinator_next_to_the_field_with_what_was_typed(
    coordinator_client, desk, fund, owner, representative, province, volunteers, changes,
    field, message,
):  # fmt: skip
    if changes == "province":
        changes = {"owner": province.pk, "approval_threshold_cents": "500"}
    data = fund_data(owner, name="Mijn getypte naam", **changes)
    edit = coordinator_client.get(url("fund-edit", desk, fund.pk))
    assert edit.context["owner_represented"] is True
    response = coordinator_client.post(url("fund-edit", desk, fund.pk), data)
    assert response.status_code == 400
    error = in_dutch(message, owner="Gemeente Alpha")
    assert response.context["form"].errors[field] == [error]
    page = response.text
    block = page[page.index(f'<label for="id_{field}"') :]
    assert error in block[: block.index(f'name="{field}"')]
    assert 'value="Mijn getypte naam"' in page
    if field == "approval_threshold_cents":
        assert f'value="{changes["approval_threshold_cents"]}"' in block or not changes[field]
    else:
        assert f'<option value="{province.pk}" selected>' in page
    fund.refresh_from_db()
    assert (fund.name, fund.approval_threshold_cents, fund.owner) == (
        "Uitvoeringsbudget",
        50_000,
        owner,
    )


def test_the_edit_form_lets_the_coordinator_lower_it(
    coordinator_client, desk, fund, owner, representative, volunteers
):
    data = fund_data(owner, approval_threshold_cents="100")
    assert coordinator_client.post(url("fund-edit", desk, fund.pk), data).status_code == 302
    assert Fund.objects.get().approval_threshold_cents == 10_000


def test_the_representative_changes_who_decides_from_the_ledger(
    client, desk, fund, owner, representative, coordinator
):
    client.force_login(representative)
    ledger = client.get(url("fund-detail", desk, fund.pk))
    page_url = url("fund-approval", desk, fund.pk)
    assert f'href="{page_url}"' in ledger.text
    form = client.get(page_url)
    assert form.status_code == 200
    assert 'value="500"' in form.text  # the threshold as it is
    response = client.post(page_url, {"owner": owner.pk, "approval_threshold_cents": "2.500"})
    assert response.status_code == 302
    assert response["Location"] == url("fund-detail", desk, fund.pk)
    assert Fund.objects.get().approval_threshold_cents == 250_000
    # The coordinator reads in the fund's history who changed it.
    client.force_login(coordinator)
    history = client.get(url("fund-detail", desk, fund.pk)).context["history"]
    assert history[0]["actor"] == representative
    assert history[0]["changes"][0]["new"] == "€\u00a02.500,00"


def test_handing_the_fund_over_leads_back_to_the_overview(
    client, desk, fund, representative, province
):
    client.force_login(representative)
    response = client.post(
        url("fund-approval", desk, fund.pk), {"owner": province.pk, "approval_threshold_cents": ""}
    )
    assert response.status_code == 302
    assert response["Location"] == url("overview", desk)
    assert Fund.objects.get().owner == province


def test_bad_input_on_the_representatives_page_keeps_what_was_typed(
    client, desk, fund, owner, representative
):
    client.force_login(representative)
    response = client.post(
        url("fund-approval", desk, fund.pk), {"owner": owner.pk, "approval_threshold_cents": "veel"}
    )
    assert response.status_code == 400
    assert "approval_threshold_cents" in response.context["form"].errors
    assert 'value="veel"' in response.text
    assert Fund.objects.get().approval_threshold_cents == 50_000


@pytest.mark.parametrize(
    ("role", "status"),
    [("coordinator", 200), ("viewer", 403), ("supporter", 404), ("other_partner", 404)],
)
def test_only_the_representative_changes_who_decides_on_the_page(
    request, client, desk, fund, owner, representative, role, status
):
    """The coordinator reads who decides (and who approves), without a form; what they post
    anyway is refused with the service's reason. Who does not see the fund gets a 404."""
    client.force_login(request.getfixturevalue(role))
    page_url = url("fund-approval", desk, fund.pk)
    page = client.get(page_url)
    assert page.status_code == status
    response = client.post(page_url, {"owner": owner.pk, "approval_threshold_cents": ""})
    assert Fund.objects.get().approval_threshold_cents == 50_000
    if role != "coordinator":
        assert response.status_code == status
        return
    assert page.context["form"] is None and 'name="approval_threshold_cents"' not in page.text
    assert [m.user for m in page.context["approvers"]] == [representative]
    assert response.status_code == 400
    assert "Gemeente Alpha" in response.context["refused"][0]
    assert 'role="alert"' in response.text
    ledger = client.get(url("fund-detail", desk, fund.pk)).text
    assert f'href="{page_url}"' not in ledger
