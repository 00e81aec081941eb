"""A federation's partner's view across desks (``selectors.federation``): its member clubs'
shared questions and their cooperations, read-only. Anyone else, and any other record: 404."""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.views.generic import TemplateView

from sportloket.cooperation import selectors
from sportloket.cooperation.models import Cooperation, CooperationParty
from sportloket.helprequests.models import HelpRequest

PAGE_SIZE = 25


class _FederationMixin:
    def dispatch(self, request, *args, **kwargs):
        self.scope = selectors.federation_scope(request.user)
        if not self.scope:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class FederationView(_FederationMixin, TemplateView):
    template_name = "cooperation/federation.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        questions = selectors.federation_questions(self.scope)
        ctx["page_obj"] = Paginator(questions, PAGE_SIZE).get_page(self.request.GET.get("page"))
        ctx["cooperations"] = selectors.federation_cooperations(self.scope)[:PAGE_SIZE]
        return ctx


class FederationQuestionView(_FederationMixin, TemplateView):
    model = HelpRequest
    template_name = "cooperation/federation_question.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        questions = selectors.federation_questions(self.scope)
        ctx["question"] = questions.filter(pk=kwargs["pk"]).first()
        if ctx["question"] is None:
            raise Http404
        return ctx


class FederationCooperationView(_FederationMixin, TemplateView):
    model = Cooperation
    template_name = "cooperation/federation_cooperation.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        cooperation = (
            selectors.federation_cooperations(self.scope)
            .filter(pk=kwargs["pk"])
            .prefetch_related(
                Prefetch("parties", CooperationParty.objects.select_related("organisation"))
            )
            .first()
        )
        if cooperation is None:
            raise Http404
        ctx["cooperation"] = cooperation
        return ctx
