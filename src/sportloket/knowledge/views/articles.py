"""The desk's knowledge pages: the list with search and filters, an article's page, writing and
archiving articles."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from sportloket.core import selectors as core_selectors
from sportloket.core.permissions import Capability
from sportloket.core.views_mixins import (
    DeskMixin,
    DeskObjectMixin,
    HtmxPartialMixin,
    add_service_errors,
)
from sportloket.knowledge import selectors
from sportloket.knowledge.forms import ArticleFilterForm, ArticleForm
from sportloket.knowledge.models import Article
from sportloket.knowledge.services.articles import article_archive, article_save
from sportloket.offerings import selectors as offering_selectors

PAGE_SIZE = 25


def theme_names(loket) -> dict[str, str]:
    """Theme keys as this desk names them (another desk's custom theme by its key)."""
    return dict(core_selectors.theme_key_choices(loket=loket, usual_when_none=True))


class ArticleListView(HtmxPartialMixin, DeskMixin, TemplateView):
    """The desk's knowledge: its own articles and the shared ones of desks it follows."""

    capability = Capability.VIEW_KNOWLEDGE
    template_name = "knowledge/article_list.html"
    partial_template_name = "knowledge/_article_table.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        themes = core_selectors.theme_key_choices(loket=self.desk, usual_when_none=True)
        form = ArticleFilterForm(
            self.request.GET or None,
            themes=themes,
            followed=selectors.followed_desks(loket=self.desk),
        )
        articles = selectors.desk_articles(loket=self.desk, **form.filters())
        page = Paginator(articles, PAGE_SIZE).get_page(self.request.GET.get("page"))
        names = dict(themes)
        for article in page.object_list:
            article.theme_labels = [names.get(t.key, t.key) for t in article.themes.all()]
        query = self.request.GET.copy()
        query.pop("page", None)
        ctx.update(filter_form=form, page_obj=page, querystring=query.urlencode())
        return ctx


class ArticleDetailView(DeskMixin, TemplateView):
    """An article this desk may read: its own, or one another desk shares (404 otherwise)."""

    capability = Capability.VIEW_KNOWLEDGE
    model = Article
    template_name = "knowledge/article_detail.html"

    def resolve_object(self):
        self.object = selectors.get_readable_article_or_404(loket=self.desk, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        article = self.object
        names = theme_names(self.desk)
        ctx.update(
            article=article,
            is_own=article.loket_id == self.desk.pk,
            themes=[names.get(t.key, t.key) for t in article.themes.all()],
        )
        if ctx["is_own"] and self.membership.can(Capability.VIEW_HISTORY):
            ctx["history"] = core_selectors.record_history(article, loket=self.desk)
        return ctx


class _ArticleFormMixin:
    capability = Capability.WRITE_KNOWLEDGE
    template_name = "knowledge/article_form.html"

    def make_form(self, data=None, files=None, instance=None):
        return ArticleForm(
            data,
            files,
            instance=instance if instance is not None else Article(loket=self.desk),
            themes=core_selectors.theme_key_choices(loket=self.desk, usual_when_none=True),
            offerings=offering_selectors.visible_offerings(loket=self.desk)
            .select_related(None)
            .prefetch_related(None),
        )

    def render_form(self, form, status=200):
        ctx = {"form": form, "article": getattr(self, "object", None)}
        return render(self.request, self.template_name, ctx, status=status)

    def save(self, form, article=None):
        if form.is_valid():
            try:
                return article_save(
                    loket=self.desk,
                    actor=self.request.user,
                    article=article,
                    **form.service_arguments(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
        return None


class ArticleCreateView(_ArticleFormMixin, DeskMixin, View):
    def get(self, request, *args, **kwargs):
        return self.render_form(self.make_form())

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST, request.FILES)
        article = self.save(form)
        if article is None:
            return self.render_form(form, status=400)
        messages.success(request, _("The article was saved."))
        return redirect("knowledge:article-detail", loket_slug=self.desk.slug, pk=article.pk)


class ArticleEditView(_ArticleFormMixin, DeskObjectMixin, View):
    """Only the desk's own articles: another desk's shared article can be read, not changed."""

    model = Article

    def get_queryset(self):
        return Article.objects.prefetch_related("attachments", "themes")

    def get(self, request, *args, **kwargs):
        return self.render_form(self.make_form(instance=self.object))

    def post(self, request, *args, **kwargs):
        # The service works on its own copy: a refused edit must not show in the page heading.
        form = self.make_form(request.POST, request.FILES, instance=self.object)
        copy = Article.objects.get(pk=self.object.pk)
        if self.save(form, article=copy) is None:
            return self.render_form(form, status=400)
        messages.success(request, _("The changes were saved."))
        return redirect("knowledge:article-detail", loket_slug=self.desk.slug, pk=self.object.pk)


class ArticleArchiveView(DeskObjectMixin, View):
    capability = Capability.WRITE_KNOWLEDGE
    model = Article
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        article_archive(actor=request.user, loket=self.desk, article=self.object)
        messages.success(request, _("The article was archived: only this desk still sees it."))
        return redirect("knowledge:article-detail", loket_slug=self.desk.slug, pk=self.object.pk)
