"""Uploaded files in and out: a size limit for every request, one check of a file's size and
kind, and one way to hand a stored document back.

Django keeps a small upload in memory and streams a larger one to a temporary file
(``FILE_UPLOAD_MAX_MEMORY_SIZE``). ``UploadLimitHandler`` goes before both: when the request's
``Content-Length`` is beyond the largest upload any form accepts, the body is read through in
small pieces and nothing of its files is kept; each file arrives as a ``RefusedUpload`` (a name
and a size, no content), so that the form shows the same "too large" error next to its field as
for a file just over its own limit. ``check_upload`` refuses by size before it reads a byte.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopFutureHandlers
from django.http import FileResponse
from django.utils.translation import gettext as _

MB = 1024 * 1024
# The largest file any form accepts (the organisation import); every form's own limit is at most
# this. A request may carry this much file and 1 MB of other fields and multipart headers.
LARGEST_UPLOAD_BYTES = 20 * MB
MAX_REQUEST_BYTES = LARGEST_UPLOAD_BYTES + 1 * MB


@dataclass(frozen=True)
class FileKind:
    """A kind of file as its first bytes show it (never its name or the browser's word)."""

    signature: bytes
    extension: str
    content_type: str


PDF = FileKind(b"%PDF-", ".pdf", "application/pdf")
JPEG = FileKind(b"\xff\xd8\xff", ".jpg", "image/jpeg")
PNG = FileKind(b"\x89PNG\r\n\x1a\n", ".png", "image/png")


class RefusedUpload(UploadedFile):
    """A file that was not kept because the request was too large: it has a name and the size
    that was sent, and no content to read."""

    def __init__(self, name, content_type, size, charset=None, content_type_extra=None):
        super().__init__(None, name, content_type, size, charset, content_type_extra)

    def _no_content(self, *args, **kwargs):
        raise ValueError("A refused upload has no content.")

    read = seek = tell = chunks = open = _no_content

    def multiple_chunks(self, chunk_size=None):
        return False

    def close(self):
        pass  # nothing was opened


class UploadLimitHandler(FileUploadHandler):
    """First in ``FILE_UPLOAD_HANDLERS``: an oversized request's files are counted, never kept."""

    def __init__(self, request=None):
        super().__init__(request)
        self.refusing = False

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.refusing = content_length > MAX_REQUEST_BYTES

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        if self.refusing:
            # The memory and temporary-file handlers do not even open a file for it.
            raise StopFutureHandlers

    def receive_data_chunk(self, raw_data, start):
        return None if self.refusing else raw_data

    def file_complete(self, file_size):
        if not self.refusing:
            return None
        return RefusedUpload(
            self.file_name, self.content_type, file_size, self.charset, self.content_type_extra
        )


def check_upload(upload, *, max_bytes: int, kinds=(), kind_message: str = "") -> str:
    """Refuses a file larger than ``max_bytes`` without reading it, then (with ``kinds``) one
    whose first bytes are none of ``kinds``. Returns the extension of the kind found ("" without
    ``kinds``). Raises ValidationError with a Dutch message, code ``file_size`` or
    ``file_type``."""
    if isinstance(upload, RefusedUpload) or upload.size > max_bytes:
        raise ValidationError(
            _("The file is too large: at most %(mb)s MB.") % {"mb": max_bytes // MB},
            code="file_size",
        )
    if not kinds:
        return ""
    longest = max(len(kind.signature) for kind in kinds)
    upload.seek(0)
    head = upload.read(longest)
    upload.seek(0)
    for kind in kinds:
        if head.startswith(kind.signature):
            return kind.extension
    raise ValidationError(kind_message, code="file_type")


# Whatever a document holds (a PDF with JavaScript, an image that is really HTML), the browser
# saves it rather than showing it in our origin, and would run nothing of it if it did show it.
DOCUMENT_CSP = "sandbox; default-src 'none'"


def document_response(file, *, filename: str, content_type: str) -> FileResponse:
    """An uploaded document handed back: always a download, sandboxed, its type not guessed."""
    response = FileResponse(file, as_attachment=True, filename=filename, content_type=content_type)
    response["Content-Security-Policy"] = DOCUMENT_CSP
    response["X-Content-Type-Options"] = "nosniff"
    return response
