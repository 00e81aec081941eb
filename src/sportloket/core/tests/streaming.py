"""Posting a large file through the test client without the test holding it.

The client's own ``post`` builds the whole request body in memory; a memory measurement of the
server side would then measure the test. ``StreamedUpload`` makes the multipart body as it is
read, in small pieces, so that what the server keeps is all that is measured.
"""

import tracemalloc

BOUNDARY = "sportloket-test-boundary"
_PIECE = 64 * 1024


class StreamedUpload:
    """A multipart/form-data body with some text fields and one file of ``size`` bytes that
    starts with ``head`` (zeros after it)."""

    def __init__(self, *, fields: dict, file_field: str, filename: str, head: bytes, size: int):
        self.head = head
        self.size = size
        parts = [
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
            for name, value in fields.items()
        ]
        parts.append(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{file_field}"; '
            f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
        )
        self.prefix = "".join(parts).encode()
        self.suffix = f"\r\n--{BOUNDARY}--\r\n".encode()
        self.length = len(self.prefix) + size + len(self.suffix)
        self.bytes_read = 0
        self._pieces = self._generate()
        self._buffer = b""

    def _generate(self):
        yield self.prefix
        yield self.head
        left = self.size - len(self.head)
        while left > 0:
            piece = min(left, _PIECE)
            yield bytes(piece)
            left -= piece
        yield self.suffix

    def read(self, size=-1):
        while size < 0 or len(self._buffer) < size:
            piece = next(self._pieces, None)
            if piece is None:
                break
            self._buffer += piece
        if size < 0:
            data, self._buffer = self._buffer, b""
        else:
            data, self._buffer = self._buffer[:size], self._buffer[size:]
        self.bytes_read += len(data)
        return data

    def readline(self, size=-1):
        while b"\n" not in self._buffer:
            piece = next(self._pieces, None)
            if piece is None:
                break
            self._buffer += piece
        end = self._buffer.find(b"\n") + 1 or len(self._buffer)
        if size >= 0:
            end = min(end, size)
        data, self._buffer = self._buffer[:end], self._buffer[end:]
        self.bytes_read += len(data)
        return data

    def post(self, client, path):
        """Posts this body with ``client`` (its login and cookies) and returns the response."""
        return client.generic(
            "POST",
            path,
            **{
                "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}",
                "CONTENT_LENGTH": str(self.length),
                "wsgi.input": self,
            },
        )


def post_measured(client, path, upload: StreamedUpload):
    """Posts ``upload`` and returns the response and the peak of memory allocated meanwhile."""
    tracemalloc.start()
    try:
        response = upload.post(client, path)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return response, peak
