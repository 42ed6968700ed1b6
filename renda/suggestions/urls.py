from django.urls import path

from . import views, views_edit

app_name = "suggestions"

urlpatterns = [
    path("", views.suggestion_list, name="list"),
    path("new/", views.suggestion_create, name="create"),
    path("statistics/", views.suggestion_statistics, name="statistics"),
    path("statistics/report.docx", views.handling_report, name="handling_report"),
    path("export.xlsx", views.suggestion_export, name="export"),
    path("import/", views.suggestion_import, name="import"),
    path("<int:pk>/replies/<int:reply_id>/letter.docx", views.reply_letter, name="reply_letter"),
    path("<int:pk>/replies/<int:reply_id>/letters.docx", views.reply_letters, name="reply_letters"),
    path("<int:pk>/", views.suggestion_detail, name="detail"),
    path("<int:pk>/submit/", views.suggestion_submit, name="submit"),
    path("<int:pk>/cosigners/invite/", views.cosigner_invite, name="cosigner_invite"),
    path("<int:pk>/cosigners/remove/", views.cosigner_remove, name="cosigner_remove"),
    path("<int:pk>/cosigners/confirm/", views.cosigner_confirm, name="cosigner_confirm"),
    path("<int:pk>/withdraw/", views.suggestion_withdraw, name="withdraw"),
    path("<int:pk>/screen/", views.suggestion_screen, name="screen"),
    path("<int:pk>/assign/", views.suggestion_assign_view, name="assign"),
    path("<int:pk>/edit/", views_edit.suggestion_update, name="update"),
    path("<int:pk>/attachments/new/", views_edit.attachment_add, name="attachment_add"),
    path(
        "<int:pk>/attachments/<int:attachment_id>/",
        views_edit.attachment_download,
        name="attachment",
    ),
    path("<int:pk>/merge/", views_edit.suggestion_merge, name="merge"),
    path("<int:pk>/split/", views_edit.suggestion_split, name="split"),
]
