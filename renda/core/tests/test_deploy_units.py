"""The documented systemd units start what they name: deploy files and code cannot drift.

Every ``ExecStart=`` of deploy/systemd is run here against a copy of the test database (paths
under /srv/renda mapped to this checkout): the web server must answer ``/``, the worker must stay
up, and a ``renda <command>`` must be a real management command that runs.
"""

from __future__ import annotations

import configparser
import os
import shlex
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import get_commands
from django.db import connection

BASE = Path(settings.BASE_DIR)
UNITS = BASE / "deploy" / "systemd"
SERVICES = sorted(UNITS.glob("*.service"))
TIMERS = sorted(UNITS.glob("*.timer"))

#: Extra arguments so a long-running or scheduled command only shows it starts.
PROBE_ARGS = {"run_periodic": ["--dry-run"]}


def read_unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str
    text = path.read_text(encoding="utf-8").replace("\\\n", " ")
    parser.read_string(text)
    return parser


def exec_start(path: Path, port: int) -> list[str]:
    line = read_unit(path)["Service"]["ExecStart"].replace("%i", str(port))
    argv = shlex.split(line)
    argv[0] = argv[0].replace("/srv/renda/", f"{BASE}/")
    if "--port" in argv:  # a fixed port (8001) may be taken here: serve on a free one
        argv[argv.index("--port") + 1] = str(port)
    return argv


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def own_copy(state_dir: Path) -> str:
    """A copy of the migrated test database for the unit's process alone: a service that is
    stopped mid-work must never touch the file the rest of the suite keeps using."""
    import sqlite3

    target = state_dir / "unit.sqlite3"
    source = sqlite3.connect(connection.settings_dict["NAME"])
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()
    return str(target)


def unit_env(state_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        SECRET_KEY="unit-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        SQLITE_PATH=own_copy(state_dir),
        SECURE_SSL_REDIRECT="false",
        ALLOWED_HOSTS="127.0.0.1",
        PERIODIC_STATE_DIR=str(state_dir),
    )
    env.pop("DATABASE_URL", None)
    return env


def test_units_are_there():
    names = {p.name for p in SERVICES}
    assert {"renda-web.service", "renda-worker.service", "renda-periodic.service"} <= names
    assert any(p.name == "renda-periodic.timer" for p in TIMERS)


@pytest.mark.parametrize("timer", TIMERS, ids=lambda p: p.name)
def test_each_timer_starts_an_existing_service(timer):
    section = read_unit(timer)["Timer"]
    assert section.get("OnCalendar") or section.get("OnUnitActiveSec")
    target = section.get("Unit", timer.stem + ".service")
    assert (UNITS / target).exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "sqlite", reason="runs the units on the test SQLite file")
@pytest.mark.parametrize("unit", SERVICES, ids=lambda p: p.name)
def test_each_service_command_starts(unit, tmp_path):
    port = free_port()
    argv = exec_start(unit, port)
    program = Path(argv[0])
    assert program.exists(), f"{unit.name}: {program} does not exist"
    if program.name == "renda":
        command = argv[1]
        assert command in get_commands(), f"{unit.name}: no management command {command!r}"
        argv = [*argv, *PROBE_ARGS.get(command, [])]
    process = subprocess.Popen(
        argv, cwd=BASE, env=unit_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        if program.name == "uvicorn":
            _assert_answers(process, port)
        elif argv[1] in PROBE_ARGS:
            out, _ = process.communicate(timeout=120)
            assert process.returncode == 0, out.decode()
        else:  # a long-running worker: it must still be up after a few seconds
            time.sleep(6)
            assert process.poll() is None, process.stdout.read().decode()
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=30)


def _assert_answers(process, port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stdout.read().decode()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
                assert response.status == 200
                assert "<html" in response.read().decode().lower()
                return
        except urllib.error.HTTPError as exc:  # a status, not a crash
            assert exc.code < 500, exc.read().decode()[:500]
            return
        except (ConnectionError, urllib.error.URLError):
            time.sleep(0.5)
    pytest.fail(f"the web server did not answer on port {port}")
