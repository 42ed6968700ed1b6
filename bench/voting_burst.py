"""Voting burst: N signed-in voters cast within a window while N screens watch.

Usage::

    python bench/voting_burst.py [--voters 3000] [--window 2] [--processes 1]
                                 [--kill-at 0.5] [--skip-ceiling]

It starts its own uvicorn server(s) on 127.0.0.1 (SQLite in a temporary file by
default; a fresh database on the PostgreSQL server of ``DATABASE_URL`` and Redis
pub/sub at ``REDIS_URL`` when those are set), creates a congress of N deputies all
signed in, connects N SSE screens, opens a poll through the chair console, lets
every voter cast once at a random moment of the window through ``/chamber/cast``,
closes the poll through the console and waits for the sealed result on every
screen. In the same server process it measures a framework-free 2-byte route (the
machine's ceiling) and a trivial Django view.

``--encrypted`` appoints three scrutineers (two decrypt), runs their devices' key
ceremony, and makes the poll an encrypted one: the load generator encrypts every
ballot as the terminals do (before the window, as a terminal does before the member
presses 确认), the server checks each ballot's proofs as in production, and at the close
the three scrutineer devices (played here with ``renda_crypto.device``, following the
meeting's stream and answering through the API) decrypt by themselves; the result is
sealed when the second answer arrives. The server's CPU time per acknowledged vote and
per trivial request are measured in the same run.

``--processes 2`` runs two uvicorn processes sharing the database and Redis: voters
cast on the first, screens watch the second. ``--kill-at F`` kills the server with
SIGKILL once a fraction F of the votes is acknowledged, restarts it, and lets the
unanswered terminals retry with their idempotency keys (F1 durability).

The last line printed is one JSON object: voters, acked_per_s, trivial_per_s, ratio,
p50_ms, p99_ms, lost, duplicated, close_to_screens_ms, and more.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


# --------------------------------------------------------------------------- environment


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_env(tmp: str) -> tuple[dict[str, str], str | None]:
    """The environment shared by this process and the servers; returns (env, database to drop)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.prod",
            "SECRET_KEY": "bench-" + uuid.uuid4().hex + "-0123456789abcdefghijklmnopqrstuvwxyz",
            "SECURE_SSL_REDIRECT": "0",
            "SESSION_COOKIE_SECURE": "0",
            "CSRF_COOKIE_SECURE": "0",
            "SECURE_HSTS_SECONDS": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "RENDA_BENCH": "1",
            "LOG_LEVEL": "ERROR",
            "DJANGO_ALLOW_ASYNC_UNSAFE": "",
            "MEDIA_ROOT": os.path.join(tmp, "media"),
        }
    )
    drop = None
    url = os.environ.get("DATABASE_URL")
    if url:
        import psycopg

        _SERVER_URL[:] = [url]
        name = f"renda_bench_{os.getpid()}"
        parts = urlsplit(url)
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = urlunsplit(parts._replace(path="/" + name))
        drop = name
    else:
        env.pop("DATABASE_URL", None)
        env["SQLITE_PATH"] = os.path.join(tmp, "bench.sqlite3")
    return env, drop


#: The server's own database URL as given, before the benchmark's database replaced it in the
#: environment: the benchmark's database cannot be dropped from a connection to itself.
_SERVER_URL: list[str] = []


def drop_database(name: str | None) -> None:
    if not name:
        return
    import psycopg

    url = _SERVER_URL[0] if _SERVER_URL else os.environ["DATABASE_URL"]
    if urlsplit(url).path.lstrip("/") == name:
        url = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    try:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    except psycopg.Error as error:  # the figures are printed all the same; say what is left
        print(f"could not drop the benchmark database {name}: {error}", file=sys.stderr, flush=True)


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    import django

    django.setup()


def _terminal_tokens(people, meeting) -> list[str]:
    """Each deputy signed in with an account and a terminal open, as the terminal page does."""
    import datetime as dt

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from renda.accounts.models import Role, User
    from renda.voting.fastpath import password_mac, voter_token
    from renda.voting.models import TerminalGrant

    User.objects.bulk_create(
        [
            User(username=f"bench-d{p.pk}", role=Role.DEPUTY, person=p, password="!bench")
            for p in people
        ],
        batch_size=1000,
    )
    users = list(User.objects.filter(username__startswith="bench-d").order_by("person_id"))
    store, expires = SessionStore(), timezone.now() + dt.timedelta(hours=12)
    sessions = [
        Session(
            session_key=uuid.uuid4().hex,
            session_data=store.encode(
                {
                    SESSION_KEY: str(u.pk),
                    BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                    HASH_SESSION_KEY: u.get_session_auth_hash(),
                }
            ),
            expire_date=expires,
        )
        for u in users
    ]
    Session.objects.bulk_create(sessions, batch_size=1000)
    grants = [
        TerminalGrant(
            user=u,
            meeting=meeting,
            session_key=s.session_key,
            password_mac=password_mac(u.password),
        )
        for u, s in zip(users, sessions, strict=True)
    ]
    TerminalGrant.objects.bulk_create(grants, batch_size=1000)
    return [
        voter_token(person_id=u.person_id, meeting_id=meeting.pk, grant=str(g.pk))
        for u, g in zip(users, grants, strict=True)
    ]


def _scrutineers(people, staff) -> list[dict]:
    """Three deputies appointed scrutineers; their devices make the meeting's key.

    Each device's secret and key share stay in this process (the devices), never in the
    database; each device gets an API token to answer through the API.
    """
    from renda.accounts.models import User
    from renda.accounts.services import api_token_issue
    from renda.voting.models import ScrutinyKey
    from renda.voting.services import scrutiny as sv
    from renda_crypto import device as dv

    users = [User.objects.get(person=p) for p in people[:3]]
    meeting_key = sv.scrutiny_appoint(
        actor=staff, meeting=people[0]._meeting, persons=[u.person_id for u in users], threshold=2
    )
    devices = []
    for index, user in enumerate(users, start=1):
        secret, public = dv.new_device()
        sv.scrutiny_enrol(
            actor=user, scrutineer=meeting_key.scrutineers.get(index=index), device_key=public
        )
        devices.append({"index": index, "user": user, "secret": secret})
    keys = sv.device_keys(meeting_key)
    for d in devices:
        made = dv.deal(meeting_key.context, d["index"], 2, keys)
        sv.scrutiny_deal(
            actor=d["user"], scrutineer=meeting_key.scrutineers.get(index=d["index"]), **made
        )
    out = []
    for d in devices:
        me = meeting_key.scrutineers.get(index=d["index"])
        dealt = [
            {"dealing": s.dealing, "share": s.shares[str(d["index"])]}
            for s in meeting_key.scrutineers.order_by("index")
        ]
        share = dv.key_share(meeting_key.context, d["index"], d["secret"], dealt)
        sv.scrutiny_confirm(
            actor=d["user"], scrutineer=me, verification_key=dv.verification_key(share)
        )
        _token, secret_token = api_token_issue(actor=d["user"], label="bench scrutineer device")
        out.append({"index": d["index"], "share": share, "token": secret_token})
    assert ScrutinyKey.objects.get(pk=meeting_key.pk).status == ScrutinyKey.Status.READY
    return out


def create_data(voters: int, encrypted: bool = False) -> dict:
    """A congress of ``voters`` deputies, all signed in; a staff user; a draft poll."""
    import datetime as dt

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    from renda.accounts.models import Role, User
    from renda.meetings.models import AgendaItem, Attendance, Meeting
    from renda.people.models import Deputy, Organization, Person, Term
    from renda.people.services import jurisdiction_setup
    from renda.voting.services import poll_create
    from renda.voting.streams import screen_token

    call_command("migrate", verbosity=0, interactive=False)
    root = User.objects.create_superuser("bench-root", password=uuid.uuid4().hex, role=Role.ADMIN)
    jurisdiction_setup(actor=root, name="基准市", level="city", population=3_000_000)
    congress = Organization.objects.get(code="congress")
    term = Term.objects.create(
        congress=congress, number=1, start_date=dt.date(2022, 1, 1), end_date=dt.date(2026, 12, 31)
    )
    people = [Person(name=f"代表{i:04d}", gender="male") for i in range(voters)]
    for p in people:
        p.refresh_search_text()
    Person.objects.bulk_create(people, batch_size=1000)
    people = list(Person.objects.filter(name__startswith="代表").order_by("pk"))
    Deputy.objects.bulk_create([Deputy(person=p, term=term) for p in people], batch_size=1000)
    today = dt.date.today()
    meeting = Meeting.objects.create(
        kind=Meeting.Kind.CONGRESS_SESSION,
        body=congress,
        term=term,
        number=1,
        title="基准测试大会",
        starts_on=today,
        ends_on=today + dt.timedelta(days=2),
        status=Meeting.Status.IN_PROGRESS,
    )
    Attendance.objects.bulk_create(
        [
            Attendance(
                meeting=meeting,
                person=p,
                role=Attendance.Role.VOTING,
                status=Attendance.Status.PRESENT,
            )
            for p in people
        ],
        batch_size=1000,
    )
    item = AgendaItem.objects.create(
        meeting=meeting, order=1, kind="motion", title="关于基准测试的决定（草案）"
    )
    staff = User.objects.create_user("bench-staff", password=uuid.uuid4().hex, role=Role.STAFF)
    poll = poll_create(actor=staff, agenda_item=item, kind="decision", title="关于基准测试的决定")
    session = SessionStore()
    session[SESSION_KEY] = str(staff.pk)
    session[BACKEND_SESSION_KEY] = "renda.accounts.backends.LockoutModelBackend"
    session[HASH_SESSION_KEY] = staff.get_session_auth_hash()
    session.create()
    tokens = _terminal_tokens(people, meeting)
    devices = []
    if encrypted:
        people[0]._meeting = meeting
        devices = _scrutineers(people, staff)
    return {
        "poll": poll.pk,
        "meeting": meeting.pk,
        "session": session.session_key,
        "tokens": tokens,
        "screen_token": screen_token(meeting_id=meeting.pk),
        "devices": devices,
    }


class Server:
    """One uvicorn process serving config.asgi on 127.0.0.1."""

    def __init__(self, env: dict[str, str], port: int | None = None) -> None:
        self.env = env
        self.port = port or free_port()
        self.proc: subprocess.Popen | None = None

    def start(self) -> Server:
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "config.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "warning",
                "--no-access-log",
                "--backlog",
                "4096",
                "--lifespan",
                "on",
                "--timeout-keep-alive",
                "120",
            ],
            cwd=ROOT,
            env=self.env,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("uvicorn exited at start")
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return self
            time.sleep(0.05)
        raise RuntimeError("uvicorn did not start")

    def cpu_seconds(self) -> float:
        """User and system CPU time the server process has used so far (Linux /proc)."""
        assert self.proc is not None
        with open(f"/proc/{self.proc.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()


# --------------------------------------------------------------------------- a minimal HTTP/1.1 client


class Conn:
    """One keep-alive HTTP/1.1 connection."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def connect(self) -> Conn:
        self.reader, self.writer = await asyncio.open_connection(
            "127.0.0.1", self.port, limit=1 << 20
        )
        return self

    async def request(
        self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        if self.writer is None:
            await self.connect()
        assert self.reader is not None and self.writer is not None
        head = [
            f"{method} {path} HTTP/1.1",
            f"Host: 127.0.0.1:{self.port}",
            f"Content-Length: {len(body)}",
        ]
        head += [f"{k}: {v}" for k, v in (headers or {}).items()]
        self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
        raw = await self.reader.readuntil(b"\r\n\r\n")
        lines = raw.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        out: dict[str, str] = {}
        cookies = []
        for line in lines[1:]:
            if ":" in line:
                k, v = line.split(":", 1)
                if k.lower() == "set-cookie":
                    cookies.append(v.strip())
                out[k.lower()] = v.strip()
        out["set-cookie"] = "\n".join(cookies)
        if "content-length" in out:
            data = await self.reader.readexactly(int(out["content-length"]))
        elif out.get("transfer-encoding") == "chunked":
            parts = []
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).strip(), 16)
                parts.append(await self.reader.readexactly(size + 2))
                if size == 0:
                    break
            data = b"".join(p[:-2] for p in parts)
        else:
            data = b""
        return status, out, data

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


async def rate(port: int, path: str, total: int, concurrency: int = 50) -> float:
    """Requests per second on ``path`` with ``concurrency`` keep-alive connections."""
    conns = [await Conn(port).connect() for _ in range(concurrency)]
    per = total // concurrency

    async def worker(c: Conn) -> None:
        for _ in range(per):
            status, _h, _b = await c.request("GET", path)
            assert status == 200, (path, status)

    start = time.perf_counter()
    await asyncio.gather(*[worker(c) for c in conns])
    elapsed = time.perf_counter() - start
    for c in conns:
        c.close()
    return per * concurrency / elapsed


LEAK = re.compile(rb'"(yes|no|abstain|tally|counts|votes)"')
RECEIVED = re.compile(rb'"received":(\d+)')


class Device:
    """A scrutineer's device: follows the meeting's stream and, once a poll it has to decrypt
    appears (the close), answers its partial decryption with proofs through the API."""

    def __init__(self, port: int, path: str, meeting: int, device: dict) -> None:
        self.port, self.path, self.meeting = port, path, meeting
        self.index, self.share, self.token = device["index"], device["share"], device["token"]
        self.answered: set[int] = set()
        self.answers: set[asyncio.Task] = set()
        self.task: asyncio.Task | None = None
        self.writer = None
        self.busy = asyncio.Lock()

    async def run(self) -> None:
        reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port, limit=1 << 20)
        self.writer.write(
            f"GET {self.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n".encode()
        )
        await reader.readuntil(b"\r\n\r\n")
        while True:
            chunk = await reader.read(65536)
            if not chunk:
                return
            if b"event: scrutiny" in chunk:
                task = asyncio.ensure_future(self.answer())
                self.answers.add(task)
                task.add_done_callback(self.answers.discard)

    async def answer(self) -> None:
        try:
            await self._answer()
        except Exception as exc:  # noqa: BLE001
            import traceback

            traceback.print_exc()
            print(f"device {self.index}: {exc!r}", file=sys.stderr)

    def _http(self, method: str, path: str, payload: dict | None = None) -> tuple[int, dict]:
        import urllib.error
        import urllib.request

        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}",
            data=json.dumps(payload).encode() if payload is not None else None,
            method=method,
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")

    async def _answer(self) -> None:
        from renda_crypto import device as dv

        async with self.busy:
            status, state = await asyncio.to_thread(
                self._http, "GET", f"/api/v1/meetings/{self.meeting}/scrutiny"
            )
            if status != 200:
                print(f"device {self.index}: scrutiny state {status} {state}", file=sys.stderr)
                return
            for poll in state.get("awaiting") or []:
                if poll["poll"] in self.answered:
                    continue
                partial = dv.decrypt(poll["context"], self.index, self.share, poll["totals"])
                status, answer = await asyncio.to_thread(
                    self._http,
                    "POST",
                    f"/api/v1/polls/{poll['poll']}/decrypt",
                    {"partial": partial},
                )
                if status == 200:
                    self.answered.add(poll["poll"])
                else:
                    print(f"device {self.index}: decrypt {status} {answer}", file=sys.stderr)

    def start(self) -> None:
        self.task = asyncio.ensure_future(self.run())

    def close(self) -> None:
        for task in list(self.answers):
            task.cancel()
        if self.task:
            self.task.cancel()
        if self.writer:
            self.writer.close()


class Screen:
    """One SSE screen: records when it first saw the poll open and the sealed result."""

    def __init__(self, port: int, path: str) -> None:
        self.port, self.path = port, path
        self.connected = asyncio.Event()
        self.opened = asyncio.Event()
        self.sealed_at: float | None = None
        self.sealed = asyncio.Event()
        self.max_received = 0
        self.leaks = 0
        self.task: asyncio.Task | None = None
        self.writer = None

    async def run(self) -> None:
        reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port, limit=1 << 20)
        self.writer.write(
            f"GET {self.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n".encode()
        )
        head = await reader.readuntil(b"\r\n\r\n")
        if b" 200 " not in head.split(b"\r\n", 1)[0]:
            raise RuntimeError(f"stream refused: {head[:80]!r}")
        tail = b""
        while True:
            chunk = await reader.read(65536)
            if not chunk:
                return
            data = tail + chunk
            tail = data[-40:]
            if not self.connected.is_set() and b"event: state" in data:
                self.connected.set()
            if b'"status":"open"' in data:
                self.opened.set()
            for m in RECEIVED.findall(data):
                self.max_received = max(self.max_received, int(m))
            if b'"status":"sealed"' in data:
                if self.sealed_at is None:
                    self.sealed_at = time.perf_counter()
                    self.sealed.set()
                data = data.split(b'"status":"sealed"')[0]
            if not self.sealed.is_set() and LEAK.search(data):
                self.leaks += 1

    def start(self) -> None:
        self.task = asyncio.ensure_future(self.run())

    def close(self) -> None:
        if self.task:
            self.task.cancel()
        if self.writer:
            self.writer.close()


async def console_action(port: int, session: str, poll: int, action: str, **fields: str) -> int:
    c = await Conn(port).connect()
    try:
        status, headers, page = await c.request(
            "GET", f"/chamber/polls/{poll}/console/", headers={"Cookie": f"sessionid={session}"}
        )
        assert status == 200, status
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        csrf = re.search(r"csrftoken=([^;]+)", headers["set-cookie"]).group(1)
        body = urlencode({"csrfmiddlewaretoken": token, "action": action, **fields}).encode()
        status, _h, _b = await c.request(
            "POST",
            f"/chamber/polls/{poll}/action/",
            body,
            headers={
                "Cookie": f"sessionid={session}; csrftoken={csrf}",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        return status
    finally:
        c.close()


async def gather_limited(coros, limit: int) -> list:
    sem = asyncio.Semaphore(limit)

    async def one(coro):
        async with sem:
            return await coro

    return await asyncio.gather(*[one(c) for c in coros])


# --------------------------------------------------------------------------- the run


async def burst(args, env: dict[str, str], data: dict) -> dict:
    servers = [Server(env).start() for _ in range(args.processes)]
    cast_server, screen_server = servers[0], servers[-1]
    result: dict = {
        "voters": args.voters,
        "screens_requested": args.screens or args.voters,
        "window_s": args.window,
        "processes": args.processes,
        "database": "postgresql" if env.get("DATABASE_URL") else "sqlite",
        "broker": "redis" if env.get("REDIS_URL") else "in-process",
        "encrypted": args.encrypted,
    }
    try:
        # The ceiling of this machine and a trivial Django view, on the casting server process.
        if not args.skip_ceiling:
            await rate(cast_server.port, "/__bench/trivial", 2000)  # warm up
            cpu = cast_server.cpu_seconds()
            result["trivial_per_s"] = round(
                await rate(cast_server.port, "/__bench/trivial", args.ceiling_requests)
            )
            result["cpu_ms_per_trivial"] = round(
                (cast_server.cpu_seconds() - cpu) * 1000 / args.ceiling_requests, 4
            )
            result["django_per_s"] = round(
                await rate(cast_server.port, "/__bench/django", args.ceiling_requests // 4)
            )

        # N screens on the stream.
        path = f"/live/meetings/{data['meeting']}/?t={data['screen_token']}"
        screens = [Screen(screen_server.port, path) for _ in range(args.screens or args.voters)]
        for i in range(0, len(screens), 250):
            for s in screens[i : i + 250]:
                s.start()
            await asyncio.wait_for(
                asyncio.gather(*[s.connected.wait() for s in screens[i : i + 250]]), 60
            )
        # Every terminal connected (keep-alive), as in a chamber before the vote.
        conns = await gather_limited(
            [Conn(cast_server.port).connect() for _ in range(args.voters)], 250
        )

        devices = [Device(screen_server.port, path, data["meeting"], d) for d in data["devices"]]
        for d in devices:
            d.start()
        assert await console_action(cast_server.port, data["session"], data["poll"], "open") == 302
        await asyncio.wait_for(asyncio.gather(*[s.opened.wait() for s in screens]), 60)

        choices = random.Random(7).choices(
            ["yes", "no", "abstain"], weights=[6, 3, 1], k=args.voters
        )
        sent = list(choices)
        if args.encrypted:
            # Each terminal encrypts its member's choice with proofs before it is sent.
            import renda_crypto as rc
            from renda.voting.models import Poll

            crypto = await asyncio.to_thread(
                lambda: Poll.objects.values_list("crypto", flat=True).get(pk=data["poll"])
            )
            key = rc.PollKey.from_json(crypto["key"])
            vector = {"yes": [1, 0, 0], "no": [0, 1, 0], "abstain": [0, 0, 1]}
            started = time.perf_counter()
            sent = [rc.encrypt(key, vector[c]) for c in choices]
            result["encrypt_ms_per_ballot"] = round(
                (time.perf_counter() - started) * 1000 / args.voters, 2
            )
        cpu_before = cast_server.cpu_seconds()
        keys = [uuid.uuid4().hex for _ in range(args.voters)]
        acked: dict[int, str] = {}
        latencies: list[float] = []
        refused: dict[str, int] = {}
        failed: set[int] = set()
        kill_event = asyncio.Event()
        t0 = time.perf_counter() + 0.2
        last_ack = [t0]

        async def cast(i: int, conn: Conn, at: float) -> None:
            await asyncio.sleep(max(0.0, at - time.perf_counter()))
            body = json.dumps({"poll": data["poll"], "choice": sent[i], "key": keys[i]}).encode()
            start = time.perf_counter()
            try:
                status, _h, raw = await conn.request(
                    "POST",
                    "/chamber/cast",
                    body,
                    headers={
                        "X-Voter-Token": data["tokens"][i],
                        "Content-Type": "application/json",
                    },
                )
            except (OSError, asyncio.IncompleteReadError):
                failed.add(i)
                return
            now = time.perf_counter()
            if status == 200:
                acked[i] = json.loads(raw)["receipt"]
                latencies.append(now - start)
                last_ack[0] = max(last_ack[0], now)
                if args.kill_at and len(acked) >= args.kill_at * args.voters:
                    kill_event.set()
            else:
                code = json.loads(raw).get("code", str(status))
                refused[code] = refused.get(code, 0) + 1
                if status >= 500:
                    failed.add(i)

        plan = [t0 + random.random() * args.window for _ in range(args.voters)]
        tasks = [asyncio.ensure_future(cast(i, conns[i], plan[i])) for i in range(args.voters)]
        if args.kill_at:
            await asyncio.wait_for(kill_event.wait(), 120)
            cast_server.kill()
            result["killed_after_acks"] = len(acked)
        await asyncio.gather(*tasks)
        elapsed = last_ack[0] - t0
        if not args.kill_at and acked:
            result["cpu_ms_per_vote"] = round(
                (cast_server.cpu_seconds() - cpu_before) * 1000 / len(acked), 3
            )
        for c in conns:
            c.close()

        if args.kill_at:
            # Restart; unanswered terminals retry with the same idempotency key.
            cast_server.start()
            before_retry = dict(acked)
            retry = sorted(set(range(args.voters)) - set(acked))
            result["retried"] = len(retry)

            async def again(i: int) -> None:
                c = await Conn(cast_server.port).connect()
                try:
                    body = json.dumps(
                        {"poll": data["poll"], "choice": sent[i], "key": keys[i]}
                    ).encode()
                    status, _h, raw = await c.request(
                        "POST",
                        "/chamber/cast",
                        body,
                        headers={
                            "X-Voter-Token": data["tokens"][i],
                            "Content-Type": "application/json",
                        },
                    )
                    if status == 200:
                        acked[i] = json.loads(raw)["receipt"]
                        failed.discard(i)
                finally:
                    c.close()

            await gather_limited([again(i) for i in retry], 100)
            result["acked_before_kill_all_present"] = True  # checked below against the box
            result["acked_before_kill"] = len(before_retry)
            # Screens on the killed process are gone: reconnect them to the restarted one.
            if screen_server is cast_server:
                for s in screens:
                    s.close()
                screens = [Screen(screen_server.port, path) for _ in range(min(args.voters, 200))]
                for s in screens:
                    s.start()
                await asyncio.wait_for(asyncio.gather(*[s.connected.wait() for s in screens]), 60)
                for d in devices:
                    d.close()
                devices = [
                    Device(screen_server.port, path, data["meeting"], d) for d in data["devices"]
                ]
                for d in devices:
                    d.start()

        latencies.sort()
        result["acked"] = len(acked)
        result["refused"] = refused
        result["failed"] = len(failed)
        result["acked_per_s"] = round(len(acked) / elapsed, 1) if elapsed > 0 else None
        result["p50_ms"] = round(latencies[len(latencies) // 2] * 1000, 1) if latencies else None
        result["p99_ms"] = (
            round(latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000, 1)
            if latencies
            else None
        )
        result["max_ms"] = round(latencies[-1] * 1000, 1) if latencies else None
        if "trivial_per_s" in result and result["acked_per_s"]:
            result["ratio"] = round(result["acked_per_s"] / result["trivial_per_s"], 3)
            result["ratio_django"] = round(result["acked_per_s"] / result["django_per_s"], 2)
        # The trailing "received" figure is published at most every PUBLISH_INTERVAL:
        # wait (bounded) until every screen has it, rather than a fixed pause.
        deadline = time.perf_counter() + 5.0
        while time.perf_counter() < deadline and min(s.max_received for s in screens) < len(acked):
            await asyncio.sleep(0.05)
        result["screens_saw_received"] = min(s.max_received for s in screens)

        t_close = time.perf_counter()
        assert await console_action(cast_server.port, data["session"], data["poll"], "close") == 302
        await asyncio.wait_for(asyncio.gather(*[s.sealed.wait() for s in screens]), 60)
        result["close_to_screens_ms"] = round(
            (max(s.sealed_at for s in screens) - t_close) * 1000, 1
        )
        result["screens"] = len(screens)
        result["leaks_before_seal"] = sum(s.leaks for s in screens)
        for s in screens:
            s.close()
        for d in devices:
            d.close()
        result["_acked"] = acked
    finally:
        for server in servers:
            server.stop()
    return result


def check_box(data: dict, acked: dict[int, str]) -> dict:
    """Lost and duplicated ballots, and the verifier's verdict on the sealed export."""
    from renda.voting.models import Ballot, Poll, RollEntry
    from renda.voting.selectors import poll_export
    from renda_verify import VerificationError, verify

    poll = Poll.objects.get(pk=data["poll"])
    hashes = list(Ballot.objects.filter(poll=poll).values_list("hash", flat=True))
    box = set(hashes)
    receipts = list(acked.values())
    voted = RollEntry.objects.filter(poll=poll, has_voted=True).count()
    out = {
        "status": poll.status,
        "ballots": len(hashes),
        "lost": sum(1 for r in receipts if r not in box),
        "duplicated": (len(hashes) - len(box))
        + (len(receipts) - len(set(receipts)))
        + max(0, len(hashes) - voted)
        + max(0, len(hashes) - len(set(receipts))),
        "tally": {
            k: poll.seal.tally.get(k) for k in ("yes", "no", "abstain", "not_voted", "result")
        }
        if poll.status == "sealed"
        else None,
    }
    try:
        export = json.loads(json.dumps(poll_export(poll), default=str))
        started = time.perf_counter()
        verify(export)
        out["verify_s"] = round(time.perf_counter() - started, 2)
        out["verified"] = True
    except VerificationError as exc:
        out["verified"] = False
        out["verify_error"] = str(exc)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--voters", type=int, default=3000)
    parser.add_argument("--window", type=float, default=2.0)
    parser.add_argument(
        "--screens", type=int, default=0, help="SSE screens (default: one per voter)"
    )
    parser.add_argument("--processes", type=int, default=1, choices=[1, 2])
    parser.add_argument(
        "--kill-at", type=float, default=0.0, help="SIGKILL the server at this share of acks"
    )
    parser.add_argument(
        "--skip-ceiling", action="store_true", help="skip the trivial-route measurements"
    )
    parser.add_argument("--ceiling-requests", type=int, default=20000)
    parser.add_argument(
        "--encrypted",
        action="store_true",
        help="ballots encrypted by the terminals, decrypted by three scrutineer devices",
    )
    args = parser.parse_args(argv)
    if args.processes > 1 and not os.environ.get("REDIS_URL"):
        parser.error("--processes 2 needs REDIS_URL (the processes share events through Redis)")

    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, 4 * args.voters + 1000)), hard))

    tmp = tempfile.mkdtemp(prefix="renda-bench-")
    env, drop = make_env(tmp)
    try:
        setup_django(env)
        started = time.perf_counter()
        data = create_data(args.voters, encrypted=args.encrypted)
        setup_s = time.perf_counter() - started
        result = asyncio.run(burst(args, env, data))
        acked = result.pop("_acked")
        from django.db import connections

        connections.close_all()
        result.update(check_box(data, acked))
        result["setup_s"] = round(setup_s, 1)
        result["cpus"] = os.cpu_count()
        connections.close_all()
    finally:
        try:
            drop_database(drop)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
