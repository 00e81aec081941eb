"""Checks on uploaded evidence documents: the kind of file by its first bytes, and its size."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# The first bytes of each accepted kind of file, with the extension it is stored under.
SIGNATURES = (
    (b"%PDF-", ".pdf"),
    (b"\xff\xd8\xff", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", ".png"),
)


def check_evidence(upload, *, max_bytes: int) -> str:
    """An evidence document must be a PDF, JPEG or PNG by its content (not its name) and not
    too large. Returns the extension to store it under."""
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is too large: at most %(mb)s MB.") % {"mb": max_bytes // (1024 * 1024)},
            code="file_size",
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    for signature, extension in SIGNATURES:
        if head.startswith(signature):
            return extension
    raise ValidationError(
        _("The file is not a PDF document or a JPEG or PNG image."), code="file_type"
    )
