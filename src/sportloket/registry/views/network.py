"""The desk's network: the overview at a glance, and the alignment of the work area with
federations and neighbouring municipalities."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from sportloket.core.permissions import Capability
from sportloket.core.views_mixins import DeskMixin, DeskObjectMixin, add_service_errors
from sportloket.registry import selectors, services
from sportloket.registry.forms import AlignmentForm
from sportloket.registry.models import AreaAlignment


class NetworkOverviewView(DeskMixin, TemplateView):
    """The whole network of the desk at a glance: the seed's 'overview of sport providers,
    supporters, relevant organisations, participating federations and sport platforms'."""

    capability = Capability.VIEW_REGISTER
    template_name = "registry/network_overview.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(selectors.network_overview(loket=self.desk))
        return ctx


class AlignmentListView(DeskMixin, TemplateView):
    capability = Capability.VIEW_REGISTER
    template_name = "registry/alignment_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["alignments"] = selectors.desk_alignments(loket=self.desk).order_by(
            "federation__abbreviation", "municipality__name"
        )
        return ctx


class _AlignmentFormMixin:
    capability = Capability.MANAGE_DESK
    template_name = "registry/alignment_form.html"

    def save(self, request, form, alignment=None):
        if form.is_valid():
            try:
                services.alignment_save(loket=self.desk, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The alignment was saved."))
                return redirect("registry:alignment-list", loket_slug=self.desk.slug)
        ctx = {"form": form, "alignment": alignment}
        return render(request, self.template_name, ctx, status=400)


class AlignmentCreateView(_AlignmentFormMixin, DeskMixin, View):
    def get(self, request, *args, **kwargs):
        return render(request, self.template_name, {"form": AlignmentForm()})

    def post(self, request, *args, **kwargs):
        return self.save(request, AlignmentForm(request.POST))


class AlignmentEditView(_AlignmentFormMixin, DeskObjectMixin, View):
    model = AreaAlignment

    def get(self, request, *args, **kwargs):
        alignment = self.object
        form = AlignmentForm(
            locked=True,
            initial={
                "federation": alignment.federation_id,
                "municipality": alignment.municipality_id,
                "agreed": alignment.agreed,
                "agreed_on": alignment.agreed_on,
                "agreed_with": alignment.agreed_with,
                "note": alignment.note,
            },
        )
        return render(request, self.template_name, {"form": form, "alignment": alignment})

    def post(self, request, *args, **kwargs):
        alignment = self.object
        form = AlignmentForm(
            request.POST,
            locked=True,
            initial={
                "federation": alignment.federation_id,
                "municipality": alignment.municipality_id,
            },
        )
        return self.save(request, form, alignment=alignment)
