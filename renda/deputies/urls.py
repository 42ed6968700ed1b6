from django.urls import path

from .views import byelections as be
from .views import home as hm
from .views import liaison as li
from .views import messages as ms
from .views import qualification as q
from .views import recalls as rc
from .views import records as r
from .views import reports as rp
from .views import resignations as rs
from .views import training as t

app_name = "deputies"

urlpatterns = [
    path("qualification/", q.matter_list, name="matters"),
    path("qualification/new/", q.matter_create, name="matter_create"),
    path("qualification/<int:pk>/", q.matter_detail, name="matter_detail"),
    path(
        "qualification/<int:pk>/<str:verb>/",
        q.matter_act,
        name="matter_act",
    ),
    path("resignations/", rs.resignation_list, name="resignations"),
    path("resignations/new/", rs.resignation_create, name="resignation_create"),
    path("resignations/<int:pk>/", rs.resignation_detail, name="resignation_detail"),
    path("resignations/<int:pk>/<str:verb>/", rs.resignation_act, name="resignation_act"),
    path("vacancies/", rs.vacancies, name="vacancies"),
    path("by-elections/", be.byelection_list, name="byelections"),
    path("by-elections/new/", be.byelection_create, name="byelection_create"),
    path("by-elections/<int:pk>/", be.byelection_detail, name="byelection_detail"),
    path("by-elections/<int:pk>/<str:verb>/", be.byelection_act, name="byelection_act"),
    path("recalls/", rc.recall_list, name="recalls"),
    path("recalls/new/", rc.recall_create, name="recall_create"),
    path("recalls/<int:pk>/", rc.recall_detail, name="recall_detail"),
    path("recalls/<int:pk>/<str:verb>/", rc.recall_act, name="recall_act"),
    path("suspensions/", q.suspension_list, name="suspensions"),
    path("suspensions/new/", q.suspension_create, name="suspension_create"),
    path("suspensions/<int:pk>/", q.suspension_detail, name="suspension_detail"),
    path("suspensions/<int:pk>/end/", q.suspension_set_end, name="suspension_set_end"),
    path("me/", hm.home, name="home"),
    path("my-record/", r.my_record, name="my_record"),
    path("records/", r.records, name="records"),
    path("records/export.xlsx", r.records_xlsx, name="records_xlsx"),
    path("records/<int:pk>/", r.record, name="record"),
    path("records/<int:pk>/record.docx", r.record_docx, name="record_docx"),
    path("records/<int:pk>/activities/", r.activity_add, name="activity_add"),
    path("activities/", r.activities, name="activities"),
    path("activities/<int:pk>/<str:verb>/", r.activity_review, name="activity_review"),
    path("training/", t.course_list, name="courses"),
    path("training/new/", t.course_create, name="course_create"),
    path("training/coverage/", t.coverage, name="training_coverage"),
    path("training/coverage.xlsx", t.coverage_xlsx, name="training_coverage_xlsx"),
    path("training/<int:pk>/", t.course_detail, name="course_detail"),
    path("training/<int:pk>/join/", t.join, name="course_join"),
    path("training/<int:pk>/sign-in/", t.sign_in, name="course_sign_in"),
    path("training/<int:pk>/<str:verb>/", t.course_act, name="course_act"),
    path("training/enrolments/<int:pk>/withdraw/", t.enrolment_withdraw, name="enrolment_withdraw"),
    path("my-training/", t.my_training, name="my_training"),
    path("stations/", li.station_list, name="stations"),
    path("stations/new/", li.station_create, name="station_create"),
    path("stations/<int:pk>/", li.station_detail, name="station_detail"),
    path("stations/<int:pk>/<str:verb>/", li.station_act, name="station_act"),
    path("receptions/<int:pk>/", li.reception_detail, name="reception_detail"),
    path("receptions/<int:pk>/<str:verb>/", li.reception_act, name="reception_act"),
    path("contacts/", li.contacts, name="contacts"),
    path("contacts/export.xlsx", li.contacts_xlsx, name="contacts_xlsx"),
    path("contacts/new/", li.contact_create, name="contact_create"),
    path("contacts/<int:pk>/strike/", li.contact_strike, name="contact_strike"),
    path("my-contacts/", li.my_contacts, name="my_contacts"),
    path("my-contacts/new/", li.my_contact_record, name="my_contact_record"),
    path("messages/", ms.inbox, name="messages"),
    path("messages/<int:pk>/", ms.message_detail, name="message_detail"),
    path("messages/<int:pk>/<str:verb>/", ms.message_act, name="message_act"),
    path("plans/", rp.plan_list, name="plans"),
    path("plans/new/", rp.plan_create, name="plan_create"),
    path("plans/<int:pk>/", rp.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/<str:verb>/", rp.plan_act, name="plan_act"),
    path("voter-reports/", rp.report_list, name="reports"),
    path("voter-reports/new/", rp.report_create, name="report_create"),
    path("voter-reports/coverage/", rp.report_coverage, name="report_coverage"),
    path("voter-reports/coverage.xlsx", rp.report_coverage_xlsx, name="report_coverage_xlsx"),
    path("voter-reports/<int:pk>/", rp.report_detail, name="report_detail"),
    path("voter-reports/<int:pk>/<str:verb>/", rp.report_act, name="report_act"),
]
