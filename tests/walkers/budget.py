"""Route and API walker expectations for budget review and monitoring (S7, §4).

The office, the leaders and the members read the figures and the tables; the office's
budget staff import and keep the tables. The walker's import failed its check (the tables
are empty), so it can be read and discarded.
"""

from __future__ import annotations

import io

from tests.walkers import EVERYONE, OFFICE_STAFF, STAFF_SIDE

READERS = STAFF_SIDE | {"member"}

ROUTES: dict = {
    "budget:index": ("GET", READERS, None),
    "budget:imports": ("GET", READERS, None),
    "budget:import_check": ("POST", OFFICE_STAFF, None),
    "budget:import_detail": ("GET", READERS, "budget_import"),
    "budget:import_progress": ("GET", OFFICE_STAFF, "budget_import"),
    "budget:import_act": ("POST", OFFICE_STAFF, "budget_import_act"),
    "budget:classifications": ("GET", READERS, None),
    "budget:classification_import": ("POST", OFFICE_STAFF, None),
    "budget:departments": ("GET", READERS, None),
    "budget:department_create": ("POST", OFFICE_STAFF, None),
    "budget:department_edit": ("GET", OFFICE_STAFF, "budget_department"),
    "budget:mappings": ("GET", READERS, None),
    "budget:mapping_create": ("GET", OFFICE_STAFF, None),
    "budget:mapping_edit": ("GET", OFFICE_STAFF, "budget_mapping"),
    "budget:monitor": ("GET", READERS, None),
    "budget:monitor_department": ("GET", READERS, "budget_department"),
    "budget:monitor_class": ("GET", READERS, "budget_class"),
    "budget:deviations": ("GET", READERS, None),
    "budget:adjustments": ("GET", READERS, None),
    "budget:calendar": ("GET", READERS, None),
    "budget:milestone_plan": ("POST", OFFICE_STAFF, None),
    "budget:milestone_detail": ("GET", READERS, "budget_milestone"),
    "budget:milestone_act": ("POST", OFFICE_STAFF, "budget_milestone_act"),
    "budget:publications": ("GET", READERS, None),
    "budget:publication_record": ("POST", OFFICE_STAFF, None),
    "budget:publication_publish": ("POST", OFFICE_STAFF, "budget_publication"),
    "budget:inquiries": ("GET", READERS, None),
    "budget:inquiry_new": ("GET", OFFICE_STAFF, None),
    "budget:findings": ("GET", READERS, None),
    "budget:finding_record": ("POST", OFFICE_STAFF, None),
    "budget:finding_act": ("POST", OFFICE_STAFF, "budget_finding_act"),
    "budget:debt": ("GET", READERS, None),
    "budget:debt_record": ("POST", OFFICE_STAFF, None),
    "portal:budget": ("GET", EVERYONE, None),
}
OPERATIONS: dict = {
    "budget_imports_list": READERS,
    "budget_import_detail": READERS,
    "budget_import_check": OFFICE_STAFF,
    "budget_import_commit": OFFICE_STAFF,
    "budget_import_discard": OFFICE_STAFF,
    "budget_classifications_list": READERS,
    "budget_classification_import": OFFICE_STAFF,
    "budget_departments_list": READERS,
    "budget_department_create": OFFICE_STAFF,
    "budget_department_update": OFFICE_STAFF,
    "budget_mappings_list": READERS,
    "budget_mapping_save": OFFICE_STAFF,
    "budget_monitoring": READERS,
    "budget_monitoring_department": READERS,
    "budget_monitoring_deviations": READERS,
    "budget_monitoring_adjustments": READERS,
    "budget_milestones_list": READERS,
    "budget_milestone_plan": OFFICE_STAFF,
    "budget_milestone_schedule": OFFICE_STAFF,
    "budget_milestone_submit": OFFICE_STAFF,
    "budget_milestone_hear": OFFICE_STAFF,
    "budget_milestone_link_report": OFFICE_STAFF,
    "budget_publications_list": READERS,
    "budget_publication_record": OFFICE_STAFF,
    "budget_publication_publish": OFFICE_STAFF,
    "budget_inquiries_list": READERS,
    "budget_inquiry_raise": OFFICE_STAFF,
    "budget_findings_list": READERS,
    "budget_finding_record": OFFICE_STAFF,
    "budget_finding_report": OFFICE_STAFF,
    "budget_finding_assess": OFFICE_STAFF,
    "budget_debt": READERS,
    "budget_debt_record": OFFICE_STAFF,
    "budget_public": EVERYONE,
}
#: departments: create, update; mappings: save; imports: commit, discard (an empty body);
#: milestones: plan, schedule, submit, hear, link a report; publications: record, publish; inquiries: raise;
#: audit findings: record, report, assess; debt: record.
REQUEST_BODIES = 17
#: Everything but ``/api/v1/budget/public`` (the published documents and figures, for anyone).
PRIVATE_READS: tuple[str, ...] = tuple(
    f"/api/v1/budget/{area}"
    for area in (
        "classifications",
        "debt",
        "departments",
        "findings",
        "imports",
        "inquiries",
        "mappings",
        "milestones",
        "monitoring",
        "publications",
    )  # fmt: skip
)


def _parts(users):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    from renda.budget import services

    staff = users["staff"]
    mapping = services.mapping_save(actor=staff, name="标准格式", department_code="部门编码", functional_code="功能分类科目编码", amount="金额")  # fmt: skip
    department = services.department_create(actor=staff, code="101", name="市人大常委会办公室")
    book = Workbook()
    book.active.append(["部门编码", "功能分类科目编码", "金额"])
    book.active.append(["101", "2010101", 1])
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("figures.xlsx", buffer.getvalue())
    imp = services.import_check(actor=staff, dataset="budget", year=2026, mapping=mapping, workbook=upload)  # fmt: skip
    return imp, department, mapping


def _class(users) -> str:
    from renda.budget.models import Classification

    top = Classification.objects.create(
        kind="functional", code="201", name="一般公共服务支出", level=1
    )
    return top.code


def _calendar(users) -> dict:
    import datetime as dt

    from renda.budget import services
    from renda.budget.models import Department, Milestone, Publication

    staff = users["staff"]
    year = 2030 + Milestone.objects.count()
    m = services.milestone_plan(actor=staff, year=year, kind="mid_year")
    p = Publication.objects.filter(published_on__isnull=True).first() or services.publication_record(actor=staff, year=2026, kind="budget", approved_on=dt.date(2026, 1, 20))  # fmt: skip
    dept = Department.objects.first()
    finding = services.finding_record(actor=staff, year=year, title="问题", department=dept, due_on=dt.date(2026, 12, 31))  # fmt: skip
    return {
        "budget_milestone": {"pk": m.pk}, "budget_milestone_act": {"pk": m.pk, "verb": "hear"},
        "budget_publication": {"pk": p.pk}, "budget_finding": {"pk": finding.pk},
        "budget_finding_act": {"pk": finding.pk, "verb": "report"},
    }  # fmt: skip


def objects(users, term) -> dict:
    imp, department, mapping = _parts(users)
    return {
        "budget_import": {"pk": imp.pk},
        "budget_import_act": {"pk": imp.pk, "verb": "discard"},
        "budget_department": {"pk": department.pk},
        "budget_mapping": {"pk": mapping.pk},
        "budget_class": {"code": _class(users)},
        **_calendar(users),
    }


def ids(users, term) -> dict:
    imp, department, mapping = _parts(users)
    cal = _calendar(users)
    return {"import_id": imp.pk, "department_id": department.pk, "milestone_id": cal["budget_milestone"]["pk"], "publication_id": cal["budget_publication"]["pk"], "finding_id": cal["budget_finding"]["pk"]}  # fmt: skip
