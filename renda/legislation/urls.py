from django.urls import path

from .views import comments as cm
from .views import consultation as co
from .views import plans as pl
from .views import projects as pr

app_name = "legislation"

urlpatterns = [
    path("", pr.project_list, name="projects"),
    path("new/", pr.project_create, name="project_create"),
    path("<int:pk>/", pr.project_detail, name="project_detail"),
    path("<int:pk>/<str:verb>/", pr.project_act, name="project_act"),
    path("versions/<int:pk>/", pr.version_detail, name="version_detail"),
    path("versions/<int:pk>/compare/", pr.version_compare, name="version_compare"),
    path("versions/<int:pk>/draft.docx", pr.version_docx, name="version_docx"),
    path("versions/<int:pk>/draft.pdf", pr.version_pdf, name="version_pdf"),
    path("<int:pk>/comments.xlsx", pr.comments_xlsx, name="comments_xlsx"),
    path("plans/", pl.plan_list, name="plans"),
    path("plans/new/", pl.plan_create, name="plan_create"),
    path("plans/<int:pk>/", pl.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/<str:verb>/", pl.plan_act, name="plan_act"),
    path("comments/", cm.comment_list, name="comments"),
    path("comments/record/", cm.comment_record, name="comment_record"),
    path("comments/<int:pk>/<str:verb>/", cm.comment_act, name="comment_act"),
    path("consultations/<int:pk>/", co.consultation_detail, name="consultation_detail"),
    path("consultations/<int:pk>/<str:verb>/", co.consultation_act, name="consultation_act"),
    path("evaluations/<int:pk>/", co.evaluation_detail, name="evaluation_detail"),
    path("evaluations/<int:pk>/<str:verb>/", co.evaluation_act, name="evaluation_act"),
    path("experts/", co.expert_list, name="experts"),
    path("experts/new/", co.expert_create, name="expert_create"),
    path("experts/<int:pk>/availability/", co.expert_availability, name="expert_availability"),
    path("contact-points/", cm.contact_point_list, name="contact_points"),
    path("contact-points/new/", cm.contact_point_create, name="contact_point_create"),
]
