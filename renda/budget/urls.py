from django.urls import path

from . import views as v
from . import views_audit as a
from . import views_calendar as c
from . import views_debt as d
from . import views_monitor as m

app_name = "budget"

urlpatterns = [
    path("", v.index, name="index"),
    path("monitor/", m.monitor, name="monitor"),
    path("monitor/departments/<int:pk>/", m.monitor_department, name="monitor_department"),
    path("monitor/classes/<str:code>/", m.monitor_class, name="monitor_class"),
    path("monitor/deviations/", m.deviations, name="deviations"),
    path("monitor/adjustments/", m.adjustments, name="adjustments"),
    path("inquiries/", m.inquiries, name="inquiries"),
    path("inquiries/new/", m.inquiry_new, name="inquiry_new"),
    path("calendar/", c.calendar_page, name="calendar"),
    path("calendar/plan/", c.milestone_plan, name="milestone_plan"),
    path("calendar/<int:pk>/", c.milestone_detail, name="milestone_detail"),
    path("calendar/<int:pk>/<str:verb>/", c.milestone_act, name="milestone_act"),
    path("findings/", a.findings, name="findings"),
    path("findings/record/", a.finding_record, name="finding_record"),
    path("findings/<int:pk>/<str:verb>/", a.finding_act, name="finding_act"),
    path("debt/", d.debt, name="debt"),
    path("debt/record/", d.debt_record, name="debt_record"),
    path("publications/", c.publications, name="publications"),
    path("publications/record/", c.publication_record, name="publication_record"),
    path("publications/<int:pk>/publish/", c.publication_publish, name="publication_publish"),
    path("imports/", v.import_list, name="imports"),
    path("imports/check/", v.import_check, name="import_check"),
    path("imports/<int:pk>/", v.import_detail, name="import_detail"),
    path("imports/<int:pk>/progress/", v.import_progress, name="import_progress"),
    path("imports/<int:pk>/<str:verb>/", v.import_act, name="import_act"),
    path("classifications/", v.classification_list, name="classifications"),
    path("classifications/import/", v.classification_import, name="classification_import"),
    path("departments/", v.department_list, name="departments"),
    path("departments/new/", v.department_create, name="department_create"),
    path("departments/<int:pk>/", v.department_edit, name="department_edit"),
    path("mappings/", v.mapping_list, name="mappings"),
    path("mappings/new/", v.mapping_edit, name="mapping_create"),
    path("mappings/<int:pk>/", v.mapping_edit, name="mapping_edit"),
]
