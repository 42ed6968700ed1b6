"""The live broker: in-process fan-out from any thread, and Redis pub/sub across brokers."""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
import threading
import time

import pytest

from renda.core.live import OVERFLOW, QUEUE_LIMIT, InProcessBroker, RedisBroker
from renda.voting.tests.asgi_client import run_in_thread


def run(coro):
    async def main():
        return await asyncio.wait_for(coro, 20)

    return run_in_thread(main)


def test_in_process_delivers_to_every_subscriber_of_the_channel_only():
    broker = InProcessBroker()

    async def main():
        async with (
            broker.subscription("poll:1") as a,
            broker.subscription("poll:1") as b,
            broker.subscription("poll:2") as c,
        ):
            broker.publish("poll:1", {"kind": "state", "received": 3})
            ea, eb = await a.get(1), await b.get(1)
            assert ea is eb  # one encoding shared by all subscribers
            assert ea.data == {"kind": "state", "received": 3}
            assert ea.sse.startswith(b"event: state\ndata: ")
            assert await c.get(0.1) is None
        assert broker.hub.count() == 0

    run(main())


def test_publish_from_another_thread_reaches_the_loop():
    broker = InProcessBroker()

    async def main():
        async with broker.subscription("poll:9") as sub:
            t = threading.Thread(
                target=lambda: [broker.publish("poll:9", {"n": i}) for i in range(5)]
            )
            t.start()
            got = [(await sub.get(2)).data["n"] for _ in range(5)]
            t.join()
            assert got == [0, 1, 2, 3, 4]

    run(main())


def test_async_iterator_form_unsubscribes_when_closed():
    broker = InProcessBroker()

    async def main():
        it = broker.subscribe("c")
        task = asyncio.ensure_future(it.__anext__())
        for _ in range(50):
            await asyncio.sleep(0.01)
            if broker.hub.count("c"):
                break
        broker.publish("c", {"x": 1})
        assert (await task).data == {"x": 1}
        await it.aclose()
        assert broker.hub.count("c") == 0

    run(main())


def test_a_slow_subscriber_is_told_to_resync_instead_of_growing_without_bound():
    broker = InProcessBroker()

    async def main():
        async with broker.subscription("c") as sub:
            for i in range(QUEUE_LIMIT + 5):
                broker.publish("c", {"n": i})
            first = await sub.get(1)
            # The backlog was dropped at overflow; the stream must reload a snapshot.
            assert first is OVERFLOW or first.data["n"] >= 0
            seen = [first]
            while (e := await sub.get(0.05)) is not None:
                seen.append(e)
            assert OVERFLOW in seen
            assert len(seen) <= QUEUE_LIMIT

    run(main())


# ------------------------------------------------------------------------ Redis


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def redis_url():
    """REDIS_TEST_URL if set (CI), else a private redis-server on a free port."""
    url = os.environ.get("REDIS_TEST_URL")
    if url:
        yield url
        return
    binary = shutil.which("redis-server")
    if not binary:
        pytest.fail("Redis is needed: set REDIS_TEST_URL or install redis-server")
    port = _free_port()
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.05)
    else:
        proc.kill()
        pytest.fail("redis-server did not start")
    yield f"redis://127.0.0.1:{port}/0"
    proc.terminate()
    proc.wait(10)


def test_redis_brokers_behave_as_one(redis_url):
    prefix = f"renda:test:{os.getpid()}:{time.monotonic_ns()}:"
    one, two = RedisBroker(redis_url, prefix), RedisBroker(redis_url, prefix)

    async def main():
        try:
            async with one.subscription("poll:5") as s1, two.subscription("poll:5") as s2:
                # Published by the first process's broker, seen by both, exactly once.
                await asyncio.to_thread(one.publish, "poll:5", {"kind": "state", "received": 1})
                e1, e2 = await s1.get(5), await s2.get(5)
                assert e1 is not None and e2 is not None
                assert e1.data == e2.data == {"kind": "state", "received": 1}
                assert await s1.get(0.2) is None
                two.publish("poll:6", {"other": True})
                assert await s2.get(0.3) is None
        finally:
            await one.aclose()
            await two.aclose()

    run(main())


def test_redis_broker_holds_one_subscription_per_process(redis_url):
    import redis

    name = f"renda-test-{os.getpid()}-{time.monotonic_ns()}"
    broker = RedisBroker(redis_url, f"renda:test1:{name}:", client_name=name)
    admin = redis.Redis.from_url(redis_url, decode_responses=True)

    def mine():
        return [c for c in admin.client_list() if c.get("name") == name]

    async def main():
        try:
            async with (
                broker.subscription("a"),
                broker.subscription("b"),
                broker.subscription("c"),
                broker.subscription("a"),
            ):
                # Four local subscribers on three channels: one connection, one pattern.
                assert broker.hub.count() == 4
                conns = mine()
                assert len(conns) == 1 and conns[0]["psub"] == "1", conns
        finally:
            await broker.aclose()

    run(main())
    time.sleep(0.2)
    assert mine() == []
