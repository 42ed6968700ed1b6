"""Route and API walker expectations for local legislation (S5).

The office, the leaders and the members read plans, projects and drafts; the office acts and
moderates comments. Drafts published for comment, published plans and the contact points
are public, and anyone comments while a draft is open. The walker's project has a draft open
for comment, one comment and a published annual plan.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tests.walkers import EVERYONE, OFFICE_STAFF, STAFF_SIDE

READERS = STAFF_SIDE | {"member"}

ROUTES: dict = {
    "legislation:projects": ("GET", READERS, None),
    "legislation:project_create": ("GET", OFFICE_STAFF, None),
    "legislation:project_detail": ("GET", READERS, "leg_project"),
    "legislation:project_act": ("POST", OFFICE_STAFF, "leg_project_act"),
    "legislation:version_detail": ("GET", READERS, "leg_version"),
    "legislation:version_compare": ("GET", READERS, "leg_version2"),
    "legislation:plans": ("GET", READERS, None),
    "legislation:plan_create": ("GET", OFFICE_STAFF, None),
    "legislation:plan_detail": ("GET", READERS, "leg_plan"),
    "legislation:plan_act": ("POST", OFFICE_STAFF, "leg_plan_act"),
    "legislation:comments": ("GET", OFFICE_STAFF, None),
    "legislation:comment_record": ("GET", OFFICE_STAFF, None),
    "legislation:comment_act": ("POST", OFFICE_STAFF, "leg_comment_act"),
    "legislation:contact_points": ("GET", READERS, None),
    "legislation:consultation_detail": ("GET", READERS, "leg_hearing"),
    "legislation:consultation_act": ("POST", OFFICE_STAFF, "leg_hearing_act"),
    "legislation:evaluation_detail": ("GET", READERS, "leg_evaluation"),
    "legislation:evaluation_act": ("POST", OFFICE_STAFF, "leg_evaluation_act"),
    "legislation:experts": ("GET", READERS, None),
    "legislation:expert_create": ("POST", OFFICE_STAFF, None),
    "legislation:expert_availability": ("POST", OFFICE_STAFF, "leg_expert"),
    "portal:legislation_hearing": ("GET", EVERYONE, "leg_hearing"),
    "legislation:version_docx": ("GET", READERS, "leg_version"),
    "legislation:version_pdf": ("GET", READERS, "leg_version"),
    "legislation:comments_xlsx": ("GET", OFFICE_STAFF, "leg_project"),
    "portal:legislation_regulations": ("GET", EVERYONE, None),
    "portal:legislation_draft_docx": ("GET", EVERYONE, "leg_version"),
    "portal:legislation_draft_pdf": ("GET", EVERYONE, "leg_version"),
    "portal:legislation_contact_point": ("GET", EVERYONE, "leg_point"),
    "legislation:contact_point_create": ("GET", OFFICE_STAFF, None),
    "portal:legislation": ("GET", EVERYONE, None),
    "portal:legislation_draft": ("GET", EVERYONE, "leg_version"),
    "portal:legislation_comment": ("GET", EVERYONE, "leg_version"),
    "portal:legislation_compare": ("GET", EVERYONE, "leg_version"),
    "portal:legislation_track": ("GET", EVERYONE, None),
    "portal:legislation_plan": ("GET", EVERYONE, "leg_plan"),
    "portal:legislation_feedback": ("GET", EVERYONE, "leg_project"),
    "portal:legislation_contact_points": ("GET", EVERYONE, None),
}
_PROJECT_STEPS = (
    "argue", "add_version", "submit", "open_comment", "fewer_readings", "schedule_reading",
    "record_reading", "review", "put_to_vote", "record_vote", "send_for_approval",
    "record_approval", "promulgate", "publish_feedback", "withdraw", "terminate",
    "group_comments", "decide_group", "create", "plan_consultation", "plan_evaluation",
    "add_interpretation",
)  # fmt: skip
OPERATIONS: dict = {
    "legislation_plans_list": EVERYONE,
    "legislation_plan_detail": EVERYONE,
    "legislation_projects_list": READERS,
    "legislation_project_detail": READERS,
    "legislation_version_detail": READERS,
    "legislation_version_compare": READERS,
    "legislation_drafts_list": EVERYONE,
    "legislation_draft_detail": EVERYONE,
    "legislation_draft_compare": EVERYONE,
    "legislation_comment_submit": EVERYONE,
    "legislation_comment_track": EVERYONE,
    "legislation_comments_list": OFFICE_STAFF,
    "legislation_contact_points_list": EVERYONE,
    "legislation_plan_create": OFFICE_STAFF,
    "legislation_plan_add_item": OFFICE_STAFF,
    "legislation_plan_remove_item": OFFICE_STAFF,
    "legislation_plan_adopt": OFFICE_STAFF,
    "legislation_plan_publish": OFFICE_STAFF,
    "legislation_comment_record": OFFICE_STAFF,
    "legislation_comment_publish": OFFICE_STAFF,
    "legislation_comment_withhold": OFFICE_STAFF,
    "legislation_contact_point_create": OFFICE_STAFF,
    "legislation_experts_list": READERS,
    "legislation_regulations_list": EVERYONE,
    "legislation_regulation_detail": EVERYONE,
    "legislation_consultation_detail": READERS,
    "legislation_consultations_list": READERS,
    "legislation_evaluation_detail": READERS,
    "legislation_consultation_register": EVERYONE,
    "legislation_expert_create": OFFICE_STAFF,
    "legislation_expert_set_availability": OFFICE_STAFF,
    "legislation_consultation_add_opinion": OFFICE_STAFF,
    "legislation_consultation_select_speakers": OFFICE_STAFF,
    "legislation_consultation_record": OFFICE_STAFF,
    "legislation_consultation_cancel": OFFICE_STAFF,
    "legislation_evaluation_report": OFFICE_STAFF,
    "legislation_evaluation_follow_up": OFFICE_STAFF,
    **{f"legislation_project_{step}": OFFICE_STAFF for step in _PROJECT_STEPS},
}
#: plans: create, add and remove an item, adopt, publish (an empty body); projects: create and
#: their 21 steps; comments: submit, track, record, publish, withhold; contact points: create;
#: experts: create, availability; consultations: register, add an opinion, select speakers,
#: record, cancel; evaluations: report, follow up (an empty body).
REQUEST_BODIES = 42
PRIVATE_READS: tuple[str, ...] = (
    "/api/v1/legislation/projects",
    "/api/v1/legislation/versions",
    "/api/v1/legislation/experts",
    "/api/v1/legislation/consultations",
    "/api/v1/legislation/evaluations",
)


def _project(users):
    """A drafted project with two versions, the second open for comment, and one comment."""
    from renda.legislation import services
    from renda.legislation.models import DraftVersion, Project

    staff, today = users["staff"], timezone.localdate()
    project = services.project_create(actor=staff, title="养犬管理条例", proposer="government")
    services.project_argue(actor=staff, project=project, argued_on=today, argument="可行。")
    services.project_add_version(actor=staff, project=project, label="草案", text="第一章　总则\n第一条　甲。\n第二条　乙。")  # fmt: skip
    second = services.project_add_version(actor=staff, project=project, label="二审稿", text="第一章　总则\n第一条　甲乙。\n第二条　乙。\n第三条　丙。")  # fmt: skip
    services.project_open_comment(actor=staff, project=project, version=second, opens_on=today, closes_on=today + dt.timedelta(days=30))  # fmt: skip
    comment = services.comment_submit(actor=None, version=second, body="赞成。")
    point = services.contact_point_create(actor=staff, name=f"联系点{project.pk}")
    services.comment_record(actor=staff, version=second, body="联系点意见。", source="contact_point", contact_point=point)  # fmt: skip
    # The first draft's own comment period ended a month ago; the feedback is out.
    DraftVersion.objects.filter(project=project, number=1).update(
        comment_opens_on=today - dt.timedelta(days=60),
        comment_closes_on=today - dt.timedelta(days=30),
    )
    Project.objects.filter(pk=project.pk).update(feedback="共收到意见1条。", feedback_published_at=timezone.now())  # fmt: skip
    return project, second, comment


def _plan(users):
    from renda.core import approvals
    from renda.legislation import services

    staff, today = users["staff"], timezone.localdate()
    plan = services.plan_create(actor=staff, kind="annual", title="年度立法计划", year_from=today.year)  # fmt: skip
    services.plan_add_item(actor=staff, plan=plan, title="养犬管理条例", category="formal")
    services.plan_adopt(actor=staff, plan=plan, adopted_on=today)
    asked = approvals.approval_request(actor=staff, subject=plan, kind="party_consent", sent_on=today)  # fmt: skip
    approvals.approval_answer(actor=staff, approval=asked, answer="approved", answered_on=today, note="")  # fmt: skip
    return services.plan_publish(actor=staff, plan=plan)


def _consultation_parts(users):
    """An expert, a hearing open for registration and an evaluation of a regulation in force."""
    from renda.legislation import services
    from renda.legislation.models import Project

    staff, today = users["staff"], timezone.localdate()
    expert = services.expert_create(actor=staff, name="陈立言", fields="行政法")
    project = services.project_create(actor=staff, title="听证条例", proposer="government")
    hearing = services.project_plan_consultation(
        actor=staff, project=project, kind="hearing", title="立法听证会", notice="欢迎报名。",
        held_on=today + dt.timedelta(days=20), registration_closes_on=today + dt.timedelta(days=10),
    )  # fmt: skip
    in_force = services.project_create(actor=staff, title="施行中的条例", proposer="government")
    Project.objects.filter(pk=in_force.pk).update(status="promulgated", effective_on=today - dt.timedelta(days=400))  # fmt: skip
    in_force.refresh_from_db()
    evaluation = services.project_plan_evaluation(actor=staff, project=in_force, plan="问卷。", started_on=today)  # fmt: skip
    return expert, hearing, evaluation


def objects(users, term) -> dict:
    project, version, comment = _project(users)
    first = project.versions.get(number=1)
    plan = _plan(users)
    return {
        "leg_project": {"pk": project.pk},
        "leg_project_act": {"pk": project.pk, "verb": "withdraw"},
        "leg_version": {"pk": version.pk},
        "leg_version2": {"pk": first.pk},
        "leg_plan": {"pk": plan.pk},
        "leg_plan_act": {"pk": plan.pk, "verb": "publish"},
        "leg_comment_act": {"pk": comment.pk, "verb": "publish"},
        "leg_point": {"pk": _point(project)},
        **_consultation_objects(users),
    }


def _point(project) -> int:
    from renda.legislation.models import ContactPoint

    return ContactPoint.objects.get(name=f"联系点{project.pk}").pk


def _consultation_objects(users) -> dict:
    expert, hearing, evaluation = _consultation_parts(users)
    return {
        "leg_expert": {"pk": expert.pk},
        "leg_hearing": {"pk": hearing.pk},
        "leg_hearing_act": {"pk": hearing.pk, "verb": "cancel"},
        "leg_evaluation": {"pk": evaluation.pk},
        "leg_evaluation_act": {"pk": evaluation.pk, "verb": "report"},
    }


def ids(users, term) -> dict:
    project, version, comment = _project(users)
    return {
        "project_id": project.pk,
        "version_id": version.pk,
        "plan_id": _plan(users).pk,
        "comment_id": comment.pk,
        **_consultation_ids(users),
    }


def _consultation_ids(users) -> dict:
    expert, hearing, evaluation = _consultation_parts(users)
    return {"expert_id": expert.pk, "consultation_id": hearing.pk, "evaluation_id": evaluation.pk}
