"""The cast route leaves no access-log line: a real uvicorn server, its own access logger.

A line carries the client address and the time; a seat's terminal is a member, so a
cast's line would tie a member to the moment of a ballot. Other routes are still logged.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
import urllib.error
import urllib.request

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


class _Lines(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(record.getMessage())


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _request(url, data=None, headers=None) -> int:
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def test_no_access_line_for_a_cast_but_lines_for_other_routes(body, staff):
    import uvicorn

    from config.asgi import application
    from renda.voting import fastpath
    from renda.voting.tests.terminals import terminal_token

    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(application, host="127.0.0.1", port=port, access_log=True, lifespan="on")
    )
    lines = _Lines()
    access = logging.getLogger("uvicorn.access")
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(200):
            if server.started:
                break
            time.sleep(0.05)
        access.addHandler(lines)  # after uvicorn configured its loggers
        base = f"http://127.0.0.1:{port}"
        token = terminal_token(body.voters[0], body.meeting)
        statuses = [
            _request(f"{base}/chamber/cast?poll=1", headers={"X-Voter-Token": token}),
            _request(
                f"{base}/chamber/cast",
                data=b'{"poll": 1, "choice": "yes"}',
                headers={"X-Voter-Token": "forged", "Content-Type": "application/json"},
            ),
            _request(f"{base}/accounts/login/"),
        ]
        time.sleep(0.2)
    finally:
        access.removeHandler(lines)
        server.should_exit = True
        thread.join(10)
    assert statuses[1] == 403 and statuses[2] == 200
    assert any("/accounts/login/" in line for line in lines.lines), lines.lines
    assert not [line for line in lines.lines if "/chamber/cast" in line]
    assert any(isinstance(f, fastpath.CastAccessFilter) for f in access.filters)
