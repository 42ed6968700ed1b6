"""Back-office pages of supervision, under /office/supervision/."""

from django.urls import path

from . import views

app_name = "supervision"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("summary.docx", views.summary_docx, name="summary_docx"),
    path("plans/", views.plan_list, name="plans"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/export.xlsx", views.plan_export, name="plan_export"),
    path("plans/<int:pk>/act/<slug:action>/", views.plan_act, name="plan_act"),
    path("plans/items/<int:pk>/edit/", views.plan_item_edit, name="plan_item_edit"),
    path("reports/", views.report_list, name="reports"),
    path("reports/new/", views.report_create, name="report_create"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/act/<slug:action>/", views.report_act, name="report_act"),
    path("opinions/", views.opinion_list, name="opinions"),
    path("opinions/export.xlsx", views.opinion_export, name="opinion_export"),
    path("opinions/<int:pk>/", views.opinion_detail, name="opinion_detail"),
    path("opinions/<int:pk>/letter.docx", views.opinion_letter, name="opinion_letter"),
    path("opinions/<int:pk>/act/<slug:action>/", views.opinion_act, name="opinion_act"),
    path("inspections/", views.inspection_list, name="inspections"),
    path("inspections/new/", views.inspection_create, name="inspection_create"),
    path("inspections/<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path("inspections/<int:pk>/act/<slug:action>/", views.inspection_act, name="inspection_act"),
    path("research/", views.research_list, name="research"),
    path("research/new/", views.research_create, name="research_create"),
    path("research/<int:pk>/", views.research_detail, name="research_detail"),
    path("research/<int:pk>/report-file/", views.research_attachment, name="research_attachment"),
    path("research/<int:pk>/act/<slug:action>/", views.research_act, name="research_act"),
    path("inquiries/", views.inquiry_list, name="inquiries"),
    path("inquiries/new/", views.inquiry_create, name="inquiry_create"),
    path("inquiries/<int:pk>/", views.inquiry_detail, name="inquiry_detail"),
    path("inquiries/<int:pk>/act/<slug:action>/", views.inquiry_act, name="inquiry_act"),
    path("inquiry-topics/", views.inquiry_topics, name="inquiry_topics"),
    path("inquiry-topics/new/", views.inquiry_topic_create, name="inquiry_topic_create"),
    path("interpellations/", views.interpellation_list, name="interpellations"),
    path("interpellations/new/", views.interpellation_create, name="interpellation_create"),
    path("interpellations/<int:pk>/", views.interpellation_detail, name="interpellation_detail"),
    path(
        "interpellations/<int:pk>/act/<slug:action>/",
        views.interpellation_act,
        name="interpellation_act",
    ),
    path("judicial/", views.judicial_list, name="judicial"),
    path("judicial/new/", views.judicial_create, name="judicial_create"),
    path("judicial/<int:pk>/act/<slug:action>/", views.judicial_act, name="judicial_act"),
]
