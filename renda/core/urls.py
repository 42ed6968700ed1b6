from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("audit/", views.audit_list, name="audit_list"),
    path("audit/verify/", views.audit_verify, name="audit_verify"),
    path("audit/effects/retry/", views.effects_retry, name="effects_retry"),
    path("calendar/", views.calendar_page, name="calendar"),
    path("calendar/remove/", views.calendar_remove, name="calendar_remove"),
    path("rules/", views.rules_page, name="rules"),
]
