"""Back-office pages of filings, under /office/filings/."""

from django.urls import path

from . import views

app_name = "filings"

urlpatterns = [
    path("", views.filing_list, name="list"),
    path("export.xlsx", views.filing_export, name="export"),
    path("mine/", views.my_filings, name="mine"),
    path("new/", views.filing_create, name="create"),
    path("late/", views.late_list, name="late"),
    path("intake/", views.intake, name="intake"),
    path("<int:pk>/", views.filing_detail, name="detail"),
    path("<int:pk>/register/", views.filing_register, name="register"),
    path("<int:pk>/return/", views.filing_return, name="return"),
    path("<int:pk>/transfer/", views.filing_transfer, name="transfer"),
    path("<int:pk>/correct/", views.filing_correct, name="correct"),
    path("<int:pk>/receipts/<int:receipt_id>.docx", views.receipt_docx, name="receipt"),
    path("reviews/", views.review_list, name="reviews"),
    path("reviews/new/", views.review_create, name="review_create"),
    path("reviews/<int:pk>/", views.review_detail, name="review"),
    path("reviews/<int:pk>/act/<slug:action>/", views.review_action, name="review_action"),
    path("items/<int:pk>/checklist/", views.checklist_save, name="checklist"),
    path("items/<int:pk>/outcome/", views.outcome_record, name="outcome"),
    path("items/<int:pk>/revocation/", views.revocation_record, name="revocation_record"),
    path("items/<int:pk>/amend-report/", views.amend_report_record, name="amend_report_record"),
    path("amend-reports/", views.amend_report_list, name="amend_reports"),
    path("suggestions/", views.suggestion_list, name="suggestions"),
    path("suggestions/<int:pk>/", views.suggestion_detail, name="suggestion"),
    path(
        "suggestions/<int:pk>/act/<slug:action>/", views.suggestion_action, name="suggestion_action"
    ),
    path("annual/", views.annual, name="annual"),
    path("annual/reminders/", views.reminders_send, name="reminders_send"),
    path("annual/reminders/<int:pk>.docx", views.reminder_docx, name="reminder"),
    path("annual/reports/", views.report_prepare, name="report_prepare"),
    path("annual/reports/<int:pk>/publish/", views.report_publish, name="report_publish"),
    path("annual/reports/<int:pk>.docx", views.report_docx, name="report"),
]
