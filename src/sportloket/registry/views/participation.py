"""Taking part in the desk: the participants, recording a participation, its page with the
signed intent declarations, and a declaration's document."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from sportloket.core import selectors as core_selectors
from sportloket.core.permissions import Capability
from sportloket.core.uploads import PDF, document_response
from sportloket.core.views_mixins import DeskMixin, DeskObjectMixin, add_service_errors
from sportloket.registry import selectors, services
from sportloket.registry.forms import DeclarationForm, ParticipationForm
from sportloket.registry.models import IntentDeclaration, Organisation, Participation


class ParticipationListView(DeskMixin, TemplateView):
    capability = Capability.VIEW_REGISTER
    template_name = "registry/participation_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["participations"] = selectors.desk_participations(loket=self.desk)
        return ctx


class ParticipationCreateView(DeskObjectMixin, View):
    """Records that an organisation from the register takes part in the desk."""

    capability = Capability.MANAGE_DESK
    model = Organisation
    template_name = "registry/participation_form.html"

    def render_form(self, form, status=200):
        ctx = {"form": form, "organisation": self.object}
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_form(ParticipationForm(organisation=self.object, loket=self.desk))

    def post(self, request, *args, **kwargs):
        form = ParticipationForm(request.POST, organisation=self.object, loket=self.desk)
        if form.is_valid():
            try:
                participation = services.participation_add(
                    loket=self.desk,
                    organisation=self.object,
                    actor=request.user,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("%(name)s now takes part in the desk.") % {"name": self.object}
                )
                return redirect(
                    "registry:participation-detail",
                    loket_slug=self.desk.slug,
                    pk=participation.pk,
                )
        return self.render_form(form, status=400)


class ParticipationDetailView(DeskObjectMixin, View):
    capability = Capability.VIEW_REGISTER
    model = Participation
    queryset = Participation.objects.select_related("organisation", "representative")
    template_name = "registry/participation_detail.html"

    def edit_form(self):
        participation = self.object
        return ParticipationForm(
            organisation=participation.organisation,
            loket=self.desk,
            initial={
                "kind": participation.kind,
                "representative": participation.representative_id,
                "since": participation.since,
                "note": participation.note,
            },
        )

    def render_page(self, form=None, declaration_form=None, status=200):
        participation = self.object
        ctx = {
            "participation": participation,
            "declarations": selectors.participation_declarations(participation=participation),
            "today": timezone.localdate(),
        }
        if self.membership.can(Capability.MANAGE_DESK):
            ctx["form"] = form or self.edit_form()
            ctx["declaration_form"] = declaration_form or DeclarationForm()
        if self.membership.can(Capability.VIEW_HISTORY):
            ctx["history"] = core_selectors.record_history(participation)
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_page()

    def post(self, request, *args, **kwargs):
        if not self.membership.can(Capability.MANAGE_DESK):
            raise PermissionDenied
        form = ParticipationForm(
            request.POST, organisation=self.object.organisation, loket=self.desk
        )
        if form.is_valid():
            try:
                services.participation_update(
                    participation=self.object, actor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The changes were saved."))
                return redirect(request.path)
        return self.render_page(form=form, status=400)


class DeclarationCreateView(ParticipationDetailView):
    """Uploads a signed intent declaration (a POST from the participant's page, which is shown
    again with the errors next to the fields when the upload is refused)."""

    capability = Capability.MANAGE_DESK
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = DeclarationForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.declaration_add(
                    participation=self.object, actor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The intent declaration was stored."))
                return redirect(
                    "registry:participation-detail", loket_slug=self.desk.slug, pk=self.object.pk
                )
        return self.render_page(declaration_form=form, status=400)


class DeclarationDocumentView(DeskObjectMixin, View):
    """The declaration's PDF, only for members of the desk it belongs to."""

    capability = Capability.VIEW_REGISTER
    model = IntentDeclaration
    queryset = IntentDeclaration.objects.select_related("participation__organisation")

    def get(self, request, *args, **kwargs):
        declaration = self.object
        name = slugify(declaration.participation.organisation.name) or "organisatie"
        return document_response(
            declaration.document.open("rb"),
            content_type=PDF.content_type,
            filename=f"intentieverklaring-{name}-{declaration.signed_on:%Y-%m-%d}.pdf",
        )
