"""``make run``: the demo on one machine, as deployed (DEBUG off, static files by WhiteNoise).

A wrong link shows the site's own Chinese 404 page, never Django's debug page; static files
come from ``collectstatic`` (``var/static``) through WhiteNoise. Only localhost is served.
"""

import os

from .base import *  # noqa: F403
from .base import env_list

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "demo-insecure-key-only-for-make-run-0123456789abcdef")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "INFO")  # noqa: F405

# seed_demo and demo_accounts live in devtools.
INSTALLED_APPS = [*INSTALLED_APPS, "renda.devtools"]  # noqa: F405
