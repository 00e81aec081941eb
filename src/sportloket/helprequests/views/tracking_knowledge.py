"""Knowledge articles sent on a question, read by the provider through the question's private
link: an article (and its attachments) opens only when a message on that question carried it,
whatever the article's visibility; any other is a 404."""

from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from sportloket.core.uploads import document_response
from sportloket.helprequests.models import HelpRequest, Message
from sportloket.knowledge import selectors as knowledge_selectors


@method_decorator(never_cache, name="dispatch")
class _SentKnowledgeView(TemplateView):
    def dispatch(self, request, *args, **kwargs):
        self.help_request = get_object_or_404(
            HelpRequest.objects.select_related("loket"), tracking_token=kwargs["token"]
        )
        self.sent_ids = Message.articles.through.objects.filter(
            message__help_request=self.help_request
        ).values("article_id")
        response = super().dispatch(request, *args, **kwargs)
        # As the tracking page: the link is the key, never passed on or indexed.
        response["Referrer-Policy"] = "same-origin"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class TrackingArticleView(_SentKnowledgeView):
    template_name = "helprequests/track_article.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            help_request=self.help_request,
            desk=self.help_request.loket,
            article=knowledge_selectors.get_sent_article_or_404(
                pk=self.kwargs["pk"], sent_ids=self.sent_ids
            ),
        )
        return ctx


class TrackingAttachmentView(_SentKnowledgeView):
    def get(self, request, *args, **kwargs):
        attachment = knowledge_selectors.get_sent_attachment_or_404(
            pk=kwargs["pk"], sent_ids=self.sent_ids
        )
        return document_response(
            attachment.file.open("rb"),
            filename=attachment.original_name,
            content_type=attachment.content_type,
        )
