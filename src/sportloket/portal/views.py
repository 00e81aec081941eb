"""The provider's page (``/mijn/``): signing in with an e-mailed code, the organisation's
overview, keeping its register data up to date, and asking a new question."""

from datetime import datetime, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views import View

from sportloket.core.ratelimit import client_address
from sportloket.core.views_mixins import add_service_errors
from sportloket.helprequests import services as request_services
from sportloket.portal import selectors, services
from sportloket.portal.forms import AskForm, CodeForm, EmailForm, ProviderDataForm, RoleForm
from sportloket.registry import services as registry_services
from sportloket.registry.models import PersonRole
from sportloket.registry.selectors import provider_changes

SESSION_EMAIL = "portal_email"
SESSION_SINCE = "portal_since"
SESSION_PENDING = "portal_pending_email"
SIGNED_IN_HOURS = 8


def signed_in_email(request) -> str | None:
    """The contact person's address this browser signed in with, for ``SIGNED_IN_HOURS``."""
    email, since = request.session.get(SESSION_EMAIL), request.session.get(SESSION_SINCE)
    if not email or not since:
        return None
    if datetime.fromisoformat(since) + timedelta(hours=SIGNED_IN_HOURS) < timezone.now():
        return None
    return email


def _private(response):
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _next_path(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("portal:home")


class SignInView(View):
    template_name = "portal/sign_in.html"

    def render_page(self, form, status=200):
        # Where the provider was going, kept through the code page.
        asked = self.request.GET.get("next") or self.request.POST.get("next")
        ctx = {"form": form, "next": _next_path(self.request) if asked else ""}
        return _private(render(self.request, self.template_name, ctx, status=status))

    def get(self, request):
        if signed_in_email(request):
            return redirect(_next_path(request))
        return self.render_page(EmailForm())

    def post(self, request):
        form = EmailForm(request.POST)
        if form.is_valid():
            email = services.normalise_email(form.cleaned_data["email"])
            try:
                services.code_request(email=email, network_address=client_address(request))
            except services.TooManyRequests:
                form.add_error(
                    "email",
                    _("You asked for several codes in a short time. Wait a quarter of an hour."),
                )
            else:
                request.session[SESSION_PENDING] = email
                url = reverse("portal:code")
                if request.POST.get("next"):
                    url += "?" + urlencode({"next": _next_path(request)})
                return redirect(url)
        return self.render_page(form, status=400)


class CodeView(View):
    template_name = "portal/code.html"

    def dispatch(self, request, *args, **kwargs):
        self.email = request.session.get(SESSION_PENDING)
        if not self.email:
            return redirect("portal:sign-in")
        return super().dispatch(request, *args, **kwargs)

    def render_page(self, form, status=200):
        ctx = {"form": form, "email": self.email, "next": _next_path(self.request)}
        return _private(render(self.request, self.template_name, ctx, status=status))

    def get(self, request):
        return self.render_page(CodeForm())

    def post(self, request):
        form = CodeForm(request.POST)
        if form.is_valid():
            try:
                email = services.code_verify(email=self.email, code=form.cleaned_data["code"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                request.session.cycle_key()
                request.session.pop(SESSION_PENDING, None)
                request.session[SESSION_EMAIL] = email
                request.session[SESSION_SINCE] = timezone.now().isoformat()
                return redirect(_next_path(request))
        return self.render_page(form, status=400)


class SignOutView(View):
    http_method_names = ["post"]

    def post(self, request):
        for key in (SESSION_EMAIL, SESSION_SINCE, SESSION_PENDING):
            request.session.pop(key, None)
        messages.success(request, _("You are signed out."))
        return redirect("portal:sign-in")


class PortalMixin:
    """Only for a signed-in contact person; an organisation only when they are one of its
    contact persons (404 otherwise, so nobody learns that it exists)."""

    def dispatch(self, request, *args, **kwargs):
        self.email = signed_in_email(request)
        if not self.email:
            return redirect(reverse("portal:sign-in") + "?" + urlencode({"next": request.path}))
        if "pk" in kwargs:
            self.organisation = selectors.my_organisation(email=self.email, pk=kwargs["pk"])
        return _private(super().dispatch(request, *args, **kwargs))

    def render_page(self, template, ctx, status=200):
        ctx = {"portal_email": self.email, **ctx}
        if hasattr(self, "organisation"):
            ctx["organisation"] = self.organisation
        return render(self.request, template, ctx, status=status)


class HomeView(PortalMixin, View):
    def get(self, request):
        organisations = list(selectors.my_organisations(self.email))
        if len(organisations) == 1:
            return redirect("portal:organisation", pk=organisations[0].pk)
        return self.render_page("portal/home.html", {"organisations": organisations})


class OrganisationView(PortalMixin, View):
    def get(self, request, pk):
        organisation = self.organisation
        return self.render_page(
            "portal/organisation.html",
            {
                "questions": selectors.organisation_questions(organisation=organisation),
                "support": selectors.organisation_support(organisation=organisation),
                **selectors.organisation_meetings(organisation=organisation, email=self.email),
                "changes": provider_changes(organisation=organisation),
            },
        )


class DataView(PortalMixin, View):
    template_name = "portal/data.html"

    def render_page(self, template, ctx, status=200):
        ctx = {
            "roles": selectors.organisation_roles(organisation=self.organisation),
            "role_form": RoleForm(),
            **ctx,
        }
        return super().render_page(template, ctx, status=status)

    def get(self, request, pk):
        initial = ProviderDataForm.initial_for(self.organisation, self.organisation.sports.all())
        return self.render_page(self.template_name, {"form": ProviderDataForm(initial=initial)})

    def post(self, request, pk):
        form = ProviderDataForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            sports = list(data.pop("sports"))
            role = selectors.my_role(email=self.email, organisation=self.organisation)
            try:
                recorded = registry_services.provider_update(
                    organisation=self.organisation,
                    by_name=role.person.full_name,
                    by_email=self.email,
                    fields=data,
                    sports=sports,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if any(change.status == "pending" for change in recorded):
                    messages.success(
                        request,
                        _("Saved. The new name or KvK number waits for the desk's approval."),
                    )
                elif recorded:
                    messages.success(request, _("Saved. The desk sees what you changed."))
                else:
                    messages.info(request, _("Nothing was changed."))
                return redirect("portal:organisation", pk=self.organisation.pk)
        return self.render_page(self.template_name, {"form": form}, status=400)


class RoleAddView(DataView):
    """Someone new in a role, from the details page (the rest of the page as it was)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        form = RoleForm(request.POST)
        if form.is_valid():
            mine = selectors.my_role(email=self.email, organisation=self.organisation)
            try:
                registry_services.provider_role_add(
                    organisation=self.organisation,
                    loket=mine.loket,
                    by_name=mine.person.full_name,
                    by_email=self.email,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Saved. The desk sees what you changed."))
                return redirect("portal:data", pk=self.organisation.pk)
        initial = ProviderDataForm.initial_for(self.organisation, self.organisation.sports.all())
        ctx = {"form": ProviderDataForm(initial=initial), "role_form": form}
        return self.render_page(self.template_name, ctx, status=400)


class RoleEndView(PortalMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk, role_pk):
        role = get_object_or_404(
            PersonRole.objects.current().select_related("person", "organisation"),
            organisation=self.organisation,
            pk=role_pk,
        )
        mine = selectors.my_role(email=self.email, organisation=self.organisation)
        try:
            registry_services.provider_role_end(
                role=role, by_name=mine.person.full_name, by_email=self.email
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The role of %(name)s has ended.") % {"name": role.person})
        return redirect("portal:data", pk=self.organisation.pk)


class AskView(PortalMixin, View):
    template_name = "portal/ask.html"

    def form(self, data=None):
        desks = selectors.organisation_desks(organisation=self.organisation)
        return AskForm(data, desks=desks, initial={"desk": desks.first()})

    def get(self, request, pk):
        return self.render_page(self.template_name, {"form": self.form()})

    def post(self, request, pk):
        form = self.form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            role = selectors.my_role(email=self.email, organisation=self.organisation)
            organisation = self.organisation
            try:
                help_request = request_services.request_submit(
                    loket=data["desk"],
                    organisation=organisation,
                    organisation_name=organisation.name,
                    organisation_kvk=organisation.kvk_number or "",
                    organisation_place=organisation.city,
                    contact_name=role.person.full_name,
                    contact_email=self.email,
                    contact_phone=role.person.phone,
                    contact_role=role.get_function_display(),
                    question=data["question"],
                    urgency=data["urgency"],
                    consents_to_processing=True,
                    consents_to_sharing=data["consents_to_sharing"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Your question has been sent to %(desk)s.") % {"desk": data["desk"].name},
                )
                return redirect("helprequests:track", help_request.tracking_token)
        return self.render_page(self.template_name, {"form": form}, status=400)
