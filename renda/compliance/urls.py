from django.urls import path

from . import views

app_name = "compliance"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("rules/<str:code>/", views.rule_detail, name="rule"),
    path("rules/<str:code>/publish/", views.rule_publish, name="rule_publish"),
    path("report.docx", views.report_docx, name="report"),
    path("party/", views.party, name="party"),
    path("party/record/", views.party_record, name="party_record"),
]
