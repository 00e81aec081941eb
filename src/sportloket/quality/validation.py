"""Checks on uploaded evidence documents: the kind of file by its first bytes, and its size."""

from django.utils.translation import gettext as _

from sportloket.core.uploads import JPEG, PDF, PNG, check_upload

# The accepted kinds of evidence, each stored under its own extension.
EVIDENCE_KINDS = (PDF, JPEG, PNG)


def check_evidence(upload, *, max_bytes: int) -> str:
    """An evidence document must be a PDF, JPEG or PNG by its content (not its name) and not
    too large. Returns the extension to store it under."""
    return check_upload(
        upload,
        max_bytes=max_bytes,
        kinds=EVIDENCE_KINDS,
        kind_message=_("The file is not a PDF document or a JPEG or PNG image."),
    )
