"""Referrals of a question: sending one to another desk or a partner (the referring desk),
accepting or declining one received (the receiving desk, on the question it received), and
recording a partner's answer (the referring desk, for a partner outside the software)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from sportloket.core.permissions import Capability
from sportloket.core.views_mixins import DeskObjectMixin, add_service_errors
from sportloket.helprequests import selectors, services
from sportloket.helprequests.constants import ReferralState
from sportloket.helprequests.models import HelpRequest, Referral
from sportloket.helprequests.referral_forms import (
    DeclineForm,
    ReferralAnswerForm,
    ReferralForm,
)


class _QuestionView(DeskObjectMixin, View):
    capability = Capability.MANAGE_REQUESTS
    model = HelpRequest

    def get_queryset(self):
        return selectors.visible_requests(membership=self.membership).select_related("loket")

    def back(self):
        return redirect("helprequests:request-detail", self.desk.slug, self.object.pk)


class ReferView(_QuestionView):
    template_name = "helprequests/refer.html"

    def make_form(self, data=None):
        return ReferralForm(
            data,
            desks=services.referral_desks(self.desk),
            partners=services.referral_partners(self.desk),
        )

    def render_page(self, form, status=200):
        ctx = {"form": form, "help_request": self.object}
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        form = self.make_form()
        partner = request.GET.get("to_organisation", "")
        if partner.isdigit():
            form.initial["to_organisation"] = int(partner)  # involving the club's adviser
        return self.render_page(form)

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        if form.is_valid():
            try:
                referral = services.referral_send(
                    help_request=self.object,
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                    to_loket=form.cleaned_data["to_loket"],
                    to_organisation=form.cleaned_data["to_organisation"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The question was referred to %(to)s.") % {"to": referral.receiver_name},
                )
                return self.back()
        return self.render_page(form, status=400)


class _ReceivedView(_QuestionView):
    """An answer of the receiving desk, on the question it received by the referral."""

    def referral(self) -> Referral | None:
        return (
            Referral.objects.select_related("help_request__loket", "received")
            .filter(received=self.object)
            .first()
        )

    def dispatch_referral(self, request):
        referral = self.referral()
        if referral is None:
            messages.error(request, _("This question did not come by a referral."))
        return referral


class ReferralAcceptView(_ReceivedView):
    def post(self, request, *args, **kwargs):
        referral = self.dispatch_referral(request)
        if referral is None:
            return self.back()
        try:
            services.referral_accept(referral=referral, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("You took the question on."))
        return self.back()


class ReferralDeclineView(_ReceivedView):
    def post(self, request, *args, **kwargs):
        referral = self.dispatch_referral(request)
        if referral is None:
            return self.back()
        form = DeclineForm(request.POST)
        if form.is_valid():
            try:
                services.referral_decline(
                    referral=referral, actor=request.user, answer=form.cleaned_data["answer"]
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return self.back()
            else:
                messages.success(
                    request,
                    _("The question returned to %(desk)s.")
                    % {"desk": referral.help_request.loket.name},
                )
                return self.back()
        messages.error(request, _("Say why the question is declined."))
        return self.back()


class ReferralAnswerView(_QuestionView):
    """The referring desk records what a partner outside the software answered."""

    def post(self, request, *args, **kwargs):
        referral = (
            self.object.referrals.filter(to_organisation__isnull=False)
            .exclude(state=ReferralState.DECLINED)
            .order_by("-created_at", "-pk")
            .first()
        )
        if referral is None:
            messages.error(request, _("This question has no referral to a partner to answer."))
            return self.back()
        form = ReferralAnswerForm(request.POST)
        if form.is_valid():
            try:
                services.referral_answer_record(
                    referral=referral,
                    actor=request.user,
                    state=form.cleaned_data["state"],
                    answer=form.cleaned_data["answer"],
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("The partner's answer was recorded."))
        else:
            messages.error(request, _("Choose the partner's answer."))
        return self.back()


class ReferralWithdrawView(_QuestionView):
    """The referring desk takes back its referral to another desk, not answered yet."""

    def post(self, request, *args, **kwargs):
        referral = (
            self.object.referrals.filter(state=ReferralState.PENDING, to_loket__isnull=False)
            .select_related("help_request__loket", "received", "to_loket")
            .first()
        )
        if referral is None:
            messages.error(request, _("This question has no referral waiting for an answer."))
            return self.back()
        try:
            services.referral_withdraw(
                referral=referral, actor=request.user, note=request.POST.get("note", "")
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The referral was taken back."))
        return self.back()
