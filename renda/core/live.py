"""The live-event broker: publish after commit, subscribe from async streams.

One broker per process, chosen once from ``settings.REDIS_URL``:

- :class:`InProcessBroker` (default): subscribers are asyncio queues; ``publish``
  may be called from any thread (the voting commit thread, a sync Django view) and
  hands each event to the subscribers' loops with ``call_soon_threadsafe``.
- :class:`RedisBroker`: ``publish`` sends to Redis; each process holds ONE pub/sub
  connection (``PSUBSCRIBE <prefix>*``) and fans events out to its local
  subscribers, so several uvicorn processes behind one address behave as one.

An event is a JSON-serialisable dict, encoded once at publish time; every
subscriber receives the same :class:`Event` object and can reuse its bytes.
Callers publish only after their transaction has committed (``transaction.on_commit``).
"""

from __future__ import annotations

import abc
import asyncio
import contextlib
import json
import logging
import os
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

logger = logging.getLogger(__name__)

#: Events a slow subscriber may fall behind before it is told to resynchronise.
QUEUE_LIMIT = 256


@dataclass(frozen=True, eq=False)
class Event:
    """One published event: its channel, its encoded JSON and (lazily) the decoded dict."""

    channel: str
    raw: bytes

    @classmethod
    def of(cls, channel: str, data: dict[str, Any]) -> Event:
        raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str).encode()
        return cls(channel, raw)

    @cached_property
    def data(self) -> dict[str, Any]:
        return json.loads(self.raw)

    @cached_property
    def sse(self) -> bytes:
        """The event as one server-sent-events message (its ``kind`` names the event)."""
        kind = self.data.get("kind", "message")
        return b"event: " + str(kind).encode() + b"\ndata: " + self.raw + b"\n\n"


#: Put in a subscriber's queue when it fell too far behind: it must reload a snapshot.
OVERFLOW = Event("", b'{"kind":"resync"}')


@dataclass(eq=False)
class _Subscriber:
    channel: str
    loop: asyncio.AbstractEventLoop
    queue: asyncio.Queue = field(default_factory=lambda: asyncio.Queue(QUEUE_LIMIT))

    def deliver(self, event: Event) -> None:
        try:
            self.queue.put_nowait(event)
        except asyncio.QueueFull:
            # Drop the backlog and ask the stream to send a fresh snapshot.
            while not self.queue.empty():
                self.queue.get_nowait()
            self.queue.put_nowait(OVERFLOW)


class _LocalHub:
    """Subscribers of this process, by channel; safe to feed from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._channels: dict[str, set[_Subscriber]] = {}

    def add(self, sub: _Subscriber) -> None:
        with self._lock:
            self._channels.setdefault(sub.channel, set()).add(sub)

    def remove(self, sub: _Subscriber) -> None:
        with self._lock:
            subs = self._channels.get(sub.channel)
            if subs is not None:
                subs.discard(sub)
                if not subs:
                    del self._channels[sub.channel]

    def count(self, channel: str | None = None) -> int:
        with self._lock:
            if channel is not None:
                return len(self._channels.get(channel, ()))
            return sum(len(s) for s in self._channels.values())

    def fan_out(self, event: Event) -> None:
        with self._lock:
            subs = list(self._channels.get(event.channel, ()))
        if not subs:
            return
        by_loop: dict[asyncio.AbstractEventLoop, list[_Subscriber]] = {}
        for sub in subs:
            by_loop.setdefault(sub.loop, []).append(sub)
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        for loop, group in by_loop.items():
            if loop is running:
                _deliver_all(group, event)
            elif not loop.is_closed():
                with contextlib.suppress(RuntimeError):  # the loop shut down meanwhile
                    loop.call_soon_threadsafe(_deliver_all, group, event)


def _deliver_all(group: list[_Subscriber], event: Event) -> None:
    for sub in group:
        sub.deliver(event)


class Broker(abc.ABC):
    """The interface both brokers share."""

    def __init__(self) -> None:
        self.hub = _LocalHub()

    @abc.abstractmethod
    def publish(self, channel: str, event: dict[str, Any]) -> None:
        """Send ``event`` to every subscriber of ``channel`` (call after commit)."""

    async def _ensure_started(self) -> None:  # noqa: B027 - optional hook, nothing by default
        """Start whatever the broker needs in the running loop before a subscription."""

    async def subscribe(self, channel: str) -> AsyncIterator[Event]:
        """Yield the events of ``channel`` published from now on, until the caller stops."""
        await self._ensure_started()
        sub = _Subscriber(channel, asyncio.get_running_loop())
        self.hub.add(sub)
        try:
            while True:
                yield await sub.queue.get()
        finally:
            self.hub.remove(sub)

    def subscription(self, channel: str) -> Subscription:
        """Subscribe now (before any snapshot is read) and iterate later."""
        return Subscription(self, channel)

    async def aclose(self) -> None:  # noqa: B027 - optional hook, nothing by default
        """Release connections (at shutdown)."""


class Subscription:
    """A subscription registered at once, so no event is missed while a snapshot loads."""

    def __init__(self, broker: Broker, channel: str) -> None:
        self.broker = broker
        self.channel = channel
        self._sub: _Subscriber | None = None

    async def __aenter__(self) -> Subscription:
        await self.broker._ensure_started()
        self._sub = _Subscriber(self.channel, asyncio.get_running_loop())
        self.broker.hub.add(self._sub)
        return self

    async def __aexit__(self, *exc) -> None:
        if self._sub is not None:
            self.broker.hub.remove(self._sub)

    async def get(self, timeout: float | None = None) -> Event | None:
        """The next event, or None after ``timeout`` seconds without one."""
        assert self._sub is not None
        if timeout is None:
            return await self._sub.queue.get()
        try:
            return await asyncio.wait_for(self._sub.queue.get(), timeout)
        except TimeoutError:
            return None


class InProcessBroker(Broker):
    """Fan-out inside this process only: one uvicorn process, no Redis."""

    def publish(self, channel: str, event: dict[str, Any]) -> None:
        self.hub.fan_out(Event.of(channel, event))


class RedisBroker(Broker):
    """Redis pub/sub: publish to Redis; one pattern subscription per process fans out locally."""

    def __init__(
        self, url: str, prefix: str = "renda:live:", client_name: str | None = None
    ) -> None:
        super().__init__()
        self.url = url
        self.prefix = prefix
        self.client_name = client_name or f"renda-live-{os.getpid()}"
        self._sync_client = None
        self._sync_lock = threading.Lock()
        self._reader: asyncio.Task | None = None
        self._reader_loop: asyncio.AbstractEventLoop | None = None
        self._ready: asyncio.Event | None = None
        self._pubsub = None

    def _client(self):
        with self._sync_lock:
            if self._sync_client is None:
                import redis

                self._sync_client = redis.Redis.from_url(self.url)
            return self._sync_client

    def publish(self, channel: str, event: dict[str, Any]) -> None:
        payload = Event.of(channel, event).raw
        try:
            self._client().publish(self.prefix + channel, payload)
        except Exception:  # a broken broker must not undo a committed vote
            logger.exception("live: publishing to Redis failed on %s", channel)

    async def _ensure_started(self) -> None:
        loop = asyncio.get_running_loop()
        if self._reader is not None and self._reader_loop is loop and not self._reader.done():
            assert self._ready is not None
            await self._ready.wait()
            return
        self._reader_loop = loop
        self._ready = asyncio.Event()
        self._reader = loop.create_task(self._read(self._ready))
        await self._ready.wait()

    async def _read(self, ready: asyncio.Event) -> None:
        import redis.asyncio as aioredis

        backoff = 0.2
        while True:
            client = aioredis.Redis.from_url(self.url, client_name=self.client_name)
            pubsub = client.pubsub()
            try:
                await pubsub.psubscribe(self.prefix + "*")
                # Wait for the subscription to be confirmed before anyone relies on it.
                while True:
                    msg = await pubsub.get_message(timeout=1.0)
                    if msg and msg.get("type") == "psubscribe":
                        break
                self._pubsub = pubsub
                ready.set()
                backoff = 0.2
                cut = len(self.prefix)
                while True:
                    msg = await pubsub.get_message(ignore_subscribe_messages=True, timeout=30.0)
                    if msg is None or msg.get("type") != "pmessage":
                        continue
                    channel = msg["channel"]
                    if isinstance(channel, bytes):
                        channel = channel.decode()
                    self.hub.fan_out(Event(channel[cut:], msg["data"]))
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("live: Redis subscription lost; reconnecting")
                # Subscribers may have missed events: tell every one of them to resync.
                self._resync_all()
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 5.0)
            finally:
                self._pubsub = None
                with contextlib.suppress(Exception):
                    await pubsub.aclose()
                with contextlib.suppress(Exception):
                    await client.aclose()

    def _resync_all(self) -> None:
        with self.hub._lock:
            subs = [s for group in self.hub._channels.values() for s in group]
        for sub in subs:
            sub.deliver(OVERFLOW)

    async def aclose(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(BaseException):
                await self._reader
            self._reader = None
        if self._sync_client is not None:
            self._sync_client.close()
            self._sync_client = None


_broker: Broker | None = None
_broker_lock = threading.Lock()


def get_broker() -> Broker:
    """The process's broker: Redis when ``settings.REDIS_URL`` is set, else in-process."""
    global _broker
    if _broker is None:
        with _broker_lock:
            if _broker is None:
                from django.conf import settings

                url = getattr(settings, "REDIS_URL", "")
                _broker = RedisBroker(url) if url else InProcessBroker()
    return _broker


def set_broker(broker: Broker | None) -> Broker | None:
    """Replace the process's broker (tests); return the previous one."""
    global _broker
    with _broker_lock:
        previous, _broker = _broker, broker
    return previous


def publish(channel: str, event: dict[str, Any]) -> None:
    """Publish ``event`` on ``channel`` through the process's broker (after commit)."""
    get_broker().publish(channel, event)


def subscribe(channel: str) -> AsyncIterator[Event]:
    """Iterate over the events of ``channel`` through the process's broker."""
    return get_broker().subscribe(channel)
