"""``make run`` serves the demo as deployed: DEBUG off, the site's own Chinese error pages."""

from __future__ import annotations

import importlib

import pytest


def test_the_demo_settings_turn_debug_off_and_serve_only_localhost():
    demo = importlib.import_module("config.settings.demo")
    assert demo.DEBUG is False
    assert set(demo.ALLOWED_HOSTS) <= {"localhost", "127.0.0.1"}
    assert "renda.devtools" in demo.INSTALLED_APPS  # seed_demo and demo_accounts
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in demo.MIDDLEWARE


def test_the_makefile_runs_the_demo_settings_and_the_periodic_jobs():
    from pathlib import Path

    from django.conf import settings

    makefile = (Path(settings.BASE_DIR) / "Makefile").read_text(encoding="utf-8")
    run = makefile[makefile.index("\nrun:") : makefile.index("\ntest:")]
    assert "DJANGO_SETTINGS_MODULE = config.settings.demo" in makefile
    assert "collectstatic" in run and "run_periodic" in run


@pytest.mark.django_db
def test_a_wrong_link_is_the_chinese_404_page_without_debug_details(client, settings):
    settings.DEBUG = False
    response = client.get("/office/no-such-page/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "页面不存在" in body and "not_found" in body
    assert "URLconf" not in body and "Traceback" not in body
    media = client.get("/media/anything.docx")
    assert media.status_code == 404
