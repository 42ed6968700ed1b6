"""The chamber screens, mounted under ``/chamber/`` (the cast route and streams are lean ASGI)."""

from django.urls import path

from . import screens, scrutiny_pages

app_name = "voting_screens"

urlpatterns = [
    path("meetings/<int:meeting_id>/screen/", screens.big_screen, name="big_screen"),
    path("meetings/<int:meeting_id>/terminal/", screens.terminal, name="terminal"),
    path("polls/<int:poll_id>/console/", screens.console, name="console"),
    path("meetings/<int:meeting_id>/scrutineer/", scrutiny_pages.device, name="scrutineer"),
    path(
        "meetings/<int:meeting_id>/scrutineer/state/",
        scrutiny_pages.device_state,
        name="scrutineer_state",
    ),
    path(
        "meetings/<int:meeting_id>/scrutineer/enrol/",
        scrutiny_pages.device_enrol,
        name="scrutineer_enrol",
    ),
    path(
        "meetings/<int:meeting_id>/scrutineer/deal/",
        scrutiny_pages.device_deal,
        name="scrutineer_deal",
    ),
    path(
        "meetings/<int:meeting_id>/scrutineer/confirm/",
        scrutiny_pages.device_confirm,
        name="scrutineer_confirm",
    ),
    path(
        "meetings/<int:meeting_id>/scrutineer/decrypt/",
        scrutiny_pages.device_decrypt,
        name="scrutineer_decrypt",
    ),
    path(
        "meetings/<int:meeting_id>/scrutineer/mix/",
        scrutiny_pages.device_mix,
        name="scrutineer_mix",
    ),
    path("polls/<int:poll_id>/action/", screens.poll_action, name="action"),
]
