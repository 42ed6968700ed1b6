from django.urls import path

from . import views

app_name = "casework"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("queue/", views.queue, name="queue"),
    path("overdue/", views.overdue_list, name="overdue"),
    path("key/", views.key_list, name="key"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/unread/", views.unread_badge, name="unread"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/act/<slug:action>/", views.case_action, name="action"),
    path("requests/<int:pk>/decide/<slug:which>/", views.request_decide, name="request_decide"),
]
