"""One check of an upload's size and kind for every form, and the limit every request keeps."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import StopFutureHandlers

from sportloket.core.uploads import (
    LARGEST_UPLOAD_BYTES,
    MAX_REQUEST_BYTES,
    PDF,
    PNG,
    RefusedUpload,
    UploadLimitHandler,
    check_upload,
)
from sportloket.quality.constants import EVIDENCE_MAX_BYTES
from sportloket.registry.constants import DECLARATION_MAX_BYTES
from sportloket.registry.services import IMPORT_MAX_BYTES


def test_no_form_accepts_more_than_a_request_may_carry():
    assert max(DECLARATION_MAX_BYTES, EVIDENCE_MAX_BYTES, IMPORT_MAX_BYTES) <= LARGEST_UPLOAD_BYTES


class Unreadable:
    """An upload that knows its size and fails when read."""

    size = 1024 * 1024 + 1

    def seek(self, *args):
        raise AssertionError("the upload was read")

    read = seek


def test_size_is_refused_before_a_byte_is_read():
    with pytest.raises(ValidationError) as error:
        check_upload(Unreadable(), max_bytes=1024 * 1024, kinds=(PDF,), kind_message="no")
    assert error.value.code == "file_size"
    assert error.value.messages == ["Het bestand is te groot: hoogstens 1 MB."]


def test_the_kind_comes_from_the_first_bytes():
    png = SimpleUploadedFile("bewijs.pdf", PNG.signature + bytes(10))
    assert check_upload(png, max_bytes=1024, kinds=(PDF, PNG), kind_message="no") == ".png"
    assert png.read() == PNG.signature + bytes(10)  # left at the start for whoever stores it
    with pytest.raises(ValidationError) as error:
        check_upload(png, max_bytes=1024, kinds=(PDF,), kind_message="Geen pdf.")
    assert (error.value.code, error.value.messages) == ("file_type", ["Geen pdf."])


def test_a_refused_upload_is_too_large_whatever_its_size_and_has_no_content():
    refused = RefusedUpload("groot.pdf", "application/pdf", 12)
    with pytest.raises(ValidationError) as error:
        check_upload(refused, max_bytes=10 * 1024 * 1024)
    assert error.value.code == "file_size"
    with pytest.raises(ValueError):
        refused.read()
    refused.close()  # the request closes its files at the end; nothing to close


def test_the_handler_keeps_a_request_within_the_limit_and_counts_a_larger_one():
    within, beyond = UploadLimitHandler(), UploadLimitHandler()
    within.handle_raw_input(None, {}, MAX_REQUEST_BYTES, "b")
    assert within.receive_data_chunk(b"data", 0) == b"data"
    assert within.file_complete(4) is None  # the next handlers keep the file
    beyond.handle_raw_input(None, {}, MAX_REQUEST_BYTES + 1, "b")
    with pytest.raises(StopFutureHandlers):  # the other handlers open no file for it
        beyond.new_file("file", "groot.csv", "text/csv", None)
    assert beyond.receive_data_chunk(b"data", 0) is None
    refused = beyond.file_complete(25 * 1024 * 1024)
    assert isinstance(refused, RefusedUpload) and refused.size == 25 * 1024 * 1024
    assert refused.name == "groot.csv"
