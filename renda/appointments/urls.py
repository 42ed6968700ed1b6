from django.urls import path

from .views import exams as ex

app_name = "appointments"

urlpatterns = [
    path("exams/", ex.exam_list, name="exams"),
    path("exams/new/", ex.exam_create, name="exam_create"),
    path("exams/passes/", ex.pass_list, name="passes"),
    path("exams/<int:pk>/", ex.exam_detail, name="exam_detail"),
    path("exams/<int:pk>/<str:verb>/", ex.exam_act, name="exam_act"),
]
