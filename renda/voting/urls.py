from django.urls import path

from . import scrutiny_pages, views

app_name = "voting"

urlpatterns = [
    path("meetings/<int:meeting_id>/", views.meeting_polls, name="meeting_polls"),
    path(
        "meetings/<int:meeting_id>/scrutineers/",
        scrutiny_pages.scrutineers,
        name="scrutineers",
    ),
    path("items/<int:item_id>/new/", views.poll_create, name="poll_create"),
    path("polls/<int:poll_id>/", views.poll_detail, name="poll_detail"),
    path("polls/<int:poll_id>/manual/", views.manual_count, name="manual_count"),
]
