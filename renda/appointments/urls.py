from django.urls import path

from .views import appointments as ap
from .views import elections as el
from .views import exams as ex
from .views import oaths as oa

app_name = "appointments"

urlpatterns = [
    path("", ap.appointment_list, name="appointments"),
    path("new/", ap.appointment_create, name="appointment_create"),
    path("relief/new/", ap.relief_create, name="relief_create"),
    path("candidates/", ap.candidate_list, name="candidates"),
    path("<int:pk>/", ap.appointment_detail, name="appointment_detail"),
    path("<int:pk>/certificate.docx", ap.certificate_docx, name="certificate"),
    path("<int:pk>/certificate.pdf", ap.certificate_pdf, name="certificate_pdf"),
    path("<int:pk>/<str:verb>/", ap.appointment_act, name="appointment_act"),
    path("elections/", el.election_list, name="elections"),
    path("elections/new/", el.election_create, name="election_create"),
    path("elections/<int:pk>/", el.election_detail, name="election_detail"),
    path("elections/<int:pk>/<str:verb>/", el.election_act, name="election_act"),
    path("oaths/", oa.ceremony_list, name="ceremonies"),
    path("oaths/new/", oa.ceremony_create, name="ceremony_create"),
    path("oaths/<int:pk>/", oa.ceremony_detail, name="ceremony_detail"),
    path("oaths/<int:pk>/<str:verb>/", oa.ceremony_act, name="ceremony_act"),
    path("exams/", ex.exam_list, name="exams"),
    path("exams/new/", ex.exam_create, name="exam_create"),
    path("exams/passes/", ex.pass_list, name="passes"),
    path("exams/<int:pk>/", ex.exam_detail, name="exam_detail"),
    path("exams/<int:pk>/<str:verb>/", ex.exam_act, name="exam_act"),
]
