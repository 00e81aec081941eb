"""The desk's register: the list with its filters, an organisation's page, adding, editing and
merging a duplicate."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from sportloket.core import fragments
from sportloket.core import selectors as core_selectors
from sportloket.core.fragments import RenderedOnce
from sportloket.core.paging import values_page
from sportloket.core.permissions import Capability
from sportloket.core.views_mixins import (
    DeskMixin,
    DeskObjectMixin,
    HtmxPartialMixin,
    add_service_errors,
)
from sportloket.registry import exporting, selectors, services
from sportloket.registry.constants import ORGANISATION_FIELDS
from sportloket.registry.forms import MergeForm, OrganisationForm
from sportloket.registry.models import Organisation
from sportloket.registry.views import organisation_rows

PAGE_SIZE = 50


def _to_detail(desk, pk):
    return redirect("registry:organisation-detail", loket_slug=desk.slug, pk=pk)


class OrganisationListView(HtmxPartialMixin, DeskMixin, TemplateView):
    capability = Capability.VIEW_REGISTER
    template_name = "registry/organisation_list.html"
    partial_template_name = "registry/_organisation_table.html"

    def filtered(self):
        """The filter form and the organisations it selects (also used by the export)."""
        return exporting.organisations_filtered(loket=self.desk, data=self.request.GET)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form, organisations = self.filtered()
        # Only what a row shows, as values (``organisation_rows``).
        page = values_page(
            selectors.list_page_values(organisations),
            counted=organisations,
            per_page=PAGE_SIZE,
            number=self.request.GET.get("page"),
        )
        query = self.request.GET.copy()
        query.pop("page", None)
        ctx.update(
            filter_form=form,
            page_obj=page,
            querystring=query.urlencode(),
            rows_html=organisation_rows.rows_html(page.object_list, desk_slug=self.desk.slug),
        )
        if not self.is_htmx_partial():  # the partial is the table only
            ctx["filter_fields"] = _filter_fields(form)
        return ctx


_FILTER_FIELDS = RenderedOnce()


def _filter_fields(form) -> str:
    """The filters' fields, rendered once per language, choices and filters asked for."""
    return fragments.form_fields(_FILTER_FIELDS, "organisation-filters", form)


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
                return _to_detail(self.desk, organisation.pk)
        return render(request, self.template_name, {"form": form}, status=400)


class OrganisationDetailView(DeskObjectMixin, TemplateView):
    """An organisation's page. Its timeline at this desk (contact moments, questions and
    decisions) is the contacts' panel, included by the template by name: the register does not
    import the apps above it."""

    capability = Capability.VIEW_REGISTER
    model = Organisation
    template_name = "registry/organisation_detail.html"

    def get_queryset(self):
        organisations = Organisation.objects.select_related("municipality__province", "merged_into")
        organisations = selectors.with_provider_changes(organisations)
        organisations = selectors.with_adviser_count(organisations, loket=self.desk)
        return selectors.with_desk_participation(organisations, loket=self.desk)

    def get(self, request, *args, **kwargs):
        if self.object.merged_into_id:
            return _to_detail(self.desk, self.object.merged_into_id)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            selectors.organisation_page(organisation=self.object, membership=self.membership)
        )
        if self.membership.can(Capability.VIEW_HISTORY):
            ctx["history"] = core_selectors.record_history(self.object, loket=self.desk)
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
                return _to_detail(self.desk, organisation.pk)
        ctx = {"form": form, "organisation": organisation}
        return render(request, self.template_name, ctx, status=400)


class OrganisationMergeView(DeskObjectMixin, View):
    """Merge a duplicate into this organisation: find it, check it, confirm."""

    capability = Capability.MANAGE_REGISTER
    model = Organisation
    template_name = "registry/organisation_merge.html"

    def candidates(self):
        # A POST may name any organisation of the register, not only those shown.
        if self.request.method == "POST":
            return Organisation.objects.for_desk(self.desk).filter(merged_into__isnull=True)
        found = selectors.merge_candidates(
            loket=self.desk, organisation=self.object, search=self.request.GET.get("q", "")
        )
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
                return _to_detail(self.desk, self.object.pk)
        return self.render_page(form, status=400)
