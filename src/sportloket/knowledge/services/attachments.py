"""Writes on an article's attachments: a document checked by its content and size."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sportloket.core.audit import audited
from sportloket.core.uploads import JPEG, MB, PDF, PNG, check_upload
from sportloket.knowledge.models import Article, Attachment

ATTACHMENT_KINDS = (PDF, JPEG, PNG)
ATTACHMENT_MAX_BYTES = 10 * MB
CONTENT_TYPES = {kind.extension: kind.content_type for kind in ATTACHMENT_KINDS}


def check_attachment(upload) -> str:
    """A PDF document or a JPEG or PNG image by its first bytes, at most 10 MB; returns the
    extension to store it under."""
    return check_upload(
        upload,
        max_bytes=ATTACHMENT_MAX_BYTES,
        kinds=ATTACHMENT_KINDS,
        kind_message=_("The file is not a PDF document or a JPEG or PNG image."),
    )


def _original_name(upload, extension) -> str:
    name = (upload.name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    stem = name[: name.rfind(".")] if "." in name else name
    return f"{(stem or _('attachment'))[:180]}{extension}"


def checked_attachment(upload) -> str:
    """``check_attachment`` with its error on the form's ``attachment`` field."""
    try:
        return check_attachment(upload)
    except ValidationError as error:
        raise ValidationError({"attachment": error.messages}) from error


def store_attachment(*, article, upload, extension, actor) -> Attachment:
    """Stores a checked upload; the caller holds the transaction and the actor."""
    attachment = Attachment(
        article=article,
        original_name=_original_name(upload, extension),
        content_type=CONTENT_TYPES[extension],
        size=upload.size,
        uploaded_by=actor if getattr(actor, "pk", None) else None,
    )
    attachment.file.save(f"bijlage{extension}", upload, save=False)
    attachment.save()
    return attachment


def attachment_add(*, actor, loket, article: Article, upload) -> Attachment:
    if article.loket_id != loket.pk:
        raise ValidationError(_("This article belongs to another desk."))
    extension = checked_attachment(upload)
    with transaction.atomic(), audited(actor):
        return store_attachment(article=article, upload=upload, extension=extension, actor=actor)


def attachment_remove(*, actor, loket, attachment: Attachment) -> None:
    if attachment.article.loket_id != loket.pk:
        raise ValidationError(_("This article belongs to another desk."))
    file = attachment.file
    with transaction.atomic(), audited(actor):
        attachment.delete()
        # The stored file goes only once the row is really gone.
        transaction.on_commit(lambda: file.storage.delete(file.name))
