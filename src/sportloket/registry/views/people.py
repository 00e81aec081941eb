"""The people at an organisation: adding someone with a role, ending a role."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from sportloket.core.permissions import Capability
from sportloket.core.views_mixins import DeskMixin, DeskObjectMixin, add_service_errors
from sportloket.registry import selectors, services
from sportloket.registry.forms import PersonRoleForm
from sportloket.registry.models import Organisation, PersonRole, ProviderChange


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


class ProviderChangeDecideView(DeskObjectMixin, View):
    """A coordinator approves or refuses a new name or KvK number an organisation's own
    contact person asked for on the provider's page."""

    capability = Capability.MANAGE_REGISTER
    model = ProviderChange
    http_method_names = ["post"]

    def get_queryset(self):
        return ProviderChange.objects.for_desk(self.desk).select_related("organisation")

    def post(self, request, *args, **kwargs):
        change = self.object
        approve = request.POST.get("decision") == "approve"
        try:
            services.provider_change_decide(
                change=change,
                loket=self.desk,
                actor=request.user,
                approve=approve,
                note=request.POST.get("note", ""),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            done = _("The change is approved and applied.") if approve else None
            messages.success(request, done or _("The change is refused."))
        return redirect(
            "registry:organisation-detail", loket_slug=self.desk.slug, pk=change.organisation_id
        )


class ProviderChangeListView(DeskMixin, View):
    """What the providers changed in their own register data, those waiting for the desk's
    approval (a new name or KvK number) first."""

    capability = Capability.VIEW_REGISTER
    template_name = "registry/provider_change_list.html"

    def get(self, request, *args, **kwargs):
        changes = selectors.desk_provider_changes(loket=self.desk)
        page = Paginator(changes, 25).get_page(request.GET.get("page"))
        selectors.hide_people(page.object_list, self.membership.can(Capability.VIEW_PEOPLE))
        return render(request, self.template_name, {"page_obj": page})
