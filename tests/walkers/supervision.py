"""Route and API walker expectations for supervision (see tests/walkers/__init__.py)."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.walkers import ANON, EVERYONE, OFFICE_STAFF, SIGNED_IN, STAFF_SIDE  # noqa: F401

#: Who may see sent opinions: the office, leaders, members, and the officer of the body they went to
#: (the walker's opinion goes to the walker unit officer's own body).
OPINION_READERS = frozenset({"admin", "staff", "leader", "member", "unit_officer"})
#: Members sign interpellations; the office records them; leaders are members too.
INTERPELLATORS = frozenset({"admin", "staff", "leader", "member"})

ROUTES: dict = {
    "portal:supervision": ("GET", EVERYONE, None),
    "portal:supervision_plan": ("GET", EVERYONE, "supervision_year"),
    "portal:supervision_opinion": ("GET", EVERYONE, "supervision_opinion"),
    # The walker's report is heard and published (report_deliberate publishes by default).
    "portal:supervision_report": ("GET", EVERYONE, "supervision_report"),
    # The walker's research report is published with its file.
    "portal:supervision_research_list": ("GET", EVERYONE, None),
    "portal:supervision_research": ("GET", EVERYONE, "supervision_research"),
    "portal:supervision_research_file": ("GET", EVERYONE, "supervision_research"),
    "supervision:overview": ("GET", STAFF_SIDE, None),
    "supervision:summary_docx": ("GET", STAFF_SIDE, None),
    "supervision:plans": ("GET", STAFF_SIDE, None),
    "supervision:plan_create": ("POST", OFFICE_STAFF, None),
    "supervision:plan_detail": ("GET", STAFF_SIDE, "supervision_plan"),
    "supervision:plan_export": ("GET", STAFF_SIDE, "supervision_plan"),
    # The empty form is refused on the page; leaders may open the plan but not add topics.
    "supervision:plan_act": ("POST", OFFICE_STAFF, "supervision_plan_act"),
    "supervision:plan_item_edit": ("GET", OFFICE_STAFF, "supervision_plan_item"),
    "supervision:reports": ("GET", STAFF_SIDE, None),
    "supervision:report_create": ("POST", OFFICE_STAFF, None),
    "supervision:report_detail": ("GET", STAFF_SIDE, "supervision_report"),
    "supervision:report_act": ("POST", OFFICE_STAFF, "supervision_report_act"),
    "supervision:opinions": ("GET", OPINION_READERS, None),
    "supervision:opinion_export": ("GET", OFFICE_STAFF, None),
    "supervision:opinion_detail": ("GET", OPINION_READERS, "supervision_opinion"),
    "supervision:opinion_letter": ("GET", OPINION_READERS, "supervision_opinion"),
    "supervision:opinion_act": ("POST", OFFICE_STAFF, "supervision_opinion_act"),
    "supervision:inspections": ("GET", STAFF_SIDE, None),
    "supervision:inspection_create": ("POST", OFFICE_STAFF, None),
    "supervision:inspection_detail": ("GET", STAFF_SIDE, "supervision_inspection"),
    "supervision:inspection_act": ("POST", OFFICE_STAFF, "supervision_inspection_act"),
    "supervision:research": ("GET", STAFF_SIDE, None),
    "supervision:research_create": ("POST", OFFICE_STAFF, None),
    "supervision:research_detail": ("GET", STAFF_SIDE, "supervision_research"),
    "supervision:research_attachment": ("GET", STAFF_SIDE, "supervision_research"),
    "supervision:research_act": ("POST", OFFICE_STAFF, "supervision_research_act"),
    "supervision:inquiries": ("GET", STAFF_SIDE, None),
    "supervision:inquiry_create": ("POST", OFFICE_STAFF, None),
    "supervision:inquiry_detail": ("GET", STAFF_SIDE, "supervision_inquiry"),
    "supervision:inquiry_act": ("POST", OFFICE_STAFF, "supervision_inquiry_act"),
    # Deputies propose special-inquiry topics (§3.5); staff side reads them.
    "supervision:inquiry_topics": ("GET", frozenset({"admin", "staff", "leader", "deputy"}), None),
    "supervision:inquiry_topic_create": ("POST", frozenset({"admin", "staff", "deputy"}), None),
    "supervision:interpellations": ("GET", INTERPELLATORS, None),
    "supervision:interpellation_create": ("POST", INTERPELLATORS, None),
    "supervision:interpellation_detail": ("GET", INTERPELLATORS, "supervision_interpellation"),
    # The chairpersons' council's decision, recorded by staff or a leader.
    "supervision:interpellation_act": ("POST", STAFF_SIDE, "supervision_interpellation_act"),
    "supervision:judicial": ("GET", STAFF_SIDE, None),
    "supervision:judicial_create": ("POST", OFFICE_STAFF, None),
    "supervision:judicial_act": ("POST", OFFICE_STAFF, "supervision_judicial_act"),
}

OPERATIONS: dict = {
    "supervision_plans_list": EVERYONE,
    "supervision_plans_detail": EVERYONE,
    "supervision_plans_create": OFFICE_STAFF,
    "supervision_plans_items_create": OFFICE_STAFF,
    "supervision_plans_adopt": STAFF_SIDE,
    "supervision_plan_publish": OFFICE_STAFF,
    "supervision_plan_reopen": OFFICE_STAFF,
    "supervision_plan_item_update": OFFICE_STAFF,
    "supervision_plan_item_cancel": OFFICE_STAFF,
    "supervision_reports_list": EVERYONE,
    "supervision_reports_detail": EVERYONE,
    "supervision_reports_schedule": OFFICE_STAFF,
    "supervision_opinions_list": EVERYONE,
    "supervision_opinions_detail": EVERYONE,
    "supervision_opinions_create": OFFICE_STAFF,
    "supervision_opinions_send": OFFICE_STAFF,
    "supervision_evaluations_list": EVERYONE,
    "supervision_evaluations_create": OFFICE_STAFF,
    "supervision_inquiries_list": EVERYONE,
    "supervision_inquiries_detail": EVERYONE,
    "supervision_interpellations_create": INTERPELLATORS,
    "supervision_inspections_create": OFFICE_STAFF,
    "supervision_inspections_plan_sent": OFFICE_STAFF,
    "supervision_inspections_start": OFFICE_STAFF,
    "supervision_inspections_findings": OFFICE_STAFF,
    "supervision_inspections_report": OFFICE_STAFF,
    "supervision_inquiries_questions_create": OFFICE_STAFF,
    "supervision_inquiries_answer": OFFICE_STAFF,
    "supervision_judicial_create": OFFICE_STAFF,
    "supervision_judicial_forward": OFFICE_STAFF,
    "supervision_judicial_decide": OFFICE_STAFF,
    "supervision_research_list": EVERYONE,
    "supervision_research_detail": EVERYONE,
    "supervision_research_create": OFFICE_STAFF,
    "supervision_research_start": OFFICE_STAFF,
    "supervision_research_report": OFFICE_STAFF,
    "supervision_research_publish": OFFICE_STAFF,
    "supervision_research_submit": OFFICE_STAFF,
    "supervision_inquiries_create": OFFICE_STAFF,
    "supervision_inquiries_hold": OFFICE_STAFF,
    "supervision_inquiry_topics_create": frozenset({"admin", "staff", "deputy"}),
    "supervision_interpellations_decide": STAFF_SIDE,
    "supervision_interpellations_answer": OFFICE_STAFF,
    "supervision_interpellations_feedback": OFFICE_STAFF,
    "supervision_report_create": OFFICE_STAFF,
    "supervision_report_milestone": OFFICE_STAFF,
    "supervision_report_deliberate": OFFICE_STAFF,
    "supervision_opinion_edit": OFFICE_STAFF,
    "supervision_opinion_schedule_report": OFFICE_STAFF,
    "supervision_opinion_rehandle": OFFICE_STAFF,
    "supervision_opinion_follow_up": OFFICE_STAFF,
    "supervision_opinion_close": OFFICE_STAFF,
    "supervision_evaluations_conclude": OFFICE_STAFF,
}
#: plans create, plan items create, adopt, publish, reopen, item update, item cancel;
#: research create, report, submit; inquiries create, hold, topic; interpellations decide,
#: answer, feedback; report create, milestone, deliberate; opinion edit, schedule report,
#: rehandle, follow-up, close; report schedule, opinions create, interpellations create;
#: inspections create, plan sent, findings, report; inquiry question, answer; judicial create, decision.
REQUEST_BODIES = 35
PRIVATE_READS: tuple[str, ...] = ()


def _build(users, term) -> dict:
    """A published plan, a heard inspection report with opinions sent to the walker unit, and records."""
    from renda.meetings.services import meeting_schedule
    from renda.people.models import Membership, Organization, Person, Post
    from renda.supervision import services

    staff = users["staff"]
    unit = users["unit_officer"].scope
    sc = Organization.objects.get(code="standing-committee")
    court = Organization.objects.get(code="court")
    people = [users["member"].person, users["leader"].person] + [
        Person.objects.create(name=f"监督委员{i}", gender="male") for i in range(3)
    ]
    for p in people:
        Membership.objects.create(person=p, organization=sc, term=term, start_date=term.start_date)
    post = Post.objects.create(
        organization=court, label="院长", role=Post.Role.HEAD, elected_or_appointed=True
    )
    president = Person.objects.create(name="院长甲", gender="male")
    Membership.objects.create(
        person=president,
        organization=court,
        post=post,
        role=Post.Role.HEAD,
        start_date=term.start_date,
    )
    meeting = meeting_schedule(
        actor=staff, kind="sc_meeting", term=term, starts_on=dt.date(2026, 3, 2)
    )
    plan = services.plan_create(actor=staff, year=2026)
    services.plan_adopt(actor=staff, plan=plan)
    services.plan_publish(actor=staff, plan=plan)
    inspection = services.inspection_create(
        actor=staff,
        title="检查《教育法》",
        law="《教育法》",
        starts_on=dt.date(2026, 2, 1),
        ends_on=dt.date(2026, 2, 5),
        team=[(people[0], "leader")],
    )
    report = services.inspection_report(
        actor=staff, inspection=inspection, findings="问题", body=unit
    )
    services.report_schedule(actor=staff, report=report, meeting=meeting)
    services.report_deliberate(actor=staff, report=report)
    opinion = services.opinion_send(
        actor=staff, opinion=services.opinion_compile(actor=staff, report=report, text="审议意见")
    )
    inquiry = services.inquiry_create(
        actor=staff, title="询问", meeting=meeting, respondents=[(president, court, "院长")]
    )
    interp = services.interpellation_submit(
        actor=staff, title="质询", text="内容", body=court, signers=people
    )
    record = services.judicial_record_create(
        actor=staff, kind="major_case", body=court, title="重大案件"
    )
    question = services.inquiry_question_add(
        actor=staff,
        session=inquiry,
        asker=people[0],
        respondent=inquiry.respondents.get(),
        question="询问",
    )
    research = services.research_create(actor=staff, title="专题调研", team=[(people[0], "leader")])
    services.research_start(actor=staff, research=research)
    services.research_report(
        actor=staff,
        research=research,
        findings="问题",
        report_text="调研报告",
        attachment=SimpleUploadedFile("report.txt", b"research report"),
    )
    services.research_publish(actor=staff, research=research)
    return {
        "plan": plan,
        "report": report,
        "opinion": opinion,
        "inspection": inspection,
        "inquiry": inquiry,
        "interpellation": interp,
        "judicial": record,
        "question": question,
        "research": research,
    }


def objects(users, term) -> dict:
    o = _build(users, term)
    return {
        "supervision_year": {"year": o["plan"].year},
        "supervision_plan": {"pk": o["plan"].pk},
        "supervision_plan_act": {"pk": o["plan"].pk, "action": "add_item"},
        "supervision_plan_item": {"pk": o["plan"].items.order_by("pk").first().pk},
        "supervision_report": {"pk": o["report"].pk},
        "supervision_report_act": {"pk": o["report"].pk, "action": "milestone"},
        "supervision_opinion": {"pk": o["opinion"].pk},
        "supervision_opinion_act": {"pk": o["opinion"].pk, "action": "edit"},
        "supervision_inspection": {"pk": o["inspection"].pk},
        "supervision_inspection_act": {"pk": o["inspection"].pk, "action": "plan_sent"},
        "supervision_inquiry": {"pk": o["inquiry"].pk},
        "supervision_inquiry_act": {"pk": o["inquiry"].pk, "action": "question"},
        "supervision_interpellation": {"pk": o["interpellation"].pk},
        "supervision_interpellation_act": {"pk": o["interpellation"].pk, "action": "decide"},
        "supervision_judicial_act": {"pk": o["judicial"].pk, "action": "decide"},
        "supervision_research": {"pk": o["research"].pk},
        "supervision_research_act": {"pk": o["research"].pk, "action": "submit"},
    }


def ids(users, term) -> dict:
    o = _build(users, term)
    return {
        "plan_id": o["plan"].pk,
        "plan_item_id": o["plan"].items.order_by("pk").first().pk,
        "research_id": o["research"].pk,
        "interpellation_id": o["interpellation"].pk,
        "report_id": o["report"].pk,
        "opinion_id": o["opinion"].pk,
        "inquiry_id": o["inquiry"].pk,
        "inspection_id": o["inspection"].pk,
        "inquiry_question_id": o["question"].pk,
        "judicial_record_id": o["judicial"].pk,
    }
