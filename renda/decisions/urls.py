"""Back-office pages of decisions, under /office/decisions/."""

from django.urls import path

from . import views

app_name = "decisions"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("lists/", views.list_index, name="lists"),
    path("lists/new/", views.list_create, name="list_create"),
    path("lists/<int:pk>/", views.list_detail, name="list_detail"),
    path("lists/<int:pk>/items/add/", views.item_add, name="item_add"),
    path("lists/<int:pk>/items/<int:item_id>/edit/", views.item_edit, name="item_edit"),
    path("lists/<int:pk>/items/<int:item_id>/remove/", views.item_remove, name="item_remove"),
    path("lists/<int:pk>/submit/", views.list_submit, name="list_submit"),
    path("lists/<int:pk>/comment/", views.list_comment, name="list_comment"),
    path("lists/<int:pk>/respond/", views.comment_respond, name="comment_respond"),
    path("lists/<int:pk>/close-comments/", views.list_close_comments, name="list_close_comments"),
    path("lists/<int:pk>/return/", views.list_return, name="list_return"),
    path("lists/<int:pk>/consent/", views.list_consent, name="list_consent"),
    path("lists/<int:pk>/adopt/", views.list_adopt, name="list_adopt"),
    path("lists/<int:pk>/publish/", views.list_publish, name="list_publish"),
    path("lists/<int:pk>/change/", views.list_change, name="list_change"),
    path("lists/<int:pk>/export.xlsx", views.list_xlsx, name="list_xlsx"),
    path("lists/<int:pk>/list.docx", views.list_docx, name="list_docx"),
    path("matters/", views.matter_index, name="matters"),
    path("matters/export.xlsx", views.matter_xlsx, name="matters_xlsx"),
    path("matters/<int:pk>/", views.matter_detail, name="matter_detail"),
    path("matters/<int:pk>/materials/", views.material_add, name="material_add"),
    path("matters/<int:pk>/schedule/", views.matter_schedule, name="matter_schedule"),
    path("matters/<int:pk>/decision/", views.decision_propose, name="decision_propose"),
    path("matters/<int:pk>/conclude/", views.matter_conclude, name="matter_conclude"),
    path("matters/<int:pk>/opinions/", views.opinions_send, name="opinions_send"),
    path("decisions/<int:pk>/record/", views.decision_record, name="decision_record"),
    path("decisions/<int:pk>/publish/", views.decision_publish, name="decision_publish"),
    path("revocations/new/", views.revocation_create, name="revocation_create"),
]
