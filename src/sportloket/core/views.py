from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from sportloket.core import selectors, services
from sportloket.core.constants import PROVIDER_KIND_VALUES
from sportloket.core.forms import (
    LoketSettingsForm,
    MembershipAddForm,
    MembershipRoleForm,
    TeamFilterForm,
)
from sportloket.core.models import Loket, Membership
from sportloket.core.permissions import Capability
from sportloket.core.scoping import desks_for_user
from sportloket.core.views_mixins import (
    DeskMixin,
    DeskObjectMixin,
    HtmxPartialMixin,
    add_service_errors,
)

TEAM_PAGE_SIZE = 50


@never_cache
def healthz(request):
    """Liveness and database check for load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = "ok"
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        database = "error"
    status = 200 if database == "ok" else 503
    return JsonResponse(
        {"status": "ok" if status == 200 else "error", "database": database}, status=status
    )


class HomeView(TemplateView):
    """The start page: a signed-in user's desks, or the list of desks for everyone else.

    It is where signing in leads without a ``next``: a member of one desk goes on to that
    desk's dashboard, the national team without a desk to the national overview."""

    template_name = "core/home.html"

    def get(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            desks = list(desks_for_user(request.user)[:2])
            if len(desks) == 1:
                return redirect("dashboard:desk", loket_slug=desks[0].slug)
            if not desks and request.user.is_national:
                return redirect("scan:national")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["public_desks"] = selectors.public_desks()
        return ctx


class DeskPublicView(TemplateView):
    """The desk's public page: what it does, where it works, how to reach it."""

    template_name = "core/desk_public.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        desk = get_object_or_404(Loket.objects.active(), slug=self.kwargs["loket_slug"])
        ctx["desk"] = desk
        ctx["work_area"] = selectors.desk_work_area(loket=desk)
        return ctx


class TeamListView(HtmxPartialMixin, DeskMixin, TemplateView):
    capability = Capability.VIEW_TEAM
    template_name = "core/team_list.html"
    partial_template_name = "core/_team_table.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = TeamFilterForm(self.request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        team = selectors.desk_team(
            loket=self.desk,
            role=filters.get("role", ""),
            search=filters.get("q", ""),
            include_ended=filters.get("ended", False),
        )
        page = Paginator(team, TEAM_PAGE_SIZE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        ctx.update(filter_form=form, page_obj=page, querystring=query.urlencode())
        return ctx


class MembershipAddView(DeskMixin, View):
    capability = Capability.MANAGE_TEAM
    template_name = "core/membership_add.html"

    def get(self, request, *args, **kwargs):
        return render(request, self.template_name, {"form": MembershipAddForm()})

    def post(self, request, *args, **kwargs):
        form = MembershipAddForm(request.POST)
        if form.is_valid():
            try:
                services.membership_invite(
                    loket=self.desk, actor=request.user, request=request, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                # The same words whether or not the address already had an account elsewhere.
                messages.success(
                    request,
                    _("%(email)s was added to the desk and has received an e-mail about it.")
                    % {"email": form.cleaned_data["email"]},
                )
                return redirect("core:team", loket_slug=self.desk.slug)
        return render(request, self.template_name, {"form": form}, status=400)


class MembershipDetailView(DeskObjectMixin, View):
    """A member's role at this desk; coordinators change it here and read its history."""

    capability = Capability.VIEW_TEAM
    model = Membership
    queryset = Membership.objects.select_related("user", "loket", "organisation")
    template_name = "core/membership_detail.html"

    def represented_choices(self, membership):
        """What a partner may represent: the supporting organisations in the desk's register
        (and the one the member represents now, should it have left the register)."""
        # The register sits above core: its organisations by their label, never by an import.
        organisations = apps.get_model("registry", "Organisation").objects
        register = (
            organisations.for_desk(self.desk).exclude(kind__in=PROVIDER_KIND_VALUES).values("pk")
        )
        return organisations.filter(Q(pk__in=register) | Q(pk=membership.organisation_id)).order_by(
            "name", "pk"
        )

    def render_page(self, membership, form, status=200):
        ctx = {"member": membership, "form": form}
        if self.membership.can(Capability.VIEW_HISTORY):
            ctx["history"] = selectors.record_history(membership)
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        membership = self.object
        form = None
        if self.membership.can(Capability.MANAGE_TEAM) and membership.is_active:
            form = MembershipRoleForm(
                initial={
                    "role": membership.role,
                    "partner_kind": membership.partner_kind,
                    "acts_for": membership.acts_for,
                    "organisation": membership.organisation_id,
                    "decides_support": membership.decides_support,
                },
                organisations=self.represented_choices(membership),
            )
        return self.render_page(membership, form)

    def post(self, request, *args, **kwargs):
        membership = self.object
        if not self.membership.can(Capability.MANAGE_TEAM):
            raise PermissionDenied
        form = MembershipRoleForm(request.POST, organisations=self.represented_choices(membership))
        if form.is_valid():
            try:
                services.membership_change_role(
                    membership=membership, actor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The role was changed."))
                return redirect(
                    "core:membership-detail", loket_slug=self.desk.slug, pk=membership.pk
                )
        return self.render_page(membership, form, status=400)


class MembershipEndView(DeskObjectMixin, View):
    capability = Capability.MANAGE_TEAM
    model = Membership
    queryset = Membership.objects.select_related("user", "loket")
    template_name = "core/membership_end.html"

    def get(self, request, *args, **kwargs):
        return render(request, self.template_name, {"member": self.object})

    def post(self, request, *args, **kwargs):
        membership = self.object
        try:
            services.membership_end(membership=membership, actor=request.user)
        except ValidationError as error:
            return render(
                request,
                self.template_name,
                {"member": membership, "errors": error.messages},
                status=400,
            )
        messages.success(
            request, _("The membership of %(name)s has ended.") % {"name": membership.user}
        )
        return redirect("core:team", loket_slug=self.desk.slug)


class DeskSettingsView(DeskMixin, View):
    capability = Capability.MANAGE_DESK
    template_name = "core/desk_settings.html"

    def render_page(self, form, status=200):
        ctx = {"form": form, "history": selectors.record_history(self.desk)}
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        # A fresh instance, so that a failed POST never leaves the request's desk half-edited.
        return self.render_page(LoketSettingsForm(instance=Loket.objects.get(pk=self.desk.pk)))

    def post(self, request, *args, **kwargs):
        form = LoketSettingsForm(request.POST, instance=Loket.objects.get(pk=self.desk.pk))
        if form.is_valid():
            data = dict(form.cleaned_data)
            work_area = data.pop("work_area")
            neighbours = data.pop("neighbours")
            try:
                services.loket_update(
                    loket=self.desk,
                    actor=request.user,
                    work_area=work_area,
                    neighbours=neighbours,
                    **data,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The desk settings were saved."))
                return redirect(reverse("core:desk-settings", args=[self.desk.slug]))
        return self.render_page(form, status=400)
