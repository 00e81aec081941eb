"""The desk's public knowledge, without an account: its public articles, searchable."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from sportloket.core.models import Loket
from sportloket.knowledge import selectors
from sportloket.knowledge.forms import PublicSearchForm

PAGE_SIZE = 20


class _PublicDeskMixin:
    def get_desk(self):
        return get_object_or_404(Loket.objects.active(), slug=self.kwargs["loket_slug"])


class PublicArticleListView(_PublicDeskMixin, TemplateView):
    template_name = "knowledge/public_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        desk = self.get_desk()
        form = PublicSearchForm(self.request.GET or None)
        search = form.cleaned_data.get("q", "") if form.is_valid() else ""
        articles = selectors.public_articles(loket=desk, search=search)
        page = Paginator(articles, PAGE_SIZE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        ctx.update(
            desk=desk,
            search_form=form,
            search=search,
            page_obj=page,
            querystring=query.urlencode(),
        )
        return ctx


class PublicArticleDetailView(_PublicDeskMixin, TemplateView):
    template_name = "knowledge/public_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        desk = self.get_desk()
        ctx.update(
            desk=desk,
            article=selectors.get_public_article_or_404(loket=desk, pk=self.kwargs["pk"]),
        )
        return ctx
