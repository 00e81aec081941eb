"""An organisation's relations with advisers outside the desk: the list with the way to record
one, and ending one (by the desk that recorded it)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from sportloket.core.permissions import Capability
from sportloket.core.views_mixins import DeskObjectMixin, add_service_errors
from sportloket.registry import selectors, services
from sportloket.registry.forms import AdviserRelationForm
from sportloket.registry.models import AdviserRelation, Organisation


class AdviserListView(DeskObjectMixin, View):
    capability = Capability.VIEW_REGISTER
    model = Organisation
    template_name = "registry/advisers.html"

    def render_page(self, form, status=200):
        ctx = {
            "organisation": self.object,
            "relations": selectors.adviser_relations(organisation=self.object, loket=self.desk),
            "form": form,
            "may_record": self.membership.can(Capability.MANAGE_REGISTER),
        }
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_page(AdviserRelationForm())

    def post(self, request, *args, **kwargs):
        if not self.membership.can(Capability.MANAGE_REGISTER):
            raise PermissionDenied
        form = AdviserRelationForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            federation = data["federation"]
            try:
                services.adviser_relation_add(
                    loket=self.desk,
                    organisation=self.object,
                    actor=request.user,
                    adviser_organisation=federation.organisation if federation else None,
                    **data,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The relation with the adviser was recorded."))
                return redirect("registry:advisers", self.desk.slug, self.object.pk)
        return self.render_page(form, status=400)


class AdviserEndView(DeskObjectMixin, View):
    """Ends a relation the desk recorded."""

    capability = Capability.MANAGE_REGISTER
    model = AdviserRelation

    def post(self, request, *args, **kwargs):
        relation = self.object
        try:
            services.adviser_relation_end(relation=relation, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The relation with the adviser was ended."))
        return redirect("registry:advisers", self.desk.slug, relation.organisation_id)
