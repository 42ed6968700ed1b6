from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("calendar/", views.meeting_calendar, name="calendar"),
    path("overview/", views.overview, name="overview"),
    path("new/", views.meeting_create, name="create"),
    path("pool/", views.pool, name="pool"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="edit"),
    path("<int:pk>/quorum/", views.quorum_fragment, name="quorum"),
    path("<int:pk>/open/", views.meeting_open, name="open"),
    path("<int:pk>/close/", views.meeting_close, name="close"),
    path("<int:pk>/agenda.pdf", views.agenda_pdf, name="agenda_pdf"),
    path("<int:pk>/attendance.xlsx", views.attendance_xlsx, name="attendance_xlsx"),
    path("<int:pk>/items/new/", views.item_create, name="item_create"),
    path("<int:pk>/documents/new/", views.document_create, name="document_create"),
    path("<int:pk>/sign-in/", views.sign_in, name="sign_in"),
    path("<int:pk>/sign-in/bulk/", views.sign_in_bulk, name="sign_in_bulk"),
    path("<int:pk>/door/", views.door, name="door"),
    path("<int:pk>/door/scan/", views.door_scan, name="door_scan"),
    path("<int:pk>/door/cards/", views.door_cards, name="door_cards"),
    path("<int:pk>/absent/", views.mark_absent, name="mark_absent"),
    path("<int:pk>/invite/", views.invite, name="invite"),
    path("<int:pk>/leave/new/", views.leave_create, name="leave_create"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/move/", views.item_move, name="item_move"),
    path("items/<int:pk>/dispose/", views.item_dispose, name="item_dispose"),
    path("leave/<int:pk>/decide/", views.leave_decide, name="leave_decide"),
]
