"""A busy database gives a clear 503 with Retry-After, never a 500; writes are durable."""

import json
import sqlite3

import pytest
from django.db import connection
from django.test import RequestFactory

from renda.core.middleware import DatabaseBusyMiddleware

pytestmark = pytest.mark.django_db(transaction=True)

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite locking")


def _write(request):
    from django.contrib.auth.models import Group
    from django.http import HttpResponse

    Group.objects.create(name="busy-probe")
    return HttpResponse("ok")


def _through_middleware(request):
    middleware = DatabaseBusyMiddleware(_write)
    try:
        return middleware(request)
    except Exception as exc:  # what Django's handler does with process_exception
        response = middleware.process_exception(request, exc)
        if response is None:
            raise
        return response


@pytest.fixture
def locked_db():
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout=100")
    other = sqlite3.connect(connection.settings_dict["NAME"], timeout=0.1)
    other.execute("BEGIN IMMEDIATE")
    other.execute("CREATE TABLE IF NOT EXISTS busy_lock_probe (x INTEGER)")
    yield
    other.rollback()
    other.close()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout=20000")


@sqlite_only
def test_page_gets_chinese_503_with_retry_after(locked_db):
    response = _through_middleware(RequestFactory().post("/casework/new/"))
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    body = response.content.decode()
    assert "系统繁忙" in body
    assert "database_busy" in body


@sqlite_only
def test_api_gets_json_database_busy(locked_db):
    response = _through_middleware(RequestFactory().post("/api/v1/anything"))
    assert response.status_code == 503
    assert response["Retry-After"]
    data = json.loads(response.content)
    assert data["code"] == "database_busy"
    assert data["message"].startswith("系统繁忙")
    assert data["message_en"]


@sqlite_only
def test_without_lock_the_write_goes_through():
    response = _through_middleware(RequestFactory().post("/casework/new/"))
    assert response.status_code == 200


@sqlite_only
def test_sqlite_synchronous_is_full():
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        assert cursor.fetchone()[0] == 2  # FULL


def test_the_sync_level_is_a_checked_setting(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from config.settings.base import database_from_env

    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("SQLITE_SYNCHRONOUS", raising=False)
    assert "PRAGMA synchronous=FULL;" in database_from_env()["OPTIONS"]["init_command"]
    monkeypatch.setenv("SQLITE_SYNCHRONOUS", "normal")
    assert "PRAGMA synchronous=NORMAL;" in database_from_env()["OPTIONS"]["init_command"]
    monkeypatch.setenv("SQLITE_SYNCHRONOUS", "OFF")  # never: a crash could corrupt the file
    with pytest.raises(ImproperlyConfigured):
        database_from_env()
