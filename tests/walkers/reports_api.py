"""API walker expectations for the year's deputy-work plan and reports to voters (述职).

Published plans and every report are public; the coverage is the staff side's. The walker's
plan is published and its report held, so the public reads find them.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tests.walkers import EVERYONE, OFFICE_STAFF, STAFF_SIDE

ROUTES: dict = {}

OPERATIONS: dict = {
    "deputies_work_plans_list": EVERYONE,
    "deputies_work_plan_detail": EVERYONE,
    "deputies_plan_create": OFFICE_STAFF,
    "deputies_plan_update": OFFICE_STAFF,
    "deputies_plan_adopt": OFFICE_STAFF,
    "deputies_plan_publish": OFFICE_STAFF,
    "deputies_voter_reports_list": EVERYONE,
    "deputies_voter_report_detail": EVERYONE,
    "deputies_voter_report_coverage": STAFF_SIDE,
    "deputies_report_plan": OFFICE_STAFF,
    "deputies_report_record": OFFICE_STAFF,
    "deputies_report_cancel": OFFICE_STAFF,
}
#: plan create, update, adopt, publish (an empty body); report plan, record, cancel.
REQUEST_BODIES = 7
PRIVATE_READS: tuple[str, ...] = ("/api/v1/voter-report-coverage",)


def objects(users, term) -> dict:
    return {}


def ids(users, term) -> dict:
    from renda.deputies import services
    from renda.people.models import Deputy

    staff = users["staff"]
    own, _ = Deputy.objects.get_or_create(person=users["deputy"].person, term=term)
    # A day inside the fixtures' term, whatever the date the walker runs on.
    day = term.start_date + dt.timedelta(days=100)
    now = timezone.make_aware(dt.datetime.combine(day, dt.time(8)))
    plan = services.plan_create(actor=staff, year=2041, title="走查年度计划", body="正文", now=now)
    services.plan_adopt(actor=staff, plan=plan, adopted_on=day, now=now)
    services.plan_publish(actor=staff, plan=plan, now=now)
    report = services.report_plan(
        actor=staff, deputy=own, unit="第一选区", held_on=day, place="联络站", now=now
    )
    services.report_record(actor=staff, report=report, text="述职报告", attendance=30, now=now)
    return {"work_plan_id": plan.pk, "voter_report_id": report.pk}
