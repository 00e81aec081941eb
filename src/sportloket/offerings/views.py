from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from sportloket.core import selectors as core_selectors
from sportloket.core.constants import DEFAULT_THEMES
from sportloket.core.permissions import Capability
from sportloket.core.views_mixins import (
    DeskMixin,
    DeskObjectMixin,
    HtmxPartialMixin,
    add_service_errors,
)
from sportloket.offerings import selectors, services
from sportloket.offerings.forms import (
    NationalOfferingFilterForm,
    NationalOfferingForm,
    OfferingFilterForm,
    OfferingForm,
)
from sportloket.offerings.models import Offering
from sportloket.registry import selectors as registry_selectors
from sportloket.registry.constants import PROVIDER_KINDS, OrganisationStatus

PAGE_SIZE = 25


def delivering_organisations(loket):
    """Who may deliver an offering of this desk: the supporting organisations in its register
    (a list of every club would be unusable; clubs are who the desk helps)."""
    return (
        registry_selectors.desk_organisations(loket=loket)
        .exclude(kind__in=PROVIDER_KINDS)
        .filter(status=OrganisationStatus.ACTIVE)
        .select_related(None)
        .prefetch_related(None)
    )


class OfferingListView(HtmxPartialMixin, DeskMixin, TemplateView):
    """The catalogue as this desk sees it: its own offerings, regional ones shared with it and
    national ones."""

    capability = Capability.VIEW_OFFERINGS
    template_name = "offerings/offering_list.html"
    partial_template_name = "offerings/_offering_table.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = OfferingFilterForm(
            self.request.GET or None,
            themes=core_selectors.theme_key_choices(loket=self.desk, usual_when_none=True),
        )
        offerings = selectors.visible_offerings(loket=self.desk, **form.filters())
        page = Paginator(offerings, PAGE_SIZE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        ctx.update(filter_form=form, page_obj=page, querystring=query.urlencode())
        return ctx


class _OfferingFormMixin:
    capability = Capability.MANAGE_OFFERINGS
    template_name = "offerings/offering_form.html"

    def make_form(self, data=None, instance=None):
        return OfferingForm(
            data,
            instance=instance if instance is not None else Offering(loket=self.desk),
            organisations=delivering_organisations(self.desk),
            desks=core_selectors.neighbours_first(
                core_selectors.public_desks().exclude(pk=self.desk.pk), loket=self.desk
            ),
            themes=core_selectors.theme_key_choices(loket=self.desk, usual_when_none=True),
        )

    def render_form(self, form, status=200):
        ctx = {"form": form, "offering": getattr(self, "object", None)}
        return render(self.request, self.template_name, ctx, status=status)

    def save(self, form, offering=None):
        if form.is_valid():
            try:
                saved = services.offering_save(
                    loket=self.desk,
                    actor=self.request.user,
                    offering=offering,
                    **form.service_arguments(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return saved
        return None


class OfferingCreateView(_OfferingFormMixin, DeskMixin, View):
    def get(self, request, *args, **kwargs):
        form = self.make_form()
        # Shared with the neighbouring desks, unless the desk chooses otherwise (for a region).
        form.initial["shared_with"] = list(self.desk.neighbours.values_list("pk", flat=True))
        return self.render_form(form)

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        offering = self.save(form)
        if offering is None:
            return self.render_form(form, status=400)
        messages.success(request, _("%(title)s was added to the catalogue.") % {"title": offering})
        return redirect("decisions:offering-detail", loket_slug=self.desk.slug, pk=offering.pk)


class OfferingEditView(_OfferingFormMixin, DeskObjectMixin, View):
    """Only the desk's own offerings: a national offering or one another desk shares is a 404
    here (the desk scope of DeskObjectMixin), although its page can be read."""

    model = Offering

    def get(self, request, *args, **kwargs):
        return self.render_form(self.make_form(instance=self.object))

    def post(self, request, *args, **kwargs):
        # The form works on its own copy: a refused edit must not show in the page heading.
        form = self.make_form(request.POST, instance=Offering.objects.get(pk=self.object.pk))
        if self.save(form, offering=form.instance) is None:
            return self.render_form(form, status=400)
        messages.success(request, _("The changes were saved."))
        return redirect("decisions:offering-detail", loket_slug=self.desk.slug, pk=self.object.pk)


# The national catalogue: offerings from the national services menu and other support every
# desk shares, managed by the national team (users marked as such; no desk membership needed).


def national_themes() -> list[tuple[str, str]]:
    """The usual themes by key: every desk knows them, whatever it calls them."""
    return [(key, str(name)) for key, name in DEFAULT_THEMES]


class NationalTeamMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_national:
            raise PermissionDenied(_("Only the national team manages national offerings."))
        return super().dispatch(request, *args, **kwargs)


class NationalOfferingListView(HtmxPartialMixin, NationalTeamMixin, TemplateView):
    template_name = "offerings/national_list.html"
    partial_template_name = "offerings/_national_table.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = NationalOfferingFilterForm(self.request.GET or None, themes=national_themes())
        offerings = selectors.national_offerings(**form.filters())
        page = Paginator(offerings, PAGE_SIZE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        ctx.update(filter_form=form, page_obj=page, querystring=query.urlencode())
        return ctx


class _NationalFormMixin(NationalTeamMixin):
    template_name = "offerings/national_form.html"

    def make_form(self, data=None, instance=None):
        return NationalOfferingForm(
            data,
            instance=instance if instance is not None else Offering(),
            organisations=registry_selectors.national_supporting_organisations(),
            themes=national_themes(),
        )

    def render_form(self, form, status=200):
        ctx = {"form": form, "offering": getattr(self, "object", None)}
        if ctx["offering"] is not None:
            ctx["history"] = core_selectors.record_history(ctx["offering"])
        return render(self.request, self.template_name, ctx, status=status)

    def save(self, form, offering=None):
        if form.is_valid():
            try:
                return services.offering_save(
                    loket=None,
                    actor=self.request.user,
                    offering=offering,
                    **form.service_arguments(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
        return None


class NationalOfferingCreateView(_NationalFormMixin, View):
    def get(self, request, *args, **kwargs):
        return self.render_form(self.make_form())

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        offering = self.save(form)
        if offering is None:
            return self.render_form(form, status=400)
        messages.success(request, _("%(title)s was added to the catalogue.") % {"title": offering})
        return redirect("national-offerings:list")


class NationalOfferingEditView(_NationalFormMixin, View):
    def dispatch(self, request, *args, **kwargs):
        self.object = None
        return super().dispatch(request, *args, **kwargs)

    def load(self):
        try:
            self.object = Offering.objects.select_related("delivered_by").get(
                pk=self.kwargs["pk"], loket__isnull=True
            )
        except Offering.DoesNotExist as exc:
            raise Http404 from exc

    def get(self, request, *args, **kwargs):
        self.load()
        return self.render_form(self.make_form(instance=self.object))

    def post(self, request, *args, **kwargs):
        self.load()
        # The form works on its own copy: a refused edit must not show in the page heading.
        form = self.make_form(request.POST, instance=Offering.objects.get(pk=self.object.pk))
        if self.save(form, offering=form.instance) is None:
            return self.render_form(form, status=400)
        messages.success(request, _("The changes were saved."))
        return redirect("national-offerings:list")
