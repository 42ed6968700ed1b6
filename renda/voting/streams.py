"""Live streams of the chamber screens: server-sent events from lean ASGI routes.

``GET /live/meetings/<id>/?t=<screen token>`` follows the meeting's current poll;
``GET /live/polls/<id>/?t=…`` follows one poll. Each stream first sends a full
snapshot (so a screen that reconnects recovers), then every event of the meeting's
channel, then a comment line as heartbeat every ``HEARTBEAT`` seconds.

What leaves the server is :func:`poll_public_state`: title, status, entitled,
present and received while a poll runs; the tally, threshold and seal fingerprint
only once it is sealed; the names of a named poll only after the seal. No option
count exists in any event before the seal.

Every event carries a ``version`` (poll log sequence, received, announced), which
only grows; a stream never sends an older version of a poll after a newer one.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import parse_qs

from django.core import signing

from renda.core import live

from .fastpath import Receive, Scope, Send, respond

logger = logging.getLogger(__name__)

SCREEN_SALT = "renda.voting.screen"
SCREEN_TOKEN_TTL = 12 * 60 * 60
HEARTBEAT = 15.0

_readers = ThreadPoolExecutor(max_workers=2, thread_name_prefix="renda-live-read")


def meeting_channel(meeting_id: int) -> str:
    return f"meeting:{meeting_id}"


# --------------------------------------------------------------------------- tokens


def screen_token(*, meeting_id: int, ttl: int = SCREEN_TOKEN_TTL) -> str:
    """Sign a page's right to follow a meeting's live stream."""
    return signing.dumps({"m": int(meeting_id), "e": int(time.time() + ttl)}, salt=SCREEN_SALT)


def read_screen_token(token: str) -> int | None:
    """The meeting a screen token is for, or None if it is forged or expired."""
    try:
        data = signing.loads(token, salt=SCREEN_SALT)
        if time.time() >= int(data["e"]):
            return None
        return int(data["m"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


# --------------------------------------------------------------------------- public state


def poll_version(poll) -> list[int]:
    return [poll.log_seq, poll.received, int(poll.announced_at is not None)]


def poll_public_state(poll) -> dict[str, Any]:
    """What every screen may show about a poll now; counts only after the seal."""
    from renda.people.models import Person

    from .models import Candidate, Poll, RollEntry
    from .selectors import named_votes, poll_result
    from .workflow import PollStatus

    meeting = poll.agenda_item.meeting
    if poll.status == PollStatus.DRAFT:
        from renda.meetings.selectors import quorum

        q = quorum(meeting)
        entitled, present = q.entitled, q.present
    else:
        entitled = poll.base_count or 0
        present = RollEntry.objects.filter(poll=poll, signed_in_at_open=True).count()
    state: dict[str, Any] = {
        "kind": "state",
        "poll": poll.pk,
        "meeting": meeting.pk,
        "meeting_title": meeting.title,
        "title": poll.title,
        "poll_kind": poll.kind,
        "secrecy": poll.secrecy,
        "method": poll.method,
        "status": poll.status,
        "entitled": entitled,
        "present": present,
        "received": poll.received if poll.status != PollStatus.DRAFT else 0,
        "threshold": poll.threshold,
        "seats": poll.seats,
        "closes_at": poll.closes_at.isoformat() if poll.closes_at else None,
        "announced": poll.announced_at is not None,
        "version": poll_version(poll),
        "result": None,
        "names": None,
        # Encrypted on the terminals under the scrutineers' key; otherwise the server's
        # operator could read the box (the screens say so).
        "encrypted": poll.is_encrypted,
        "ballot_key": poll.crypto.get("key") if poll.is_encrypted else None,
        "decrypting": poll.awaiting_decryption,
    }
    if poll.kind == Poll.Kind.ELECTION:
        state["candidates"] = [
            {"id": pid, "name": name}
            for pid, name in Candidate.objects.filter(poll=poll)
            .order_by("order")
            .values_list("person_id", "person__name")
        ]
    if poll.nominee_id:
        state["nominee"] = poll.nominee.name
    if poll.status == PollStatus.SEALED:
        state["result"] = poll_result(poll)
        if poll.kind == Poll.Kind.ELECTION:
            # 另选他人: the written-in persons' names, for the sealed result's rows.
            slate = {c["id"] for c in state["candidates"]}
            voted = state["result"].get("tally", {}).get("votes", {})
            written = [int(p) for p in voted if int(p) not in slate]
            state["write_ins"] = [
                {"id": pid, "name": name}
                for pid, name in Person.objects.filter(pk__in=written)
                .order_by("pk")
                .values_list("pk", "name")
            ]
        if poll.secrecy == Poll.Secrecy.NAMED:
            state["names"] = [{"name": v["name"], "choice": v["choice"]} for v in named_votes(poll)]
    return state


def current_poll(meeting_id: int):
    """The poll the chamber is on: an open or paused one, else the latest opened, else a draft."""
    from .models import Poll
    from .workflow import PollStatus

    polls = Poll.objects.select_related("agenda_item__meeting", "nominee").filter(
        agenda_item__meeting_id=meeting_id
    )
    running = (
        polls.filter(status__in=[PollStatus.OPEN, PollStatus.PAUSED])
        .order_by("-opened_at", "-id")
        .first()
    )
    if running is not None:
        return running
    latest = polls.filter(opened_at__isnull=False).order_by("-opened_at", "-id").first()
    if latest is not None:
        return latest
    return polls.filter(status=PollStatus.DRAFT).order_by("id").first()


def meeting_snapshot(meeting_id: int, poll_id: int | None = None) -> dict[str, Any]:
    """The full state a stream starts with."""
    from django.db import close_old_connections

    from renda.meetings.models import Meeting

    from .models import Poll

    close_old_connections()
    if poll_id is not None:
        poll = (
            Poll.objects.select_related("agenda_item__meeting", "nominee")
            .filter(pk=poll_id, agenda_item__meeting_id=meeting_id)
            .first()
        )
    else:
        poll = current_poll(meeting_id)
    if poll is None:
        title = Meeting.objects.filter(pk=meeting_id).values_list("title", flat=True).first() or ""
        return {
            "kind": "state",
            "poll": None,
            "meeting": meeting_id,
            "meeting_title": title,
            "version": [0, 0, 0],
        }
    return poll_public_state(poll)


def publish_event(event: dict[str, Any]) -> None:
    """Publish an event about a poll on its meeting's channel."""
    live.publish(meeting_channel(event["meeting"]), event)


def publish_poll_state(poll) -> None:
    """Publish a poll's full public state (call after the change has committed)."""
    from .models import Poll

    poll = Poll.objects.select_related("agenda_item__meeting", "nominee").get(pk=poll.pk)
    publish_event(poll_public_state(poll))


def publish_scrutiny(meeting_id: int) -> None:
    """Wake the scrutineers' devices of a meeting: the ceremony moved, or a box closed.

    Screens ignore this event (they follow ``state`` and ``received`` only).
    """
    publish_event({"kind": "scrutiny", "meeting": meeting_id})


def publish_on_commit(poll) -> None:
    """Publish the poll's state once the current transaction commits (or now, outside one)."""
    from django.db import transaction

    transaction.on_commit(lambda: publish_poll_state(poll))


# --------------------------------------------------------------------------- snapshots, coalesced


class _Snapshots:
    """Loads snapshots off the event loop; screens connecting together share one load."""

    def __init__(self) -> None:
        self._inflight: dict[tuple[int, int | None], asyncio.Future] = {}

    async def get(self, meeting_id: int, poll_id: int | None) -> dict[str, Any]:
        key = (meeting_id, poll_id)
        future = self._inflight.get(key)
        if future is None or future.get_loop() is not asyncio.get_running_loop():
            loop = asyncio.get_running_loop()
            future = loop.run_in_executor(_readers, meeting_snapshot, meeting_id, poll_id)
            self._inflight[key] = future
            future.add_done_callback(
                lambda _f: self._inflight.pop(key, None) if self._inflight.get(key) is _f else None
            )
        return await asyncio.shield(future)


_snapshots = _Snapshots()


def _newer(version: list[int] | None, seen: list[int] | None) -> bool:
    if version is None or seen is None:
        return True
    return list(version) >= list(seen)


def _sse(data: dict[str, Any]) -> bytes:
    return live.Event.of("", data).sse


# --------------------------------------------------------------------------- ASGI route


async def stream_endpoint(scope: Scope, receive: Receive, send: Send) -> None:
    """``/live/meetings/<id>/`` and ``/live/polls/<id>/``: a snapshot, then events."""
    parts = [p for p in scope["path"].split("/") if p]
    if scope["method"] != "GET":
        await respond(send, 405, {"code": "method_not_allowed"}, extra=[(b"allow", b"GET")])
        return
    if len(parts) != 3 or parts[1] not in ("meetings", "polls") or not parts[2].isdigit():
        await respond(send, 404, {"code": "not_found"})
        return
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    meeting_id = read_screen_token(query.get("t", [""])[0])
    if meeting_id is None:
        await respond(send, 403, {"code": "invalid_screen_token"})
        return
    poll_id: int | None = None
    if parts[1] == "meetings":
        if int(parts[2]) != meeting_id:
            await respond(send, 403, {"code": "invalid_screen_token"})
            return
    else:
        poll_id = int(parts[2])
    await _stream(scope, receive, send, meeting_id, poll_id)


async def _stream(
    scope: Scope, receive: Receive, send: Send, meeting_id: int, poll_id: int | None
) -> None:
    task = asyncio.current_task()
    assert task is not None

    async def watch_disconnect() -> None:
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                task.cancel()
                return

    watcher = asyncio.ensure_future(watch_disconnect())
    broker = live.get_broker()
    seen: dict[int, list[int]] = {}
    try:
        async with broker.subscription(meeting_channel(meeting_id)) as sub:
            snapshot = await _snapshots.get(meeting_id, poll_id)
            if poll_id is not None and snapshot.get("poll") is None:
                await respond(send, 404, {"code": "not_found"})
                return
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [
                        (b"content-type", b"text/event-stream; charset=utf-8"),
                        (b"cache-control", b"no-store"),
                        (b"x-accel-buffering", b"no"),
                        (b"x-content-type-options", b"nosniff"),
                    ],
                }
            )
            await send(
                {
                    "type": "http.response.body",
                    "body": b"retry: 1000\n\n" + _sse(snapshot),
                    "more_body": True,
                }
            )
            if snapshot.get("poll") is not None:
                seen[snapshot["poll"]] = snapshot["version"]
            while True:
                event = await sub.get(timeout=HEARTBEAT)
                if event is None:
                    await send(
                        {
                            "type": "http.response.body",
                            "body": b": heartbeat\n\n",
                            "more_body": True,
                        }
                    )
                    continue
                if event is live.OVERFLOW:
                    snapshot = await _snapshots.get(meeting_id, poll_id)
                    if snapshot.get("poll") is not None:
                        seen[snapshot["poll"]] = snapshot["version"]
                    await send(
                        {"type": "http.response.body", "body": _sse(snapshot), "more_body": True}
                    )
                    continue
                data = event.data
                pid = data.get("poll")
                if poll_id is not None and pid != poll_id:
                    continue
                if pid is not None:
                    if not _newer(data.get("version"), seen.get(pid)):
                        continue
                    seen[pid] = data.get("version")
                await send({"type": "http.response.body", "body": event.sse, "more_body": True})
    except asyncio.CancelledError:
        # The client went away (or the server is stopping): end quietly.
        if not watcher.done():
            raise
    finally:
        watcher.cancel()
        with contextlib.suppress(BaseException):
            await watcher
