"""A tiny in-process ASGI client for the lean routes (no HTTP server, no extra library)."""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Any
from urllib.parse import urlsplit


async def call(
    app,
    method: str,
    url: str,
    *,
    body: Any = None,
    headers: dict[str, str] | None = None,
    timeout: float = 20.0,
) -> tuple[int, dict[str, str], bytes]:
    """Send one request to ``app`` and return (status, headers, body)."""
    parts = urlsplit(url)
    raw = (
        body
        if isinstance(body, bytes)
        else (json.dumps(body).encode() if body is not None else b"")
    )
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": parts.path,
        "raw_path": parts.path.encode(),
        "query_string": parts.query.encode(),
        "root_path": "",
        "headers": [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
        + [(b"host", b"testserver"), (b"content-type", b"application/json")],
        "client": ("127.0.0.1", 12345),
        "server": ("testserver", 80),
    }
    sent = False
    disconnect = asyncio.Event()

    async def receive():
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": raw, "more_body": False}
        await disconnect.wait()
        return {"type": "http.disconnect"}

    status, out_headers, chunks = 0, {}, []

    async def send(message):
        nonlocal status, out_headers
        if message["type"] == "http.response.start":
            status = message["status"]
            out_headers = {k.decode(): v.decode() for k, v in message.get("headers", [])}
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    try:
        await asyncio.wait_for(app(scope, receive, send), timeout)
    finally:
        disconnect.set()
    return status, out_headers, b"".join(chunks)


class StreamReader:
    """Open an SSE stream on ``app`` in the background and collect its events."""

    def __init__(self, app, url: str) -> None:
        self.app = app
        self.url = url
        self.status = 0
        self.buffer = b""
        self.events: list[tuple[str, dict]] = []
        self.raw = b""
        self._disconnect = asyncio.Event()
        self._changed = asyncio.Event()
        self.task: asyncio.Task | None = None

    async def __aenter__(self) -> StreamReader:
        parts = urlsplit(self.url)
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": parts.path,
            "raw_path": parts.path.encode(),
            "query_string": parts.query.encode(),
            "root_path": "",
            "headers": [(b"host", b"testserver")],
            "client": ("127.0.0.1", 12345),
            "server": ("testserver", 80),
        }

        async def receive():
            await self._disconnect.wait()
            return {"type": "http.disconnect"}

        async def send(message):
            if message["type"] == "http.response.start":
                self.status = message["status"]
            else:
                chunk = message.get("body", b"")
                self.raw += chunk
                self.buffer += chunk
                while b"\n\n" in self.buffer:
                    block, self.buffer = self.buffer.split(b"\n\n", 1)
                    kind, data = "message", None
                    for line in block.decode().split("\n"):
                        if line.startswith("event: "):
                            kind = line[7:]
                        elif line.startswith("data: "):
                            data = json.loads(line[6:])
                    if data is not None:
                        self.events.append((kind, data))
                self._changed.set()

        self.task = asyncio.ensure_future(self.app(scope, receive, send))
        return self

    async def wait_for(self, predicate, timeout: float = 10.0):
        """Wait until some collected event satisfies ``predicate``; return it."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            for kind, data in self.events:
                if predicate(kind, data):
                    return data
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0 or (self.task is not None and self.task.done()):
                raise AssertionError(
                    f"no matching event; got {self.events!r} (status {self.status})"
                )
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), remaining)

    async def __aexit__(self, *exc) -> None:
        self._disconnect.set()
        if self.task is not None:
            with contextlib.suppress(asyncio.CancelledError, TimeoutError):
                await asyncio.wait_for(self.task, 5)


def run_in_thread(coro_fn, timeout: float = 120.0):
    """Run ``coro_fn()`` with ``asyncio.run`` in a fresh thread and return its result.

    Playwright's sync API (the browser tests) leaves an event loop running in the
    test thread, where ``asyncio.run`` refuses to start.
    """
    import threading

    box: dict = {}

    def target():
        try:
            box["result"] = asyncio.run(coro_fn())
        except BaseException as exc:  # handed back to the test thread
            box["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise TimeoutError("the async test body did not finish")
    if "error" in box:
        raise box["error"]
    return box.get("result")
