"""The session remembers that the signed-in user has a second factor: the requirement costs a
query once per session, not on every page, and removing the device is noticed."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_removed
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from django.urls import reverse

from sportloket.accounts.second_factor import SESSION_KEY, has_second_factor
from sportloket.accounts.tests.factories import UserFactory, add_totp

pytestmark = pytest.mark.django_db


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    request.session = SessionStore()
    return request


def test_a_device_is_looked_up_once_per_session(django_assert_num_queries):
    user = UserFactory()
    add_totp(user)
    request = _request(user)
    with django_assert_num_queries(1):
        assert has_second_factor(request)
    with django_assert_num_queries(0):
        assert has_second_factor(request)


def test_no_device_is_looked_up_each_time_so_a_new_one_counts_at_once(
    django_assert_num_queries,
):
    user = UserFactory()
    request = _request(user)
    with django_assert_num_queries(1):
        assert not has_second_factor(request)
    assert SESSION_KEY not in request.session
    add_totp(user)
    assert has_second_factor(request)


def test_another_users_session_proves_nothing():
    user, other = UserFactory(), UserFactory()
    add_totp(other)
    request = _request(other)
    assert has_second_factor(request)
    request.user = user
    assert not has_second_factor(request)


def test_removing_the_device_is_noticed():
    user = UserFactory()
    add_totp(user)
    request = _request(user)
    assert has_second_factor(request)
    authenticator = Authenticator.objects.get(user=user)
    authenticator.delete()
    authenticator_removed.send(
        sender=Authenticator, request=request, user=user, authenticator=authenticator
    )
    assert not has_second_factor(request)


def test_a_coordinator_whose_device_is_gone_is_sent_to_set_one_up(client, desk, coordinator):
    client.force_login(coordinator)
    dashboard = reverse("dashboard:desk", args=[desk.slug])
    assert client.get(dashboard).status_code == 200
    Authenticator.objects.filter(user=coordinator).delete()
    session = client.session
    request = _request(coordinator)
    request.session = session
    authenticator_removed.send(sender=Authenticator, request=request, user=coordinator)
    session.save()
    response = client.get(dashboard)
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_activate_totp"))
