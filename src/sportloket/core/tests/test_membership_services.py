import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sportloket.accounts.tests.factories import UserFactory
from sportloket.core import services
from sportloket.core.constants import PartnerKind, Role
from sportloket.core.models import Membership
from sportloket.core.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_membership_add_gives_the_role_and_records_the_actor(desk, coordinator):
    person = UserFactory()
    membership = services.membership_add(
        loket=desk, user=person, role=Role.SUPPORTER, actor=coordinator, acts_for="KNVB"
    )
    assert membership.role == Role.SUPPORTER
    entry = LogEntry.objects.get_for_object(membership).get()
    assert entry.action == LogEntry.Action.CREATE
    assert entry.actor == coordinator


def test_membership_add_refuses_a_second_active_membership_at_the_same_desk(desk, coordinator):
    person = UserFactory()
    services.membership_add(loket=desk, user=person, role=Role.VIEWER, actor=coordinator)
    with pytest.raises(ValidationError) as error:
        services.membership_add(loket=desk, user=person, role=Role.SUPPORTER, actor=coordinator)
    assert "email" in error.value.error_dict
    assert Membership.objects.filter(loket=desk, user=person).count() == 1


def test_the_database_refuses_two_active_memberships_of_one_person_at_one_desk(desk):
    membership = MembershipFactory(loket=desk)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(loket=desk, user=membership.user, role=Role.VIEWER)


def test_a_person_may_rejoin_after_an_ended_membership(desk, coordinator):
    old = MembershipFactory(loket=desk, ended=True)
    again = services.membership_add(loket=desk, user=old.user, role=Role.VIEWER, actor=coordinator)
    assert again.pk != old.pk


def test_partner_needs_a_partner_kind_and_others_may_not_have_one(desk, coordinator):
    with pytest.raises(ValidationError) as error:
        services.membership_add(
            loket=desk, user=UserFactory(), role=Role.PARTNER, actor=coordinator
        )
    assert "partner_kind" in error.value.error_dict
    with pytest.raises(ValidationError):
        services.membership_add(
            loket=desk,
            user=UserFactory(),
            role=Role.VIEWER,
            partner_kind=PartnerKind.FUND,
            actor=coordinator,
        )


def test_the_database_refuses_a_partner_without_kind(desk):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(loket=desk, user=UserFactory(), role=Role.PARTNER)


def test_change_role_writes_the_change_to_the_audit_trail(desk, coordinator):
    member = MembershipFactory(loket=desk, role=Role.VIEWER)
    services.membership_change_role(
        membership=member,
        role=Role.PARTNER,
        partner_kind=PartnerKind.FEDERATION,
        acts_for="KNLTB",
        actor=coordinator,
    )
    member.refresh_from_db()
    assert (member.role, member.partner_kind, member.acts_for) == (
        Role.PARTNER,
        PartnerKind.FEDERATION,
        "KNLTB",
    )
    update = LogEntry.objects.get_for_object(member).filter(action=LogEntry.Action.UPDATE).get()
    assert update.actor == coordinator
    assert update.changes_dict["role"] == ["viewer", "partner"]


def test_the_last_coordinator_cannot_step_down_or_leave(desk, coordinator):
    membership = coordinator.memberships.get()
    with pytest.raises(ValidationError):
        services.membership_change_role(membership=membership, role=Role.VIEWER, actor=coordinator)
    with pytest.raises(ValidationError):
        services.membership_end(membership=membership, actor=coordinator)
    membership.refresh_from_db()
    assert membership.role == Role.COORDINATOR and membership.ended_at is None


def test_a_coordinator_may_leave_when_another_remains(desk, coordinator):
    MembershipFactory(loket=desk, coordinator=True)
    membership = services.membership_end(
        membership=coordinator.memberships.get(), actor=coordinator
    )
    assert membership.ended_at is not None


def test_ending_keeps_the_row_and_cannot_be_repeated(desk, coordinator):
    member = MembershipFactory(loket=desk, supporter=True)
    services.membership_end(membership=member, actor=coordinator)
    member.refresh_from_db()
    assert member.ended_at is not None
    assert Membership.objects.filter(pk=member.pk).exists()
    with pytest.raises(ValidationError):
        services.membership_end(membership=member, actor=coordinator)
    with pytest.raises(ValidationError):
        services.membership_change_role(membership=member, role=Role.VIEWER, actor=coordinator)
