"""A provider answers its club check by the private link of its invitation (also reached from
its own page): no account needed; while the round is open it can change its answers."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from sportloket.clubcheck import services
from sportloket.clubcheck.forms import AnswerForm
from sportloket.clubcheck.models import CheckAnswer, CheckInvitation
from sportloket.core.views_mixins import add_service_errors


class AnswerFormView(View):
    template_name = "clubcheck/answer_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.invitation = get_object_or_404(
            CheckInvitation.objects.select_related("round__loket", "organisation"),
            token=kwargs["token"],
        )
        self.round = self.invitation.round
        self.questions = list(self.round.extra_questions.all())
        self.answer = (
            CheckAnswer.objects.filter(invitation=self.invitation)
            .prefetch_related("topics", "extras__question")
            .first()
        )
        response = super().dispatch(request, *args, **kwargs)
        response["Referrer-Policy"] = "same-origin"
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Cache-Control"] = "private, no-store"
        return response

    def render_page(self, form, status=200):
        ctx = {
            "invitation": self.invitation,
            "round": self.round,
            "desk": self.round.loket,
            "organisation": self.invitation.organisation,
            "answer": self.answer,
            "is_open": self.round.is_open(timezone.localdate()),
            "form": form,
            "core_fields": [
                form[name]
                for name in form.fields
                if not name.startswith("extra_") and name not in ("by_name", "by_email")
            ],
            "extra_fields": [form[f"extra_{q.pk}"] for q in self.questions],
            "who_fields": [form["by_name"], form["by_email"]],
        }
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, token):
        initial = AnswerForm.initial_from(self.answer)
        return self.render_page(AnswerForm(initial=initial, questions=self.questions))

    def post(self, request, token):
        form = AnswerForm(request.POST, questions=self.questions)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.answer_submit(
                    invitation=self.invitation,
                    by_name=data["by_name"],
                    by_email=data["by_email"],
                    core=data,
                    topics=data["topics"],
                    extras=form.extras(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Thank you: your answers are saved. "
                        "You can change them until the check closes."
                    ),
                )
                return redirect("clubcheck:answer-form", token=token)
        return self.render_page(form, status=400)
