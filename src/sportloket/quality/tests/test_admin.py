"""The admin shows registrations and rules read only, without a link to the evidence."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from sportloket.accounts.tests.factories import UserFactory
from sportloket.quality import services
from sportloket.quality.models import QualityRegistration, QualityRequirementGroup
from sportloket.quality.tests.factories import QualityRegistrationFactory, upload

pytestmark = pytest.mark.django_db


def test_the_admin_reads_but_does_not_write(desk, coordinator):
    staff = UserFactory(is_staff=True, is_superuser=True)
    registration = QualityRegistrationFactory(kss=True, evidence=upload())
    services.rule_save(loket=desk, groups=[[("vog", None, "")]], actor=coordinator)
    group = QualityRequirementGroup.objects.get()
    for model, obj in ((QualityRegistration, registration), (QualityRequirementGroup, group)):
        model_admin = admin.site._registry[model]
        request = RequestFactory().get("/")
        request.user = staff
        assert not model_admin.has_add_permission(request)
        assert not model_admin.has_change_permission(request, obj)
        response = model_admin.change_view(request, str(obj.pk))
        response.render()
        assert response.status_code == 200
        assert registration.evidence.name.encode() not in response.content
