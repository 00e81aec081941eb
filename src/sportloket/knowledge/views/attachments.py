"""Attachments: served only through these views, after the same check as the article's page
(never from a media address), as sandboxed downloads."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from sportloket.core.models import Loket
from sportloket.core.permissions import Capability
from sportloket.core.uploads import document_response
from sportloket.core.views_mixins import DeskMixin, DeskObjectMixin
from sportloket.knowledge import selectors
from sportloket.knowledge.models import Attachment
from sportloket.knowledge.services.attachments import attachment_remove


def attachment_download(attachment):
    return document_response(
        attachment.file.open("rb"),
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


@method_decorator(never_cache, name="dispatch")
class AttachmentView(DeskMixin, View):
    """An attachment of an article this desk may read (its own or shared); 404 otherwise."""

    capability = Capability.VIEW_KNOWLEDGE
    model = Attachment

    def resolve_object(self):
        self.object = selectors.get_readable_attachment_or_404(
            loket=self.desk, pk=self.kwargs["pk"]
        )

    def get(self, request, *args, **kwargs):
        return attachment_download(self.object)


class AttachmentRemoveView(DeskObjectMixin, View):
    capability = Capability.WRITE_KNOWLEDGE
    model = Attachment
    http_method_names = ["post"]

    def get_queryset(self):
        return Attachment.objects.select_related("article")

    def post(self, request, *args, **kwargs):
        article = self.object.article
        attachment_remove(actor=request.user, loket=self.desk, attachment=self.object)
        messages.success(request, _("The attachment was removed."))
        return redirect("knowledge:article-edit", loket_slug=self.desk.slug, pk=article.pk)


class PublicAttachmentView(View):
    """An attachment of a public article, for anyone; 404 for every other attachment."""

    @method_decorator(never_cache)
    def get(self, request, loket_slug, pk):
        desk = get_object_or_404(Loket.objects.active(), slug=loket_slug)
        return attachment_download(selectors.get_public_attachment_or_404(loket=desk, pk=pk))
