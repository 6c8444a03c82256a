"""A stored file sent to a reader whose right to it the view has checked.

By default the web process streams it from the storage (Django's storage API: the file system
of MEDIA_ROOT, or any other storage configured in STORAGES). Behind nginx or Apache the proxy
can send it instead, freeing the web process at once: CITYBRIDGE_FILE_SENDER=nginx answers with
`X-Accel-Redirect: CITYBRIDGE_FILE_SENDER_PREFIX + the file's name` (an `internal` location of
nginx aliased to MEDIA_ROOT, deploy/nginx.conf), =apache with `X-Sendfile: its path`
(mod_xsendfile). The proxy then sends the file with our headers; nobody reaches the files
without this view, since the location is internal and MEDIA_URL is never served."""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.core.files import File
from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header


def file_response(stored: File, *, content_type: str, filename: str) -> HttpResponse | FileResponse:
    """The file as an attachment named `filename`, of `content_type`. Raises FileNotFoundError
    when the storage does not hold it."""
    sender = settings.FILE_SENDER
    response: HttpResponse | FileResponse
    if sender == "nginx":
        if not stored.storage.exists(stored.name):  # type: ignore[attr-defined]
            raise FileNotFoundError(stored.name)
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.FILE_SENDER_PREFIX + quote(stored.name or "")
    elif sender == "apache":
        path = stored.path  # type: ignore[attr-defined]
        if not stored.storage.exists(stored.name):  # type: ignore[attr-defined]
            raise FileNotFoundError(stored.name)
        response = HttpResponse(content_type=content_type)
        response["X-Sendfile"] = path
    else:
        handle = stored.storage.open(stored.name, "rb")  # type: ignore[attr-defined]
        response = FileResponse(handle, content_type=content_type)
    disposition = content_disposition_header(as_attachment=True, filename=filename)
    response["Content-Disposition"] = disposition or "attachment"
    return response
