from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.vary import vary_on_headers
from django.views.generic import TemplateView

from sportloket.core import selectors as core_selectors
from sportloket.core.permissions import Capability
from sportloket.core.views_mixins import DeskMixin, DeskObjectMixin, add_service_errors
from sportloket.registry import selectors, services
from sportloket.registry.forms import OrganisationFilterForm, OrganisationForm
from sportloket.registry.models import Organisation

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
