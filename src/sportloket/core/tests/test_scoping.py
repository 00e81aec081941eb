import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from sportloket.accounts.tests.factories import UserFactory
from sportloket.core.models import Membership
from sportloket.core.permissions import Capability
from sportloket.core.scoping import (
    desks_for_user,
    get_membership_or_404,
    get_object_for_desk_or_404,
)
from sportloket.core.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_a_member_gets_their_membership(desk):
    member = MembershipFactory(loket=desk, supporter=True)
    assert get_membership_or_404(member.user, "alpha") == member


def test_a_user_of_another_desk_gets_404(desk, other_desk):
    member = MembershipFactory(loket=desk, coordinator=True)
    with pytest.raises(Http404):
        get_membership_or_404(member.user, other_desk.slug)


def test_an_ended_membership_gives_404(desk):
    member = MembershipFactory(loket=desk, ended=True)
    with pytest.raises(Http404):
        get_membership_or_404(member.user, desk.slug)


def test_an_inactive_desk_gives_404(desk):
    member = MembershipFactory(loket=desk, coordinator=True)
    desk.is_active = False
    desk.save()
    with pytest.raises(Http404):
        get_membership_or_404(member.user, desk.slug)


def test_a_role_without_the_capability_gets_403(desk):
    viewer = MembershipFactory(loket=desk)
    with pytest.raises(PermissionDenied):
        get_membership_or_404(viewer.user, desk.slug, Capability.MANAGE_TEAM)


def test_a_record_of_another_desk_is_not_found(desk, other_desk):
    theirs = MembershipFactory(loket=other_desk)
    with pytest.raises(Http404):
        get_object_for_desk_or_404(Membership.objects.all(), desk, pk=theirs.pk)
    assert get_object_for_desk_or_404(Membership.objects.all(), other_desk, pk=theirs.pk) == theirs


def test_desks_for_user_lists_only_active_memberships(desk, other_desk):
    user = UserFactory()
    MembershipFactory(loket=desk, user=user)
    MembershipFactory(loket=other_desk, user=user, ended=True)
    assert list(desks_for_user(user)) == [desk]
