from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.vary import vary_on_headers
from django.views.generic import TemplateView

from sportloket.contacts import selectors as contact_selectors
from sportloket.core import selectors as core_selectors
from sportloket.core.permissions import Capability
from sportloket.core.uploads import PDF, document_response
from sportloket.core.views_mixins import DeskMixin, DeskObjectMixin, add_service_errors
from sportloket.helprequests import selectors as request_selectors
from sportloket.registry import exporting, importer, selectors, services
from sportloket.registry.constants import ORGANISATION_FIELDS
from sportloket.registry.forms import (
    AlignmentForm,
    DeclarationForm,
    ImportConfirmForm,
    ImportUploadForm,
    MergeForm,
    OrganisationFilterForm,
    OrganisationForm,
    ParticipationForm,
    PersonRoleForm,
)
from sportloket.registry.models import (
    AreaAlignment,
    ImportRun,
    IntentDeclaration,
    Organisation,
    Participation,
    PersonRole,
)

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

    def filtered(self):
        """The filter form and the organisations it selects (also used by the export)."""
        form = OrganisationFilterForm(self.request.GET or None, loket=self.desk)
        filters = form.cleaned_data if form.is_valid() else {}
        organisations = selectors.desk_organisations(
            loket=self.desk,
            search=filters.get("q", ""),
            kind=filters.get("kind", ""),
            sport=filters.get("sport"),
            municipality=filters.get("municipality"),
            federation=filters.get("federation"),
            participation=filters.get("participation", ""),
            declaration=filters.get("declaration", ""),
        )
        return form, organisations

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form, organisations = self.filtered()
        page = Paginator(organisations, PAGE_SIZE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        ctx.update(filter_form=form, page_obj=page, querystring=query.urlencode())
        return ctx


def _service_arguments(form):
    data = dict(form.cleaned_data)
    return {
        **{name: data.pop(name) for name in ORGANISATION_FIELDS},
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
        if self.membership.can(Capability.VIEW_REQUESTS):
            ctx["requests"] = request_selectors.organisation_requests(
                membership=self.membership, organisation=organisation
            )
        if self.membership.can(Capability.VIEW_CONTACTS) or self.membership.can(
            Capability.VIEW_REQUESTS
        ):
            # Its contact moments, questions and decisions at this desk, as far as the member
            # may read them, in one timeline.
            ctx["timeline"] = contact_selectors.organisation_timeline(
                membership=self.membership, organisation=organisation
            )
        if self.membership.can(Capability.VIEW_HISTORY):
            ctx["history"] = core_selectors.record_history(organisation, loket=self.desk)
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
                loket=self.desk,
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


class OrganisationExportView(OrganisationListView):
    """The filtered list as CSV (for Excel) or XLSX, with the headers the importer reads."""

    def get(self, request, *args, **kwargs):
        _form, organisations = self.filtered()
        stamp = timezone.localdate().isoformat()
        if request.GET.get("format") == "xlsx":
            response = HttpResponse(
                exporting.to_xlsx(organisations),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            filename = f"organisaties-{self.desk.slug}-{stamp}.xlsx"
        else:
            response = HttpResponse(
                exporting.to_csv(organisations, excel=True), content_type="text/csv; charset=utf-8"
            )
            filename = f"organisaties-{self.desk.slug}-{stamp}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class ImportUploadView(DeskMixin, View):
    """Upload an organisation file; the next page shows what it would do before anything is
    written."""

    capability = Capability.MANAGE_REGISTER
    template_name = "registry/import_upload.html"

    def render_form(self, form, status=200):
        ctx = {"form": form, "recent": selectors.desk_imports(loket=self.desk)[:10]}
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_form(ImportUploadForm())

    def post(self, request, *args, **kwargs):
        form = ImportUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                run, _plan = services.import_run_create(
                    loket=self.desk,
                    actor=request.user,
                    filename=upload.name,
                    file=upload,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("registry:import-detail", loket_slug=self.desk.slug, pk=run.pk)
        return self.render_form(form, status=400)


class ImportDetailView(DeskObjectMixin, View):
    """The preview of an uploaded file, row by row, and the confirmation that writes it."""

    capability = Capability.MANAGE_REGISTER
    model = ImportRun
    template_name = "registry/import_detail.html"
    SHOWN_ROWS = 200

    def render_page(self, form, plan=None, status=200):
        run = self.object
        ctx = {"run": run, "form": form}
        if run.status == ImportRun.Status.PREVIEWED:
            if plan is None:
                with run.file.open("rb") as handle:
                    plan = importer.plan_import(loket=self.desk, data=handle)
            problems = [r for r in plan.rows if r.row.errors or r.row.warnings]
            ctx.update(
                plan=plan,
                summary=plan.summary(),
                problems=problems[: self.SHOWN_ROWS],
                hidden_problems=max(0, len(problems) - self.SHOWN_ROWS),
                sample=[r for r in plan.rows if r.action in ("create", "update")][:20],
            )
        else:
            ctx["summary"] = run.summary
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_page(ImportConfirmForm())

    def post(self, request, *args, **kwargs):
        form = ImportConfirmForm(request.POST)
        form.is_valid()
        try:
            plan, written = services.import_run_apply(
                run=self.object,
                actor=request.user,
                skip_invalid=form.cleaned_data.get("skip_invalid", False),
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.render_page(form, status=400)
        if written:
            summary = plan.summary()
            messages.success(
                request,
                _("Imported: %(created)s new, %(updated)s updated, %(refused)s left out.")
                % summary,
            )
            return redirect("registry:organisation-list", loket_slug=self.desk.slug)
        form.add_error(
            None,
            _(
                "Nothing was written: the file has refused rows. Correct the file and upload it "
                "again, or choose to import only the valid rows."
            ),
        )
        return self.render_page(form, plan=plan, status=400)


class OrganisationMergeView(DeskObjectMixin, View):
    """Merge a duplicate into this organisation: find it, check it, confirm."""

    capability = Capability.MANAGE_REGISTER
    model = Organisation
    template_name = "registry/organisation_merge.html"

    def candidates(self):
        search = self.request.GET.get("q", "") if self.request.method == "GET" else ""
        found = selectors.merge_candidates(loket=self.desk, organisation=self.object, search=search)
        # A POST may name any organisation of the register, not only those shown.
        if self.request.method == "POST":
            return Organisation.objects.for_desk(self.desk).filter(merged_into__isnull=True)
        return Organisation.objects.filter(pk__in=[o.pk for o in found]).order_by("name")

    def render_page(self, form, status=200):
        ctx = {"organisation": self.object, "form": form, "q": self.request.GET.get("q", "")}
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_page(MergeForm(candidates=self.candidates()))

    def post(self, request, *args, **kwargs):
        form = MergeForm(request.POST, candidates=self.candidates())
        if form.is_valid():
            duplicate = form.cleaned_data["duplicate"]
            try:
                services.organisation_merge(
                    keep=self.object, duplicate=duplicate, loket=self.desk, actor=request.user
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("%(duplicate)s was merged into %(name)s.")
                    % {"duplicate": duplicate.name, "name": self.object.name},
                )
                return redirect(
                    "registry:organisation-detail", loket_slug=self.desk.slug, pk=self.object.pk
                )
        return self.render_page(form, status=400)


class PersonRoleCreateView(DeskObjectMixin, View):
    """Add someone who plays a role at the organisation (board member, contact, trainer)."""

    capability = Capability.MANAGE_REGISTER
    model = Organisation
    template_name = "registry/person_role_form.html"

    def get(self, request, *args, **kwargs):
        ctx = {"organisation": self.object, "form": PersonRoleForm()}
        return render(request, self.template_name, ctx)

    def post(self, request, *args, **kwargs):
        form = PersonRoleForm(request.POST)
        if form.is_valid():
            try:
                role = services.person_add_to_organisation(
                    organisation=self.object,
                    loket=self.desk,
                    actor=request.user,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("%(name)s was added as %(function)s.")
                    % {"name": role.person, "function": role.get_function_display()},
                )
                return redirect(
                    "registry:organisation-detail", loket_slug=self.desk.slug, pk=self.object.pk
                )
        ctx = {"organisation": self.object, "form": form}
        return render(request, self.template_name, ctx, status=400)


class PersonRoleEndView(DeskObjectMixin, View):
    """End a person's role today (the role stays in the history)."""

    capability = Capability.MANAGE_REGISTER
    model = PersonRole
    queryset = PersonRole.objects.select_related("person", "organisation")
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        role = self.object
        try:
            services.person_role_end(role=role, end_on=timezone.localdate(), actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The role of %(name)s has ended.") % {"name": role.person},
            )
        return redirect(
            "registry:organisation-detail", loket_slug=self.desk.slug, pk=role.organisation_id
        )
