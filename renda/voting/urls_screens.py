"""The chamber screens, mounted under ``/chamber/`` (the cast route and streams are lean ASGI)."""

from django.urls import path

from . import screens

app_name = "voting_screens"

urlpatterns = [
    path("meetings/<int:meeting_id>/screen/", screens.big_screen, name="big_screen"),
    path("meetings/<int:meeting_id>/terminal/", screens.terminal, name="terminal"),
    path("polls/<int:poll_id>/console/", screens.console, name="console"),
    path("polls/<int:poll_id>/action/", screens.poll_action, name="action"),
]
