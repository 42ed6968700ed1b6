"""Route walker expectations for the year's deputy-work plan and reports to voters (述职).

The office pages are the staff side's; the public pages everyone's. The walker's plan is
published (so its public page exists) and its report is arranged for tomorrow.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tests.walkers import EVERYONE, OFFICE_STAFF, STAFF_SIDE

ROUTES: dict = {
    "deputies:plans": ("GET", STAFF_SIDE, None),
    "deputies:plan_create": ("GET", OFFICE_STAFF, None),
    "deputies:plan_detail": ("GET", STAFF_SIDE, "work_plan"),
    "deputies:plan_act": ("POST", OFFICE_STAFF, "work_plan_act"),
    "deputies:reports": ("GET", STAFF_SIDE, None),
    "deputies:report_create": ("GET", OFFICE_STAFF, None),
    "deputies:report_coverage": ("GET", STAFF_SIDE, None),
    "deputies:report_coverage_xlsx": ("GET", STAFF_SIDE, None),
    "deputies:report_detail": ("GET", STAFF_SIDE, "voter_report"),
    "deputies:report_act": ("POST", OFFICE_STAFF, "voter_report_act"),
    # The public site.
    "portal:work_plans": ("GET", EVERYONE, None),
    "portal:work_plan_detail": ("GET", EVERYONE, "work_plan_year"),
    "portal:voter_reports": ("GET", EVERYONE, None),
}
OPERATIONS: dict = {}
REQUEST_BODIES = 0
PRIVATE_READS: tuple[str, ...] = ()


def objects(users, term) -> dict:
    from renda.deputies import services
    from renda.people.models import Deputy

    staff = users["staff"]
    today = timezone.localdate()
    plan = services.plan_create(actor=staff, year=2040, title="巡检年度代表工作计划", body="正文")
    services.plan_adopt(actor=staff, plan=plan, adopted_on=today)
    services.plan_publish(actor=staff, plan=plan)
    own = Deputy.objects.get(person=users["deputy"].person, term=term)
    report = services.report_plan(
        actor=staff,
        deputy=own,
        unit="第一选区",
        held_on=today + dt.timedelta(days=1),
        place="联络站",
    )
    return {
        "work_plan": {"pk": plan.pk},
        "work_plan_act": {"pk": plan.pk, "verb": "publish"},
        "work_plan_year": {"year": plan.year},
        "voter_report": {"pk": report.pk},
        "voter_report_act": {"pk": report.pk, "verb": "cancel"},
    }


def ids(users, term) -> dict:
    return {}
