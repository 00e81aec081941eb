"""Bringing providers together: the suggestions with their reasons, the introduction of the
providers of one (a message to each with their agreement), its record, and the provider's
agreement to be introduced, recorded on its page in the register."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from sportloket.cooperation import selectors, services
from sportloket.cooperation.forms import ConsentForm, IntroductionForm, SuggestionFilterForm
from sportloket.cooperation.models import Introduction, IntroductionConsent
from sportloket.core.permissions import Capability
from sportloket.core.views_mixins import (
    DeskMixin,
    DeskObjectMixin,
    HtmxPartialMixin,
    add_service_errors,
)
from sportloket.meetings import selectors as meeting_selectors
from sportloket.registry.models import Organisation

PAGE_SIZE = 20


class SuggestionListView(HtmxPartialMixin, DeskMixin, TemplateView):
    capability = Capability.VIEW_COOPERATION
    template_name = "cooperation/suggestion_list.html"
    partial_template_name = "cooperation/_suggestion_table.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = SuggestionFilterForm(self.request.GET or None)
        kind = form.cleaned_data.get("kind", "") if form.is_valid() else ""
        found = selectors.suggestions(loket=self.desk, kind=kind)
        page = Paginator(found, PAGE_SIZE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        ctx.update(filter_form=form, page_obj=page, querystring=query.urlencode())
        return ctx


def _message_text(desk, organisations, reason) -> str:
    names = ", ".join(o.name for o in organisations)
    return _(
        "The desk would like to bring you into contact with other providers: %(names)s. "
        "%(reason)s. Perhaps you can help each other, or work together. We gladly think along."
    ) % {"names": names, "reason": reason}


class IntroduceView(DeskMixin, View):
    """The introduction of the providers a suggestion names (or any providers of the register
    that agreed): who receives it, the reason and the message, then send."""

    capability = Capability.MANAGE_COOPERATION
    template_name = "cooperation/introduce.html"

    def agreeing(self):
        return (
            Organisation.objects.for_desk(self.desk)
            .filter(pk__in=services.consenting(self.desk))
            .order_by("name")
        )

    def render_page(self, form, chosen, status=200):
        recipients = list(
            meeting_selectors.invitable_roles(loket=self.desk, organisations=chosen)
            .select_related("person", "organisation")
            .order_by("organisation__name", "person__full_name")
        )
        reached = {role.organisation_id for role in recipients}
        ctx = {
            "form": form,
            "chosen": chosen,
            "recipients": recipients,
            "unreached": [o for o in chosen if o.pk not in reached],
        }
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        ids = [v for v in request.GET.getlist("organisation") if v.isdigit()][:50]
        chosen = list(self.agreeing().filter(pk__in=ids))
        reason = request.GET.get("reason", "")[:300]
        form = IntroductionForm(
            initial={
                "organisations": [o.pk for o in chosen],
                "reason": reason,
                "message": _message_text(self.desk, chosen, reason) if chosen else "",
            },
            organisations=self.agreeing(),
        )
        return self.render_page(form, chosen)

    def post(self, request, *args, **kwargs):
        form = IntroductionForm(request.POST, organisations=self.agreeing())
        ids = [v for v in request.POST.getlist("organisations") if v.isdigit()][:50]
        chosen = list(self.agreeing().filter(pk__in=ids))
        if form.is_valid():
            chosen = list(form.cleaned_data["organisations"])
            try:
                introduction = services.introduction_send(
                    loket=self.desk,
                    actor=request.user,
                    organisations=chosen,
                    reason=form.cleaned_data["reason"],
                    message=form.cleaned_data["message"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The introduction was sent to %(n)d contact people.")
                    % {"n": introduction.recipients},
                )
                return redirect(
                    "cooperation:introduction", loket_slug=self.desk.slug, pk=introduction.pk
                )
        return self.render_page(form, chosen, status=400)


class IntroductionDetailView(DeskObjectMixin, TemplateView):
    capability = Capability.VIEW_COOPERATION
    model = Introduction
    template_name = "cooperation/introduction_detail.html"

    def get_queryset(self):
        return Introduction.objects.select_related("sent_by").prefetch_related("organisations")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["introduction"] = self.object
        ctx["organisations"] = sorted(self.object.organisations.all(), key=lambda o: o.name)
        return ctx


class ConsentView(DeskObjectMixin, View):
    """Records that the provider agreed to be introduced to others, or withdraws it."""

    capability = Capability.MANAGE_COOPERATION
    model = Organisation
    template_name = "cooperation/consent_form.html"

    def consent(self):
        return IntroductionConsent.objects.filter(loket=self.desk, organisation=self.object).first()

    def render_page(self, form, status=200):
        ctx = {"form": form, "organisation": self.object, "consent": self.consent()}
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_page(ConsentForm())

    def post(self, request, *args, **kwargs):
        back = redirect(
            "registry:organisation-detail", loket_slug=self.desk.slug, pk=self.object.pk
        )
        if request.POST.get("withdraw"):
            consent = self.consent()
            if consent is not None and consent.withdrawn_on is None:
                services.consent_withdraw(consent=consent, actor=request.user)
                messages.success(request, _("The agreement to be introduced was withdrawn."))
            return back
        form = ConsentForm(request.POST)
        if form.is_valid():
            try:
                services.consent_record(
                    loket=self.desk,
                    organisation=self.object,
                    actor=request.user,
                    source=form.cleaned_data["source"],
                    given_on=form.cleaned_data["given_on"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The agreement to be introduced was recorded."))
                return back
        return self.render_page(form, status=400)
