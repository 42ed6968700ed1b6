"""The lean casting route: a signed voter token, then group commit.

Django's request handler alone costs more than a millisecond per request on a small
machine, so ``POST /chamber/cast`` is a bare ASGI route, dispatched in
``config/asgi.py`` before Django. It shares everything that decides a vote with the
voting services: :func:`~renda.voting.services.ballot_prepare` checks each cast
against an in-memory :class:`~renda.voting.services.PollState`, and
:func:`~renda.voting.services.ballot_commit` writes a whole batch in one
transaction. Nothing here re-implements a rule.

- **Who is voting** comes only from the voter token: the terminal page (a Django
  view, session-authenticated, which checks the person is on the meeting's roll)
  opens a grant tied to the login session and signs ``{person, meeting, expiry,
  grant}`` (:mod:`renda.voting.terminals`); the route verifies it with the same signer
  and, once per batch, that the grants still hold (logout, deactivation, a password
  change or leaving the body end them). The body names a poll and a choice, never a person, so nothing
  can be cast for another member.
- **Group commit**: one asyncio queue per process; a collector takes every cast
  waiting (after the first, it waits ``MAX_WAIT`` seconds or until ``MAX_BATCH``) and
  hands the batch to ONE database thread, which prepares and commits it in one
  transaction. A request is answered only when its batch has committed:
  acknowledged means committed.
- **Live figures**: after each commit the route publishes "received n" for the poll,
  at most ``PUBLISH_INTERVAL`` (0.5 s) apart per poll — each update goes to every
  screen, so on a 2-core machine a faster rate steals time from casting —
  with a trailing update so the last
  figure always goes out. Never an option count.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from renda.core.errors import Conflict, DomainError, PermissionDenied

from .terminals import (  # noqa: F401  (the route's token API, imported from here by callers)
    VOTER_SALT,
    VOTER_TOKEN_TTL,
    Voter,
    grant_terminal,
    grants_holding,
    password_mac,
    read_voter_token,
    voter_token,
)

logger = logging.getLogger(__name__)


def _keep_connection() -> None:
    """Keep the database thread's connection from batch to batch; drop it only when broken.

    Django's ``close_old_connections`` would close it after every batch (``CONN_MAX_AGE`` 0),
    and opening it again (on SQLite, with its PRAGMAs) cost 2.5 ms a batch, more than the
    batch's own reads (docs/performance.md). A connection that raised is checked and
    replaced if it no longer answers.
    """
    from django.db import connection

    if connection.connection is not None and connection.errors_occurred:
        if connection.is_usable():
            connection.errors_occurred = False
        else:
            connection.close()


class CastAccessFilter(logging.Filter):
    """Drop the web server's access-log lines for the cast route.

    An access line carries the client address and the time of a cast; a seat's terminal
    is a member, so the line would tie a member to the moment of a ballot. Installed on
    ``uvicorn.access`` by ``config/asgi.py`` whatever starts the server.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args if isinstance(record.args, tuple) else ()
        path = str(args[2]) if len(args) > 2 else ""
        return not path.startswith("/chamber/cast")


def install_access_filter(name: str = "uvicorn.access") -> None:
    target = logging.getLogger(name)
    if not any(isinstance(f, CastAccessFilter) for f in target.filters):
        target.addFilter(CastAccessFilter())


TOKEN_HEADER = b"x-voter-token"
#: An encrypted election ballot is about 420 bytes per candidate with its proofs.
MAX_BODY = 128 * 1024
MAX_BATCH = 1000
MAX_WAIT = 0.002
PUBLISH_INTERVAL = 0.5

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


# --------------------------------------------------------------------------- group commit


@dataclass
class Cast:
    voter: Voter
    poll_id: int
    choice: Any
    key: str | None
    future: asyncio.Future = field(repr=False)


@dataclass
class _PollInfo:
    meeting_id: int
    received: int
    log_seq: int
    status: str
    announced: bool


def _not_entitled() -> DomainError:
    return PermissionDenied("not_entitled", _("您不在本次表决的名册中，不能投票。"))


def _revoked() -> DomainError:
    return PermissionDenied(
        "voter_token_revoked",
        _(
            "表决终端已失效（已退出登录、账户停用、密码已修改或不在名册中），请重新登录后打开表决页面。"
        ),
    )


def _commit_failed() -> DomainError:
    error = Conflict("commit_failed", _("投票未能保存，请重试。"))
    error.status = 503
    return error


class GroupCommitter:
    """Batches casts of this process and commits each batch in ONE database thread."""

    def __init__(
        self,
        *,
        max_batch: int = MAX_BATCH,
        max_wait: float = MAX_WAIT,
        publish: Callable[[dict[str, Any]], None] | None = None,
    ) -> None:
        self.max_batch = max_batch
        self.max_wait = max_wait
        self.loop = asyncio.get_running_loop()
        self.queue: asyncio.Queue[Cast] = asyncio.Queue()
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="renda-commit")
        self.states: dict[int, Any] = {}  # poll id → PollState; touched only by the DB thread
        self.meetings: dict[int, int] = {}  # poll id → meeting id
        self._publish = publish
        self._last_published: dict[int, float] = {}
        self._pending: dict[int, dict[str, Any]] = {}
        self._timers: dict[int, asyncio.TimerHandle] = {}
        self.batches = 0
        self.committed = 0
        self._collector = self.loop.create_task(self._collect())

    async def submit(self, voter: Voter, poll_id: int, choice: Any, key: str | None) -> Any:
        """Queue one cast; return its Receipt or DomainError once its batch has committed."""
        future = self.loop.create_future()
        self.queue.put_nowait(Cast(voter, poll_id, choice, key, future))
        return await future

    async def voted(self, voter: Voter, poll_id: int) -> dict[str, Any]:
        """Whether this voter has voted on ``poll_id`` (for a terminal that reconnects)."""
        return await self.loop.run_in_executor(self.executor, self._voted, voter, poll_id)

    # ---- the collector (event loop)

    async def _collect(self) -> None:
        while True:
            first = await self.queue.get()
            batch = [first]
            deadline = self.loop.time() + self.max_wait
            while len(batch) < self.max_batch:
                try:
                    batch.append(self.queue.get_nowait())
                    continue
                except asyncio.QueueEmpty:
                    pass
                remaining = deadline - self.loop.time()
                if remaining <= 0:
                    break
                try:
                    batch.append(await asyncio.wait_for(self.queue.get(), remaining))
                except TimeoutError:
                    break
            try:
                results, infos = await self.loop.run_in_executor(
                    self.executor, self._commit_batch, batch
                )
            except Exception:
                logger.exception("voting: a cast batch failed")
                results, infos = [_commit_failed() for _c in batch], {}
            for cast, result in zip(batch, results, strict=True):
                if not cast.future.done():
                    cast.future.set_result(result)
            self.batches += 1
            for poll_id, info in infos.items():
                self._announce_received(poll_id, info)

    # ---- the database thread

    def _state(self, poll_id: int, refresh: dict[int, tuple]) -> Any:
        from . import services

        row = refresh.get(poll_id)
        if row is None:
            return None
        status, closes_at, method, meeting_id = row
        state = self.states.get(poll_id)
        if state is None:
            from .models import Poll

            poll = Poll.objects.get(pk=poll_id)
            state = services.poll_state(poll)
            self.states[poll_id] = state
        state.status, state.closes_at, state.method = status, closes_at, method
        self.meetings[poll_id] = meeting_id
        return state

    def _refresh(self, poll_ids: set[int]) -> dict[int, tuple]:
        from .models import Poll

        rows = Poll.objects.filter(pk__in=poll_ids).values_list(
            "pk", "status", "closes_at", "method", "agenda_item__meeting_id"
        )
        return {
            pk: (status, closes_at, method, meeting)
            for pk, status, closes_at, method, meeting in rows
        }

    def _signed_in_now(self, meeting_id: int, person_id: int) -> bool:
        from renda.meetings.models import Attendance

        return Attendance.objects.filter(
            meeting_id=meeting_id,
            person_id=person_id,
            role=Attendance.Role.VOTING,
            status=Attendance.Status.PRESENT,
        ).exists()

    def _commit_batch(self, batch: list[Cast]) -> tuple[list[Any], dict[int, _PollInfo]]:
        from . import services
        from .models import Poll

        _keep_connection()
        results: list[Any] = [None] * len(batch)
        refresh = self._refresh({c.poll_id for c in batch})
        holding, off_roll = grants_holding([c.voter for c in batch])
        by_poll: dict[int, list[tuple[int, Any]]] = {}
        for i, cast in enumerate(batch):
            if cast.voter.grant not in holding:
                results[i] = _revoked()
                continue
            if cast.voter.grant in off_roll:
                results[i] = _not_entitled()
                continue
            state = self._state(cast.poll_id, refresh)
            if state is None or self.meetings.get(cast.poll_id) != cast.voter.meeting_id:
                results[i] = _not_entitled()
                continue
            digest = (
                services.idempotency_digest(cast.poll_id, cast.voter.person_id, cast.key)
                if cast.key
                else None
            )
            voter = state.roll.get(cast.voter.person_id)
            if voter is not None and not voter.signed_in:
                # Signed in after the poll opened: still entitled (the base N is unchanged).
                voter.signed_in = self._signed_in_now(cast.voter.meeting_id, cast.voter.person_id)
            try:
                plan = services.ballot_prepare(
                    state, person_id=cast.voter.person_id, choice=cast.choice, key_digest=digest
                )
            except DomainError as error:
                results[i] = error
                continue
            by_poll.setdefault(cast.poll_id, []).append((i, plan))
        infos: dict[int, _PollInfo] = {}
        for poll_id, indexed in by_poll.items():
            plans = [plan for _i, plan in indexed]
            try:
                outcome = services.ballot_commit(poll_id=poll_id, plans=plans)
            except Exception:
                logger.exception(
                    "voting: committing %d casts on poll %s failed", len(plans), poll_id
                )
                self.states.pop(poll_id, None)  # reservations in memory are void: reload
                outcome = [_commit_failed() for _p in plans]
            for (i, _plan), result in zip(indexed, outcome, strict=True):
                results[i] = result
            if any(isinstance(r, DomainError) and r.code == "poll_not_open" for r in outcome):
                self.states.pop(poll_id, None)  # the poll moved on: reload the roll next time
            accepted = sum(1 for r in outcome if isinstance(r, services.Receipt) and not r.replayed)
            self.committed += accepted
            if accepted:
                row = (
                    Poll.objects.filter(pk=poll_id)
                    .values_list("received", "log_seq", "status", "announced_at")
                    .first()
                )
                if row is not None:
                    infos[poll_id] = _PollInfo(
                        self.meetings[poll_id], row[0], row[1], row[2], row[3] is not None
                    )
        return results, infos

    def _voted(self, voter: Voter, poll_id: int) -> dict[str, Any]:
        from .models import RollEntry

        holding, _off_roll = grants_holding([voter])
        if voter.grant not in holding:
            raise _revoked()
        entry = (
            RollEntry.objects.filter(
                poll_id=poll_id,
                person_id=voter.person_id,
                poll__agenda_item__meeting_id=voter.meeting_id,
            )
            .values_list("has_voted", flat=True)
            .first()
        )
        return {"poll": poll_id, "on_roll": entry is not None, "voted": bool(entry)}

    # ---- live figures (event loop)

    def _announce_received(self, poll_id: int, info: _PollInfo) -> None:
        event = {
            "kind": "received",
            "poll": poll_id,
            "meeting": info.meeting_id,
            "received": info.received,
            "version": [info.log_seq, info.received, int(info.announced)],
        }
        self._pending[poll_id] = event
        now = self.loop.time()
        wait = self._last_published.get(poll_id, -1e9) + PUBLISH_INTERVAL - now
        if wait <= 0:
            self._flush(poll_id)
        elif poll_id not in self._timers:
            self._timers[poll_id] = self.loop.call_later(wait, self._flush, poll_id)

    def _flush(self, poll_id: int) -> None:
        self._timers.pop(poll_id, None)
        event = self._pending.pop(poll_id, None)
        if event is None:
            return
        self._last_published[poll_id] = self.loop.time()
        try:
            if self._publish is not None:
                self._publish(event)
            else:
                from .streams import publish_event

                publish_event(event)
        except Exception:
            logger.exception("voting: publishing received count failed")

    async def aclose(self) -> None:
        """Finish the batch in hand, then stop (the server is shutting down)."""
        while not self.queue.empty():
            await asyncio.sleep(0.01)
        self._collector.cancel()
        with contextlib.suppress(BaseException):
            await self._collector
        for poll_id in list(self._timers):
            self._timers[poll_id].cancel()
            self._flush(poll_id)
        await self.loop.run_in_executor(self.executor, _close_connection)
        self.executor.shutdown(wait=True)


def _close_connection() -> None:
    from django.db import connection

    connection.close()


_committer: GroupCommitter | None = None
_lock = threading.Lock()


def get_committer() -> GroupCommitter:
    """The committer of the running event loop (one per process in production)."""
    global _committer
    loop = asyncio.get_running_loop()
    with _lock:
        if _committer is None or _committer.loop is not loop:
            if _committer is not None and not _committer.loop.is_closed():
                logger.warning("voting: a new event loop replaces the committer's")
            _committer = GroupCommitter()
        return _committer


async def shutdown() -> None:
    global _committer
    committer, _committer = _committer, None
    if committer is not None and committer.loop is asyncio.get_running_loop():
        await committer.aclose()


# --------------------------------------------------------------------------- ASGI route


async def read_body(receive: Receive, limit: int = MAX_BODY) -> bytes | None:
    """The request body, or None if it is larger than ``limit``."""
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body"):
            return b"".join(chunks)


async def respond(
    send: Send, status: int, payload: Any, *, extra: list[tuple[bytes, bytes]] = ()
) -> None:
    body = (
        payload
        if isinstance(payload, bytes)
        else json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    )
    headers = [
        (b"content-type", b"application/json; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        (b"cache-control", b"no-store"),
        (b"x-content-type-options", b"nosniff"),
        *extra,
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _error(error: DomainError) -> tuple[int, dict[str, Any]]:
    return error.status, error.as_dict()


def _bad_request(code: str, message) -> tuple[int, dict[str, Any]]:
    return _error(DomainError(code, message))


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return value.decode("latin-1")
    return None


async def cast_endpoint(scope: Scope, receive: Receive, send: Send) -> None:
    """``POST /chamber/cast`` casts; ``GET /chamber/cast?poll=ID`` says whether this voter has."""
    method = scope["method"]
    if method not in ("POST", "GET"):
        await respond(send, 405, {"code": "method_not_allowed"}, extra=[(b"allow", b"GET, POST")])
        return
    try:
        voter = read_voter_token(_header(scope, TOKEN_HEADER) or "")
    except DomainError as error:
        await respond(send, *_error(error))
        return
    if method == "GET":
        from urllib.parse import parse_qs

        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        try:
            poll_id = int(query.get("poll", [""])[0])
        except ValueError:
            await respond(send, *_bad_request("invalid_poll", _("表决编号无效。")))
            return
        try:
            answer = await get_committer().voted(voter, poll_id)
        except DomainError as error:
            await respond(send, *_error(error))
            return
        await respond(send, 200, answer)
        return
    body = await read_body(receive)
    if body is None:
        await respond(send, *_bad_request("invalid_request", _("请求内容过大或不完整。")))
        return
    try:
        data = json.loads(body)
        poll_id = data["poll"]
        if not isinstance(poll_id, int) or isinstance(poll_id, bool):
            raise TypeError
        choice = data["choice"]
        key = data.get("key")
        extra = set(data) - {"poll", "choice", "key"}
    except (ValueError, KeyError, TypeError):
        await respond(send, *_bad_request("invalid_request", _("请求格式不正确。")))
        return
    if extra:
        # In particular a "person" field: who votes comes from the token only.
        await respond(send, *_bad_request("invalid_request", _("请求格式不正确。")))
        return
    if key is not None and (not isinstance(key, str) or not 1 <= len(key) <= 200):
        await respond(
            send, *_bad_request("invalid_idempotency_key", _("幂等键长度应为 1 至 200 个字符。"))
        )
        return
    result = await get_committer().submit(voter, poll_id, choice, key)
    if isinstance(result, DomainError):
        await respond(send, *_error(result))
        return
    await respond(
        send, 200, {"poll": result.poll_id, "receipt": result.receipt, "replayed": result.replayed}
    )
