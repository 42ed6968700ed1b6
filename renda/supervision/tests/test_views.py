"""Pages of supervision through the client: permissions, flows, pinned query counts, documents."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse

from renda.supervision import services
from renda.supervision.models import Opinion, Plan, Report

from .conftest import at

pytestmark = pytest.mark.django_db


def test_overview_shows_status_overdue_and_results(
    client_for, scenario, staff, django_assert_num_queries
):
    services.opinion_compile(
        actor=staff, report=scenario["report"], text="补充审议意见"
    )  # due 2026-07-05, unsent
    client = client_for("leader")
    with time_machine.travel(at(dt.date(2026, 10, 21)), tick=False):
        client.get(
            reverse("supervision:overview") + "?year=2026"
        )  # warm caches (sessions, settings)
        with django_assert_num_queries(20):
            response = client.get(reverse("supervision:overview") + "?year=2026")
    html = response.content.decode()
    assert response.status_code == 200
    assert "逾期未审议：审查和批准上一年度决算" in html  # June–September window passed
    assert "逾期未审议：听取和审议政府环境状况" not in html
    assert "审议意见逾期未送交（应于 2026-07-05 前送交）" in html
    assert "对" in html and "满意度测评" in html and "data-echarts" in html


def test_lists_have_pinned_queries(
    client_for,
    scenario,
    staff,
    members,
    deputies,
    court,
    court_president,
    sc_meeting,
    django_assert_num_queries,
):
    """Two rows of each kind: the counts do not grow with the rows."""
    people = [u.person for u in members]
    for i in range(2):
        services.inspection_create(
            actor=staff,
            title=f"检查{i}",
            law="《环境保护法》",
            starts_on=dt.date(2026, 5, 10),
            ends_on=dt.date(2026, 5, 12),
            team=[(people[0], "leader"), (deputies[0], "deputy")],
        )
        services.inquiry_create(
            actor=staff,
            title=f"询问{i}",
            meeting=sc_meeting,
            respondents=[(court_president, court, "院长")],
        )
        services.interpellation_submit(
            actor=staff, title=f"质询{i}", text="内容", body=court, signers=people[:5]
        )
        services.judicial_record_create(
            actor=staff, kind="misconduct_lead", body=court, title=f"线索{i}"
        )
        services.report_create(actor=staff, title=f"报告{i}", body=court)
    client = client_for("staff")
    for name, n in (
        ("supervision:plans", 6),
        ("supervision:reports", 8),
        ("supervision:opinions", 6),
        ("supervision:inspections", 10),
        ("supervision:inquiries", 8),
        ("supervision:interpellations", 8),
        ("supervision:judicial", 7),
    ):
        client.get(reverse(name))
        with django_assert_num_queries(n):
            assert client.get(reverse(name)).status_code == 200, name


def test_court_officer_sees_only_its_opinions(client_for, scenario, users):
    opinion = scenario["opinion"]
    client = client_for("unit_officer")  # the education bureau
    assert client.get(reverse("supervision:opinion_detail", args=[opinion.pk])).status_code == 404
    assert opinion.title not in client.get(reverse("supervision:opinions")).content.decode()
    assert client.get(reverse("supervision:overview")).status_code == 403
    client.force_login(users["staff"].__class__.objects.get(username="sv-court"))
    assert opinion.title in client.get(reverse("supervision:opinions")).content.decode()
    response = client.get(reverse("supervision:opinion_detail", args=[opinion.pk]))
    assert response.status_code == 200 and "送交研究处理" not in response.content.decode()
    assert (
        client.post(reverse("supervision:opinion_act", args=[opinion.pk, "close"])).status_code
        == 403
    )


def test_plan_pages_flow(client_for, staff, jurisdiction, users):
    client = client_for("staff")
    response = client.post(reverse("supervision:plan_create"), {"year": "2027"})
    plan = Plan.objects.get(year=2027)
    assert response.status_code == 302 and plan.items.count() == 7
    response = client.post(
        reverse("supervision:plan_act", args=[plan.pk, "add_item"]),
        {
            "kind": "inquiry",
            "title": "专题询问：食品安全",
            "source": "suggestions",
            "source_type": "suggestions.suggestion",
            "source_id": "42",
            "supervised_body": str(
                plan.items.get(obligation="environment_report").supervised_body_id
            ),
        },
    )
    assert plan.items.count() == 8
    detail = client.get(reverse("supervision:plan_detail", args=[plan.pk])).content.decode()
    assert f'href="{reverse("suggestions:detail", args=[42])}"' in detail
    # Bad input: a clear message, nothing written.
    response = client.post(
        reverse("supervision:plan_act", args=[plan.pk, "add_item"]),
        {"kind": "special_report", "title": "无对象", "source": "public"},
        follow=True,
    )
    assert (
        "专项工作报告和专题询问须指明监督对象" in response.content.decode()
        and plan.items.count() == 8
    )
    assert (
        client_for("member")
        .post(reverse("supervision:plan_act", args=[plan.pk, "adopt"]))
        .status_code
        == 403
    )
    client = client_for("leader")
    client.post(
        reverse("supervision:plan_act", args=[plan.pk, "adopt"]),
        {"party_consent": "on", "party_consent_note": "市委常委会同意"},
    )
    client = client_for("staff")
    client.post(reverse("supervision:plan_act", args=[plan.pk, "publish"]))
    plan.refresh_from_db()
    assert plan.status == Plan.Status.PUBLISHED and plan.party_consent
    public = client_for(None).get(reverse("portal:supervision_plan", args=[2027])).content.decode()
    assert "专题询问：食品安全" in public
    # A change reopens the plan; the public keeps the published version until it is adopted again.
    client = client_for("staff")
    client.post(reverse("supervision:plan_act", args=[plan.pk, "reopen"]), {"reason": "增加调研"})
    client.post(
        reverse("supervision:plan_act", args=[plan.pk, "add_item"]),
        {"kind": "research", "title": "专题调研：养老", "source": "public"},
    )
    plan.refresh_from_db()
    assert plan.items.count() == 9 and plan.version == 2
    public = client_for(None).get(reverse("portal:supervision_plan", args=[2027])).content.decode()
    assert "专题调研：养老" not in public
    detail = (
        client_for("staff").get(reverse("supervision:plan_detail", args=[plan.pk])).content.decode()
    )
    assert "调整" in detail and "第 2 版" in detail


def test_report_page_marks_late_milestones(
    client_for, scenario, staff, court, sc_meeting, court_president
):
    report = services.report_create(actor=staff, title="法院另一报告", body=court)
    client = client_for("staff")
    client.post(
        reverse("supervision:report_act", args=[report.pk, "schedule"]),
        {"meeting": sc_meeting.pk, "reporter": court_president.pk},
    )
    report.refresh_from_db()
    assert report.status == Report.Status.SCHEDULED
    with time_machine.travel(at(dt.date(2026, 6, 16)), tick=False):
        html = client.get(reverse("supervision:report_detail", args=[report.pk])).content.decode()
    assert html.count('class="overdue late"') == 2  # 20-day and 10-day steps passed unmet


def test_public_site_shows_sealed_result(client_for, scenario):
    opinion = scenario["opinion"]
    anon = client_for(None)
    index = anon.get(reverse("portal:supervision")).content.decode()
    assert opinion.title in index and "public-evaluations" in index
    detail = anon.get(reverse("portal:supervision_opinion", args=[opinion.pk])).content.decode()
    assert "研究处理情况：已开展专项行动。" in detail
    assert "满意度测评结果：" in detail and "满意 5，基本满意 0，不满意 2（全体 7 人）" in detail


def test_public_report_page(client_for, scenario, staff, court_officer, django_assert_num_queries):
    """A published report with its published opinions, public replies and sealed result; constant queries."""
    from renda.casework import services as cw

    report, opinion = (
        Report.objects.select_related("body", "meeting").get(pk=scenario["report"].pk),
        scenario["opinion"],
    )
    anon = client_for(None)
    url = reverse("portal:supervision_report", args=[report.pk])
    assert url in anon.get(reverse("portal:supervision")).content.decode()
    anon.get(url)  # warm caches
    with django_assert_num_queries(PUBLIC_REPORT_QUERIES):
        response = anon.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert report.title in html and report.body.name in html and report.meeting.title in html
    assert opinion.title in html and "研究处理情况：已开展专项行动。" in html
    assert "满意 5，基本满意 0，不满意 2（全体 7 人）" in html
    # More opinions, one withheld reply and one unpublished opinion: the count holds, the private ones stay out.
    second = services.opinion_send(
        actor=staff,
        opinion=services.opinion_compile(actor=staff, report=report, text="补充审议意见"),
    )
    case = services.current_round(second).case
    cw.assignment_receive(actor=court_officer, case=case)
    cw.reply_submit(
        actor=court_officer,
        case=case,
        text="不公开的答复",
        result_class="A",
        signed_by_name="李院长",
        publishable=False,
        withhold_reason="涉及国家秘密",
    )
    services.opinion_compile(actor=staff, report=report, text="未送交的意见稿")
    Opinion.objects.filter(pk=second.pk).update(published=True)
    hidden = services.opinion_send(
        actor=staff,
        opinion=services.opinion_compile(actor=staff, report=report, text="不公开的意见"),
    )
    Opinion.objects.filter(pk=hidden.pk).update(published=False)
    with django_assert_num_queries(PUBLIC_REPORT_QUERIES):
        html = anon.get(url).content.decode()
    assert "补充审议意见" in html and "不公开的答复" not in html
    assert "未送交的意见稿" not in html and "不公开的意见" not in html


def test_public_report_page_hides_unpublished(client_for, scenario, staff, court):
    report = scenario["report"]
    Report.objects.filter(pk=report.pk).update(published=False)
    anon = client_for(None)
    assert anon.get(reverse("portal:supervision_report", args=[report.pk])).status_code == 404
    planned = services.report_create(actor=staff, title="未审议的报告", body=court)
    Report.objects.filter(pk=planned.pk).update(published=True)
    assert anon.get(reverse("portal:supervision_report", args=[planned.pk])).status_code == 404


PUBLIC_REPORT_QUERIES = 5


def test_conclude_and_follow_up_through_pages(client_for, scenario):
    opinion = scenario["opinion"]
    client = client_for("staff")
    client.post(reverse("supervision:opinion_act", args=[opinion.pk, "conclude"]))
    opinion.refresh_from_db()
    assert opinion.status == Opinion.Status.SATISFIED
    response = client.post(
        reverse("supervision:opinion_act", args=[opinion.pk, "follow_up"]),
        {"note": ""},
        follow=True,
    )
    assert "请填写跟踪监督要求" in response.content.decode()
    client.post(
        reverse("supervision:opinion_act", args=[opinion.pk, "follow_up"]),
        {"note": "年底前报告进展"},
    )
    opinion.refresh_from_db()
    assert opinion.status == Opinion.Status.IN_HANDLING and opinion.rounds.count() == 2


def test_documents_open_back(client_for, scenario):
    from docx import Document
    from openpyxl import load_workbook

    client = client_for("staff")
    opinion = scenario["opinion"]
    response = client.get(reverse("supervision:opinion_letter", args=[opinion.pk]))
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "审议意见书" in text and "清河市中级人民法院：" in text and "一、加大执行力度。" in text
    assert "请于2026年9月25日前将研究处理情况书面报告常务委员会。" in text
    response = client.get(reverse("supervision:summary_docx") + "?year=2026")
    doc = Document(io.BytesIO(response.content))
    assert "2026年度监督工作情况" in doc.paragraphs[0].text
    assert any("听取和审议人民法院专项工作报告" in c.text for c in doc.tables[0].columns[0].cells)
    assert doc.tables[1].rows[1].cells[1].text == "5"
    response = client.get(reverse("supervision:opinion_export"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "标题" and rows[1][2] == "清河市中级人民法院"
    response = client.get(reverse("supervision:plan_export", args=[scenario["plan"].pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 8


def test_formula_cells_are_escaped(client_for, staff, jurisdiction):
    from openpyxl import load_workbook

    plan = services.plan_create(actor=staff, year=2026)
    services.plan_item_add(actor=staff, plan=plan, kind="research", title="=1+2", source="public")
    response = client_for("staff").get(reverse("supervision:plan_export", args=[plan.pk]))
    titles = [
        r[1] for r in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
    ]
    assert "=1+2" not in titles and any(str(t).endswith("=1+2") for t in titles)


def test_interpellation_threshold_through_page(client_for, members, jurisdiction):
    from renda.people.models import Organization
    from renda.supervision.models import Interpellation

    court = Organization.objects.get(code="court")
    client = client_for("member")
    people = [u.person_id for u in members]
    response = client.post(
        reverse("supervision:interpellation_create"),
        {"title": "质询", "text": "内容", "body": court.pk, "signers": people[:4]},
        follow=True,
    )
    assert "质询案须由常委会组成人员5人以上联名提出" in response.content.decode()
    assert not Interpellation.objects.exists()
    client.post(
        reverse("supervision:interpellation_create"),
        {"title": "质询", "text": "内容", "body": court.pk, "signers": people[:5]},
    )
    assert Interpellation.objects.count() == 1


def test_plan_item_edit_page(client_for, staff, sc_meeting, jurisdiction):
    from renda.people.models import Organization

    plan = services.plan_create(actor=staff, year=2026)
    item = plan.items.get(obligation="environment_report")
    client = client_for("staff")
    assert client.get(reverse("supervision:plan_item_edit", args=[item.pk])).status_code == 200
    data = {
        "kind": "special_report",
        "title": item.title,
        "supervised_body": item.supervised_body_id,
        "planned_meeting": sc_meeting.pk,
        "source": "statutory",
    }
    response = client.post(reverse("supervision:plan_item_edit", args=[item.pk]), data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.planned_meeting_id == sc_meeting.pk and item.planned_month == 6
    data["supervised_body"] = Organization.objects.get(code="court").pk
    response = client.post(reverse("supervision:plan_item_edit", args=[item.pk]), data)
    assert (
        response.status_code == 200
        and "法定年度事项的形式和监督对象不能修改" in response.content.decode()
    )
    item.refresh_from_db()
    assert item.supervised_body.code == "government"
    assert (
        client_for("leader").get(reverse("supervision:plan_item_edit", args=[item.pk])).status_code
        == 403
    )


def test_my_work_lists_opinions_to_send_and_results_to_record(client_for, scenario, staff, court):
    from renda.supervision.models import Report as ReportModel

    report = ReportModel.objects.get()
    services.opinion_compile(actor=staff, report=report, text="补充意见")
    html = client_for("staff").get(reverse("core:home")).content.decode()
    assert "送交审议意见：" in html and "登记测评结果：" in html
    assert "送交审议意见：" not in client_for("member").get(reverse("core:home")).content.decode()


def test_deputies_propose_inquiry_topics(client_for, users, deputies, term):
    from renda.people.models import Deputy
    from renda.supervision.models import InquiryTopic

    Deputy.objects.create(person=users["deputy"].person, term=term)
    client = client_for("deputy")
    own = users["deputy"].person_id
    data = {
        "year": "2027",
        "title": "养老服务体系建设",
        "proposers": [own] + [p.pk for p in deputies[:3]],
    }
    response = client.post(reverse("supervision:inquiry_topic_create"), data, follow=True)
    assert (
        "专题询问议题须由5名以上代表联名提出" in response.content.decode()
        and not InquiryTopic.objects.exists()
    )
    data["proposers"] = [p.pk for p in deputies[:5]]
    response = client.post(reverse("supervision:inquiry_topic_create"), data, follow=True)
    assert "提出人须包括您本人" in response.content.decode() and not InquiryTopic.objects.exists()
    data["proposers"] = [own] + [p.pk for p in deputies[:4]]
    response = client.post(reverse("supervision:inquiry_topic_create"), data, follow=True)
    assert InquiryTopic.objects.get().proposers.count() == 5
    assert "养老服务体系建设" in response.content.decode()


def test_inquiry_inspection_interpellation_and_judicial_pages(
    client_for, users, members, deputies, court, court_president, sc_meeting
):
    from renda.people.models import Organization
    from renda.supervision.models import (
        InquirySession,
        Inspection,
        Interpellation,
        JudicialRecord,
    )

    client = client_for("staff")
    # Inquiry: created, a question answered, held with the respondent present, opinions compiled.
    client.post(
        reverse("supervision:inquiry_create"),
        {
            "title": "执行难",
            "meeting": sc_meeting.pk,
            "form": "joint_group",
            "respondents": [court_president.pk],
        },
    )
    session = InquirySession.objects.get()
    client.post(
        reverse("supervision:inquiry_act", args=[session.pk, "question"]),
        {
            "asker": members[2].person_id,
            "respondent": court_president.pk,
            "question": "措施？",
            "answer": "三项措施。",
        },
    )
    response = client.post(
        reverse("supervision:inquiry_act", args=[session.pk, "hold"]),
        {"summary": "顺利"},
        follow=True,
    )
    assert "应询人必须到会应询" in response.content.decode()
    client.post(
        reverse("supervision:inquiry_act", args=[session.pk, "hold"]),
        {"attended": [court_president.pk], "summary": "顺利"},
    )
    response = client.post(
        reverse("supervision:inquiry_act", args=[session.pk, "compile"]), {"text": "询问意见"}
    )
    opinion = session.opinions.get()
    assert response["Location"].endswith(f"/opinions/{opinion.pk}/") and opinion.body == court
    assert (
        "三项措施。"
        in client.get(reverse("supervision:inquiry_detail", args=[session.pk])).content.decode()
    )
    # Inspection: created with its team, the plan sent late is flagged, findings make the report.
    client.post(
        reverse("supervision:inspection_create"),
        {
            "title": "检查",
            "law": "《环境保护法》",
            "starts_on": "2026-05-10",
            "ends_on": "2026-05-12",
            "leaders": [members[2].person_id],
            "deputies": [deputies[0].pk],
        },
    )
    inspection = Inspection.objects.get()
    assert inspection.team.count() == 2
    client.post(
        reverse("supervision:inspection_act", args=[inspection.pk, "plan_sent"]),
        {"on": "2026-05-05"},
    )
    html = client.get(reverse("supervision:inspections")).content.decode()
    assert 'class="overdue"' in html
    response = client.post(
        reverse("supervision:inspection_act", args=[inspection.pk, "report"]),
        {"findings": "问题", "body": Organization.objects.get(code="government").pk},
    )
    inspection.refresh_from_db()
    assert response["Location"].endswith(f"/reports/{inspection.report_id}/")
    # Interpellation: the council decides, the answer is recorded, most proposers are dissatisfied.
    people = [u.person_id for u in members[:5]]
    client.post(
        reverse("supervision:interpellation_create"),
        {"title": "质询", "text": "内容", "body": court.pk, "signers": people},
    )
    interp = Interpellation.objects.get()
    client_for("leader").post(
        reverse("supervision:interpellation_act", args=[interp.pk, "decide"]), {"mode": "written"}
    )
    client = client_for("staff")
    client.post(
        reverse("supervision:interpellation_act", args=[interp.pk, "answer"]),
        {"answer": "答复", "answered_by": "李院长"},
    )
    client.post(
        reverse("supervision:interpellation_act", args=[interp.pk, "feedback"]),
        {"dissatisfied": people[:3]},
    )
    interp.refresh_from_db()
    assert interp.status == Interpellation.Status.REANSWER
    # Judicial: a lead is recorded and forwarded with a feedback deadline.
    client.post(
        reverse("supervision:judicial_create"),
        {"kind": "misconduct_lead", "body": court.pk, "title": "线索", "received_on": "2026-10-10"},
    )
    record = JudicialRecord.objects.get()
    client.post(reverse("supervision:judicial_act", args=[record.pk, "forward"]))
    record.refresh_from_db()
    assert (
        record.case_id
        and "反馈期限" in client.get(reverse("supervision:judicial")).content.decode()
    )
    case_url = reverse("casework:detail", args=[record.case_id])
    assert case_url in client.get(reverse("supervision:judicial")).content.decode()
    # The chair sees the case's status but gets no link to a case they may not open.
    leader = client_for("leader")
    assert leader.get(case_url).status_code == 404
    page = leader.get(reverse("supervision:judicial")).content.decode()
    assert "反馈期限" in page and case_url not in page
