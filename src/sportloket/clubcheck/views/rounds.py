"""The desk's club checks: the list and a new round, a round's page (dates, the desk's own
questions, inviting, progress, the signals), and one provider's answers."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from sportloket.clubcheck import selectors, services
from sportloket.clubcheck.forms import ExtraQuestionForm, RoundDatesForm, RoundForm
from sportloket.clubcheck.models import CheckAnswer, CheckRound, ExtraQuestion
from sportloket.core.permissions import Capability
from sportloket.core.views_mixins import DeskMixin, add_service_errors

PAGE_SIZE = 25


def to_round(round):
    return redirect("clubcheck:round", loket_slug=round.loket.slug, year=round.year)


class RoundListView(DeskMixin, View):
    capability = Capability.VIEW_CLUB_CHECK
    template_name = "clubcheck/round_list.html"

    def render_page(self, form, status=200):
        ctx = {"rounds": selectors.desk_rounds(loket=self.desk), "form": form}
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, loket_slug):
        return self.render_page(RoundForm(initial=RoundForm.initial_now()))

    def post(self, request, loket_slug):
        if not self.membership.can(Capability.MANAGE_CLUB_CHECK):
            raise PermissionDenied
        form = RoundForm(request.POST)
        if form.is_valid():
            try:
                round = services.round_create(
                    loket=self.desk, actor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "The club check is set up. "
                        "Add your own questions, then invite the providers."
                    ),
                )
                return to_round(round)
        return self.render_page(form, status=400)


class RoundMixin(DeskMixin):
    """The desk's round named by ``year`` (404 for another desk's)."""

    capability = Capability.VIEW_CLUB_CHECK
    model = CheckRound  # what the desk-isolation test makes for another desk

    def resolve_object(self):
        self.round = selectors.desk_round(loket=self.desk, year=self.kwargs["year"])


class RoundView(RoundMixin, View):
    template_name = "clubcheck/round_detail.html"

    def render_page(self, dates_form=None, question_form=None, status=200):
        round = self.round
        ctx = {
            "round": round,
            "progress": selectors.round_progress(round=round),
            "dates_form": dates_form
            or RoundDatesForm(initial={"opens_on": round.opens_on, "closes_on": round.closes_on}),
            "question_form": question_form or ExtraQuestionForm(),
            "questions": list(round.extra_questions.all()),
            "question_hidden": [("action", "question")],
            "dates_hidden": [("action", "dates")],
        }
        if self.membership.can(Capability.VIEW_CLUB_CHECK_ANSWERS):
            ctx["signals"] = Paginator(selectors.round_signals(round=round), PAGE_SIZE).get_page(
                self.request.GET.get("page")
            )
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, loket_slug, year):
        return self.render_page()

    def post(self, request, loket_slug, year):
        if not self.membership.can(Capability.MANAGE_CLUB_CHECK):
            raise PermissionDenied
        action = request.POST.get("action")
        if action == "dates":
            return self.change_dates()
        if action == "question":
            return self.add_question()
        if action == "invite":
            try:
                count = services.round_invite(round=self.round, actor=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("%(n)d providers invited.") % {"n": count})
        return to_round(self.round)

    def change_dates(self):
        form = RoundDatesForm(self.request.POST)
        if form.is_valid():
            try:
                services.round_update(
                    round=self.round, actor=self.request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(self.request, _("Saved."))
                return to_round(self.round)
        return self.render_page(dates_form=form, status=400)

    def add_question(self):
        form = ExtraQuestionForm(self.request.POST)
        if form.is_valid():
            try:
                services.extra_question_add(
                    round=self.round, actor=self.request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(self.request, _("The question is added."))
                return to_round(self.round)
        return self.render_page(question_form=form, status=400)


class QuestionRemoveView(RoundMixin, View):
    capability = Capability.MANAGE_CLUB_CHECK
    model = ExtraQuestion
    http_method_names = ["post"]

    def post(self, request, loket_slug, year, pk):
        question = get_object_or_404(ExtraQuestion, round=self.round, pk=pk)
        try:
            services.extra_question_remove(question=question, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The question is removed."))
        return to_round(self.round)


class AnswerView(RoundMixin, View):
    """One provider's answers; a coordinator makes a question of it in one step."""

    capability = Capability.VIEW_CLUB_CHECK_ANSWERS
    model = CheckAnswer
    template_name = "clubcheck/answer_detail.html"

    def get(self, request, loket_slug, year, pk):
        answer = selectors.answer_detail(round=self.round, pk=pk)
        return render(request, self.template_name, {"round": self.round, "answer": answer})

    def post(self, request, loket_slug, year, pk):
        answer = selectors.answer_detail(round=self.round, pk=pk)
        if not self.membership.can(Capability.MANAGE_REQUESTS):
            raise PermissionDenied
        try:
            help_request = services.answer_to_question(answer=answer, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("clubcheck:answer", loket_slug=self.desk.slug, year=year, pk=pk)
        messages.success(request, _("A question has been made of the answer."))
        return redirect(
            "helprequests:request-detail", loket_slug=self.desk.slug, pk=help_request.pk
        )
