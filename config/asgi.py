"""ASGI entry point used by uvicorn: a few lean routes in front of Django.

- ``/chamber/cast``: the voting fast path (signed voter token, group commit), with no
  access-log line;
- ``/live/…``: the chamber screens' server-sent-event streams;
- ``/__bench/trivial``: a framework-free 2-byte response, only when ``RENDA_BENCH=1``
  (the benchmark's ceiling of the machine);
- everything else goes to Django.

The URL configuration is loaded when the server starts. The lifespan protocol is answered here (Django's handler does not speak it), so the
voting committer finishes its batch when the server stops.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

django_application = get_asgi_application()

from django.urls import get_resolver  # noqa: E402

# Load every URL module (and build the API's schemas) now, not on the first request: a few
# seconds at start instead of a first visitor's wait.
URL_PATTERNS = get_resolver().url_patterns

from renda.core import live  # noqa: E402  (Django must be set up first)
from renda.voting import fastpath, streams  # noqa: E402

# The cast route leaves no access-log line (address and time would tie a member to a ballot).
fastpath.install_access_filter()

BENCH = os.environ.get("RENDA_BENCH") == "1"
_TRIVIAL_START = {
    "type": "http.response.start",
    "status": 200,
    "headers": [(b"content-type", b"text/plain"), (b"content-length", b"2")],
}
_TRIVIAL_BODY = {"type": "http.response.body", "body": b"ok"}


async def _lifespan(receive, send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            try:
                await fastpath.shutdown()
                await live.get_broker().aclose()
            finally:
                await send({"type": "lifespan.shutdown.complete"})
            return


async def application(scope, receive, send):
    if scope["type"] == "http":
        path = scope["path"]
        if path == "/chamber/cast":
            return await fastpath.cast_endpoint(scope, receive, send)
        if path.startswith("/live/"):
            return await streams.stream_endpoint(scope, receive, send)
        if BENCH and path == "/__bench/trivial":
            await send(_TRIVIAL_START)
            await send(_TRIVIAL_BODY)
            return None
    elif scope["type"] == "lifespan":
        return await _lifespan(receive, send)
    return await django_application(scope, receive, send)
