"""Settings for the test suite: SQLite by default, ``DATABASE_URL`` when set."""

import os
import secrets
import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-key-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if not os.environ.get("DATABASE_URL"):
    # A file, not :memory:, so the live server's threads each get their own connection
    # and the test database runs in WAL mode like production. A random part besides the
    # process id: a reused id must never meet the -wal file an earlier run left behind.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.environ.get(
            "SQLITE_TEST_PATH",
            os.path.join(
                tempfile.gettempdir(),
                f"renda-test-{os.getpid()}-{secrets.token_hex(4)}.sqlite3",
            ),
        )
    }
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PUBLIC_FORM_RATE_PER_MINUTE = 1000
ALLOWED_HOSTS = ["*"]

INSTALLED_APPS = [*INSTALLED_APPS, "renda.devtools"]  # noqa: F405

# Audit anchors in tests go to a per-process temporary folder, never to var/.
_ANCHOR_DIR = os.path.join(tempfile.gettempdir(), f"renda-test-anchor-{os.getpid()}")
AUDIT_ANCHOR_KEY_FILE = os.path.join(_ANCHOR_DIR, "anchor-key.pem")
AUDIT_ANCHOR_FILE = os.path.join(_ANCHOR_DIR, "anchors.jsonl")
VOTER_MESSAGES_PER_HOUR = 1000
