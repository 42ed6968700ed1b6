from django.urls import path

from . import approval_views, views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("audit/", views.audit_list, name="audit_list"),
    path("audit/verify/", views.audit_verify, name="audit_verify"),
    path("audit/effects/retry/", views.effects_retry, name="effects_retry"),
    path("approvals/", approval_views.approval_list, name="approvals"),
    path("approvals/request/", approval_views.approval_request, name="approval_request"),
    path("approvals/<int:pk>/answer/", approval_views.approval_answer, name="approval_answer"),
    path("calendar/", views.calendar_page, name="calendar"),
    path("calendar/remove/", views.calendar_remove, name="calendar_remove"),
    path("rules/", views.rules_page, name="rules"),
]
