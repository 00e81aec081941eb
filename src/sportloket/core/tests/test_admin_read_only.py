"""The technical admin only shows our records: every change goes through a service (checked and
audited the same way), so no admin of ours may add, change or delete."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from sportloket.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_no_admin_of_ours_adds_changes_or_deletes():
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    ours = {
        model: model_admin
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label not in {"accounts"} and model.__module__.startswith("sportloket.")
    }
    assert {m._meta.label for m in ours} >= {
        "offerings.Offering",
        "decisions.MatchingWeights",
        "decisions.Decision",
        "funds.Fund",
        "core.Municipality",
    }
    for model, model_admin in ours.items():
        assert not model_admin.has_add_permission(request), model
        assert not model_admin.has_change_permission(request), model
        assert not model_admin.has_delete_permission(request), model
        for inline in model_admin.get_inline_instances(request):
            assert not inline.has_add_permission(request, None), (model, inline)
