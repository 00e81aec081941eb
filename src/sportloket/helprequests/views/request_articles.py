"""Sending knowledge articles on a question (``/<desk>/requests/<pk>/articles/``): the
articles the desk may send (its own published ones and those the desks it follows share),
searched by words and a theme a page at a time, and, for the ones ticked, a message that
carries them. The message posts to the question's message action
(``request_actions.RequestMessageView``), so ``services.message_send`` sends it like any other;
refused, this page comes again with what was typed and the errors beside the fields.

Everything chosen is in the page's address (``article``, one per article), so the page works
without JavaScript and a new search keeps the choice. A fixed number of queries, however many
articles: the member and the question, the desk's themes, the chosen articles, a page of the
list and its count, and the list's themes."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from sportloket.core import selectors as core_selectors
from sportloket.core.inputs import parse_id
from sportloket.core.permissions import Capability
from sportloket.core.views_mixins import DeskObjectMixin
from sportloket.helprequests import permissions, selectors
from sportloket.helprequests.article_forms import ArticleMessageForm, ArticleSearchForm
from sportloket.helprequests.models import HelpRequest
from sportloket.knowledge import selectors as knowledge_selectors
from sportloket.knowledge.constants import ArticleStatus

PAGE_SIZE = 20
# A message carries a handful; more ids in an address are left out.
MAX_CHOSEN = 20
TEMPLATE = "helprequests/request_articles.html"


def chosen_ids(request) -> list[int]:
    """The articles chosen, from the address (``article``), in their order, each once."""
    ids = []
    for value in request.GET.getlist("article"):
        pk = parse_id(value)
        if pk is not None and pk not in ids:
            ids.append(pk)
    return ids[:MAX_CHOSEN]


def sends_articles(request) -> bool:
    """Whether a message posted to the question's message action comes from this page."""
    return bool(request.GET.getlist("article")) or "message-articles" in request.POST


def article_message_form(request, desk, data=None) -> ArticleMessageForm:
    """The message with the articles chosen in the address (those the desk may send)."""
    ids = chosen_ids(request)
    sendable = knowledge_selectors.sendable_articles(loket=desk)
    chosen = list(sendable.filter(pk__in=ids)) if ids else []
    return ArticleMessageForm(data, articles=sendable, chosen=chosen, loket=desk)


def articles_page(request, *, desk, help_request, form=None, status=200):
    """The page: the message ``form`` when articles are chosen (a refused one with what was
    typed), the search, and a page of the articles the desk may send."""
    if form is None and chosen_ids(request):
        form = article_message_form(request, desk)
    chosen = form.chosen if form is not None else []
    themes = core_selectors.theme_key_choices(loket=desk, usual_when_none=True)
    search_form = ArticleSearchForm(request.GET or None, themes=themes)
    found = knowledge_selectors.desk_articles(
        loket=desk, status=ArticleStatus.PUBLISHED, **search_form.filters()
    )
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    listed = {article.pk for article in page.object_list}
    query = request.GET.copy()
    query.pop("page", None)
    ctx = {
        "help_request": help_request,
        # Explicit: a refused message comes back at the message action's address.
        "articles_url": reverse("helprequests:request-articles", args=[desk.slug, help_request.pk]),
        "message_form": form if chosen or (form is not None and form.is_bound) else None,
        "chosen": chosen,
        "chosen_ids": {article.pk for article in chosen},
        # Chosen on another page or in another search: kept when the list's choice is sent.
        "chosen_elsewhere": [article for article in chosen if article.pk not in listed],
        "search_form": search_form,
        "page_obj": page,
        "querystring": query.urlencode(),
        "action_query": request.GET.urlencode(),
    }
    return render(request, TEMPLATE, ctx, status=status)


class RequestArticlesView(DeskObjectMixin, View):
    """For whoever may send a message on the question (403 otherwise); a question the member
    may not see, or of another desk, is a 404."""

    capability = Capability.VIEW_REQUESTS
    model = HelpRequest

    def get_queryset(self):
        return selectors.with_current_assignment(
            selectors.visible_requests(membership=self.membership)
        )

    def get(self, request, *args, **kwargs):
        if not permissions.can_message(self.membership, self.object):
            raise PermissionDenied
        return articles_page(request, desk=self.desk, help_request=self.object)
