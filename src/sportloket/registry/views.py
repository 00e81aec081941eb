from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.vary import vary_on_headers
from django.views.generic import TemplateView

from sportloket.core import selectors as core_selectors
from sportloket.core.permissions import Capability
from sportloket.core.views_mixins import DeskMixin, DeskObjectMixin, add_service_errors
from sportloket.registry import selectors, services
from sportloket.registry.forms import (
    AlignmentForm,
    DeclarationForm,
    OrganisationFilterForm,
    OrganisationForm,
    ParticipationForm,
)
from sportloket.registry.models import AreaAlignment, IntentDeclaration, Organisation, Participation

PAGE_SIZE = 50


@method_decorator(vary_on_headers("HX-Request"), name="dispatch")
class OrganisationListView(DeskMixin, TemplateView):
    capability = Capability.VIEW_REGISTER
    template_name = "registry/organisation_list.html"

    def get_template_names(self):
        htmx = self.request.htmx
        if htmx and not htmx.boosted and not htmx.history_restore_request:
            return ["registry/_organisation_table.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = OrganisationFilterForm(self.request.GET or None, loket=self.desk)
        filters = form.cleaned_data if form.is_valid() else {}
        organisations = selectors.desk_organisations(
            loket=self.desk,
            search=filters.get("q", ""),
            kind=filters.get("kind", ""),
            sport=filters.get("sport"),
            municipality=filters.get("municipality"),
            federation=filters.get("federation"),
        )
        page = Paginator(organisations, PAGE_SIZE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        ctx.update(filter_form=form, page_obj=page, querystring=query.urlencode())
        return ctx


def _service_arguments(form):
    data = dict(form.cleaned_data)
    return {
        **{name: data.pop(name) for name in services.ORGANISATION_FIELDS},
        "sports": data["sports"],
        "federations": data["federations"],
        "tags": data["tags"],
    }


class OrganisationCreateView(DeskMixin, View):
    capability = Capability.MANAGE_REGISTER
    template_name = "registry/organisation_form.html"

    def get(self, request, *args, **kwargs):
        return render(request, self.template_name, {"form": OrganisationForm()})

    def post(self, request, *args, **kwargs):
        form = OrganisationForm(request.POST)
        if form.is_valid():
            try:
                organisation = services.organisation_create(
                    loket=self.desk, actor=request.user, **_service_arguments(form)
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("%(name)s was added.") % {"name": organisation})
                return redirect(
                    "registry:organisation-detail", loket_slug=self.desk.slug, pk=organisation.pk
                )
        return render(request, self.template_name, {"form": form}, status=400)


class OrganisationDetailView(DeskObjectMixin, TemplateView):
    capability = Capability.VIEW_REGISTER
    model = Organisation
    queryset = Organisation.objects.select_related("municipality__province", "merged_into")
    template_name = "registry/organisation_detail.html"

    def get(self, request, *args, **kwargs):
        if self.object.merged_into_id:
            return redirect(
                "registry:organisation-detail",
                loket_slug=self.desk.slug,
                pk=self.object.merged_into_id,
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        organisation = self.object
        ctx.update(
            organisation=organisation,
            sports=organisation.sports.order_by("name"),
            federations=organisation.federations.order_by("abbreviation"),
            tags=organisation.tags.order_by("name"),
            roles=selectors.organisation_roles(
                organisation=organisation, membership=self.membership
            ),
            participation=selectors.desk_participation_of(
                loket=self.desk, organisation=organisation
            ),
        )
        if self.membership.can(Capability.VIEW_HISTORY):
            ctx["history"] = core_selectors.record_history(organisation)
        return ctx


class OrganisationEditView(DeskObjectMixin, View):
    capability = Capability.MANAGE_REGISTER
    model = Organisation
    template_name = "registry/organisation_form.html"

    def get(self, request, *args, **kwargs):
        organisation = self.object
        form = OrganisationForm(instance=organisation)
        return render(request, self.template_name, {"form": form, "organisation": organisation})

    def post(self, request, *args, **kwargs):
        organisation = self.object
        # The form works on its own copy: a refused edit must not show in the page heading.
        form = OrganisationForm(request.POST, instance=Organisation.objects.get(pk=organisation.pk))
        if form.is_valid():
            try:
                services.organisation_update(
                    organisation=organisation,
                    loket=self.desk,
                    actor=request.user,
                    **_service_arguments(form),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The changes were saved."))
                return redirect(
                    "registry:organisation-detail", loket_slug=self.desk.slug, pk=organisation.pk
                )
        return render(
            request,
            self.template_name,
            {"form": form, "organisation": organisation},
            status=400,
        )


class NetworkOverviewView(DeskMixin, TemplateView):
    """The whole network of the desk at a glance: the seed's 'overview of sport providers,
    supporters, relevant organisations, participating federations and sport platforms'."""

    capability = Capability.VIEW_REGISTER
    template_name = "registry/network_overview.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(selectors.network_overview(loket=self.desk))
        return ctx


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
        return self.render_form(ParticipationForm(organisation=self.object))

    def post(self, request, *args, **kwargs):
        form = ParticipationForm(request.POST, organisation=self.object)
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

    def render_page(self, form=None, declaration_form=None, status=200):
        participation = self.object
        ctx = {
            "participation": participation,
            "declarations": selectors.participation_declarations(participation=participation),
            "today": timezone.localdate(),
        }
        if self.membership.can(Capability.MANAGE_DESK):
            ctx["form"] = form or ParticipationForm(
                organisation=participation.organisation,
                initial={
                    "kind": participation.kind,
                    "representative": participation.representative_id,
                    "since": participation.since,
                    "note": participation.note,
                },
            )
            ctx["declaration_form"] = declaration_form or DeclarationForm()
        if self.membership.can(Capability.VIEW_HISTORY):
            ctx["history"] = core_selectors.record_history(participation)
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_page()

    def post(self, request, *args, **kwargs):
        if not self.membership.can(Capability.MANAGE_DESK):
            raise PermissionDenied
        form = ParticipationForm(request.POST, organisation=self.object.organisation)
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
        return FileResponse(
            declaration.document.open("rb"),
            content_type="application/pdf",
            filename=f"intentieverklaring-{name}-{declaration.signed_on:%Y-%m-%d}.pdf",
        )


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
        a = self.object
        form = AlignmentForm(
            locked=True,
            initial={
                "federation": a.federation_id,
                "municipality": a.municipality_id,
                "agreed": a.agreed,
                "agreed_on": a.agreed_on,
                "agreed_with": a.agreed_with,
                "note": a.note,
            },
        )
        return render(request, self.template_name, {"form": form, "alignment": a})

    def post(self, request, *args, **kwargs):
        a = self.object
        form = AlignmentForm(
            request.POST,
            locked=True,
            initial={"federation": a.federation_id, "municipality": a.municipality_id},
        )
        return self.save(request, form, alignment=a)
