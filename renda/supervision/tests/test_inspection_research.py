"""Inspections in progress (§3.6) and special research (专题调研): services, pages, public report."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from renda.core.errors import Conflict, DomainError
from renda.core.models import AuditEvent
from renda.meetings.models import AgendaItem
from renda.people.models import Organization
from renda.supervision import selectors, services
from renda.supervision.models import Inspection, Opinion, Research, TopicKind

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% research report\n"


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour))


@pytest.fixture
def inspection(staff, members, deputies, jurisdiction):
    return services.inspection_create(
        actor=staff,
        title="检查《水污染防治法》实施情况",
        law="《水污染防治法》",
        starts_on=dt.date(2026, 10, 12),
        ends_on=dt.date(2026, 10, 16),
        places="沿河各区",
        team=[(members[1].person, "leader"), (deputies[0], "deputy")],
    )


# -- inspections -------------------------------------------------------------------------------


def test_inspection_goes_planned_in_progress_findings_report(staff, inspection, sc_meeting):
    """National Day week: the plan due on 2026-10-02 (10 days before the 12th) is late when sent on the 9th."""
    assert services.plan_due_on(inspection) == dt.date(2026, 10, 2)
    with time_machine.travel(at(dt.date(2026, 10, 9)), tick=False):
        with pytest.raises(Conflict) as refused:
            services.inspection_start(actor=staff, inspection=inspection)
        assert refused.value.code == "inspection_plan_not_sent"
        services.inspection_plan_sent(actor=staff, inspection=inspection, on=dt.date(2026, 10, 9))
        inspection.refresh_from_db()
        assert selectors.inspection_plan_late(inspection, dt.date(2026, 10, 9))
        # Not over yet and not started: no report.
        with pytest.raises(Conflict) as refused:
            services.inspection_report(
                actor=staff,
                inspection=inspection,
                findings="问题",
                body=Organization.objects.get(code="government"),
            )
        assert refused.value.code == "inspection_not_started"
    with time_machine.travel(at(dt.date(2026, 10, 12)), tick=False):
        inspection = services.inspection_start(actor=staff, inspection=inspection)
    assert inspection.status == Inspection.Status.UNDERWAY and inspection.started_at == at(
        dt.date(2026, 10, 12)
    )
    event = AuditEvent.objects.get(action="supervision.inspection.started")
    assert event.changes["plan_late"] is True
    with pytest.raises(Conflict):
        services.inspection_start(actor=staff, inspection=inspection)
    with pytest.raises(DomainError) as refused:
        services.inspection_findings(actor=staff, inspection=inspection, findings="  ")
    assert refused.value.code == "field_required"
    inspection = services.inspection_findings(
        actor=staff, inspection=inspection, findings="部分排污口未整治"
    )
    assert inspection.status == Inspection.Status.FINDINGS
    inspection = services.inspection_findings(
        actor=staff, inspection=inspection, findings="部分排污口未整治；监测不足"
    )
    # The compiled findings make the report; no need to type them again.
    report = services.inspection_report(
        actor=staff, inspection=inspection, body=Organization.objects.get(code="government")
    )
    inspection.refresh_from_db()
    assert (
        inspection.status == Inspection.Status.REPORTED
        and report.text == "部分排污口未整治；监测不足"
    )
    assert (
        report.title == "关于检查《水污染防治法》实施情况的报告"
    )  # the law's own 《》 are not doubled
    with pytest.raises(Conflict):
        services.inspection_findings(actor=staff, inspection=inspection, findings="再改")
    with pytest.raises(Conflict):
        services.inspection_plan_sent(actor=staff, inspection=inspection, on=dt.date(2026, 10, 1))


def test_inspection_buttons_on_the_page(client_for, staff, inspection):
    client = client_for("staff")
    url = reverse("supervision:inspection_detail", args=[inspection.pk])
    html = client.get(url).content.decode()
    assert 'id="inspection-start"' in html and 'id="inspection-findings"' not in html
    response = client.post(
        reverse("supervision:inspection_act", args=[inspection.pk, "start"]), follow=True
    )
    assert "请先登记检查方案印发日期" in response.content.decode()
    client.post(
        reverse("supervision:inspection_act", args=[inspection.pk, "plan_sent"]),
        {"on": "2026-09-30"},
    )
    response = client.post(
        reverse("supervision:inspection_act", args=[inspection.pk, "start"]), follow=True
    )
    assert "已开始检查。" in response.content.decode()
    html = client.get(url).content.decode()
    assert (
        'id="inspection-findings"' in html
        and 'id="inspection-start"' not in html
        and "检查中" in html
    )
    client.post(
        reverse("supervision:inspection_act", args=[inspection.pk, "findings"]),
        {"findings": "问题清单"},
    )
    inspection.refresh_from_db()
    assert inspection.status == Inspection.Status.FINDINGS and inspection.findings == "问题清单"
    response = client.post(
        reverse("supervision:inspection_act", args=[inspection.pk, "report"]),
        {"findings": "", "body": Organization.objects.get(code="government").pk},
    )
    inspection.refresh_from_db()
    assert response["Location"].endswith(f"/reports/{inspection.report_id}/")
    # A leader reads the page but has no buttons and cannot act.
    assert 'id="inspection-findings"' not in client_for("leader").get(url).content.decode()
    assert (
        client_for("leader")
        .post(reverse("supervision:inspection_act", args=[inspection.pk, "start"]))
        .status_code
        == 403
    )


# -- special research --------------------------------------------------------------------------


@pytest.fixture
def research_item(staff, jurisdiction):
    plan = services.plan_create(actor=staff, year=2026)
    return services.plan_item_add(
        actor=staff,
        plan=plan,
        kind=TopicKind.RESEARCH,
        title="农村饮用水安全专题调研",
        supervised_body=Organization.objects.get(code="government"),
        planned_month=9,
    )


def test_research_from_plan_item_to_public_report_and_opinions(
    staff, members, deputies, research_item, sc_meeting, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    gov = Organization.objects.get(code="government")
    with pytest.raises(DomainError) as refused:
        services.research_create(actor=staff, title="调研", team=[(deputies[0], "member")])
    assert refused.value.code == "not_sc_member"
    research = services.research_create(
        actor=staff,
        title="",
        plan_item=research_item,
        places="三个乡镇；座谈、实地查看",
        starts_on=dt.date(2026, 5, 6),
        ends_on=dt.date(2026, 5, 8),
        team=[(members[1].person, "leader"), (deputies[1], "deputy")],
    )
    assert research.title == "农村饮用水安全专题调研" and research.body == gov
    assert research.status == Research.Status.PLANNED
    with pytest.raises(Conflict):
        services.research_report(actor=staff, research=research, findings="x", report_text="y")
    research = services.research_start(actor=staff, research=research)
    assert research.status == Research.Status.UNDERWAY

    def item_status():
        states = selectors.item_states(selectors.plan_with_items(2026), dt.date(2026, 10, 1))
        state = next(st for st in states if st.item.pk == research_item.pk)
        return state.status, state.overdue

    assert item_status() == ("underway", False)
    with pytest.raises(DomainError) as refused:
        services.research_report(actor=staff, research=research, findings="管网老化")
    assert refused.value.code == "research_report_missing"
    with pytest.raises(DomainError) as refused:
        services.research_report(
            actor=staff,
            research=research,
            findings="管网老化",
            attachment=SimpleUploadedFile("报告.pdf", b"not a pdf"),
        )
    assert refused.value.code == "upload_type"
    research = services.research_report(
        actor=staff,
        research=research,
        findings="管网老化",
        report_text="一、基本情况。\n二、存在问题。\n三、建议。",
        attachment=SimpleUploadedFile("调研报告.pdf", PDF),
    )
    research.refresh_from_db()
    assert research.status == Research.Status.REPORTED and not research.published
    assert item_status() == ("done", False)
    with research.attachment.open("rb") as f:
        assert f.read() == PDF
    research = services.research_publish(actor=staff, research=research)
    assert research.published and research.published_at
    services.research_publish(actor=staff, research=research)  # already published: nothing changes
    assert AuditEvent.objects.filter(action="supervision.research.published").count() == 1
    # Submitted to the standing committee, it is heard like a report; opinions follow the opinion path.
    report = services.research_submit(actor=staff, research=research)
    assert report.body == gov and report.plan_item == research_item
    with pytest.raises(Conflict):
        services.research_submit(actor=staff, research=research)
    report = services.report_schedule(actor=staff, report=report, meeting=sc_meeting)
    assert report.agenda_item.kind == AgendaItem.Kind.OTHER
    with time_machine.travel(at(dt.date(2026, 6, 25)), tick=False):
        services.report_deliberate(actor=staff, report=report)
        opinion = services.opinion_send(
            actor=staff,
            opinion=services.opinion_compile(
                actor=staff, report=report, text="加快农村供水管网改造"
            ),
        )
    assert opinion.origin == Opinion.Origin.RESEARCH
    assert services.current_round(opinion).case.kind.code == "research_opinion"


def test_research_refuses_a_plan_item_of_another_kind(staff, jurisdiction):
    plan = services.plan_create(actor=staff, year=2026)
    item = plan.items.get(obligation="court_report")
    with pytest.raises(DomainError) as refused:
        services.research_create(actor=staff, title="调研", plan_item=item)
    assert refused.value.code == "plan_item_not_research"
    assert not Research.objects.exists()


def test_research_pages_and_public_report(
    client_for,
    client,
    staff,
    members,
    deputies,
    research_item,
    settings,
    tmp_path,
    django_assert_num_queries,
):
    settings.MEDIA_ROOT = tmp_path
    office = client_for("staff")
    # The plan's research topic offers to open its research, with the topic chosen in the form.
    plan_html = office.get(
        reverse("supervision:plan_detail", args=[research_item.plan_id])
    ).content.decode()
    start = f"{reverse('supervision:research')}?plan_item={research_item.pk}"
    assert start in plan_html
    form_html = office.get(start).content.decode()
    assert f'<option value="{research_item.pk}" selected>' in form_html
    response = office.post(
        reverse("supervision:research_create"),
        {
            "title": "农村饮用水安全专题调研",
            "plan_item": research_item.pk,
            "starts_on": "2026-05-06",
            "leaders": [members[1].person_id],
            "deputies": [deputies[1].pk],
        },
    )
    research = Research.objects.get()
    assert response["Location"].endswith(f"/research/{research.pk}/") and research.team.count() == 2
    plan_html = office.get(
        reverse("supervision:plan_detail", args=[research_item.plan_id])
    ).content.decode()
    assert (
        reverse("supervision:research_detail", args=[research.pk]) in plan_html
        and start not in plan_html
    )
    office.post(reverse("supervision:research_act", args=[research.pk, "start"]))
    response = office.post(
        reverse("supervision:research_act", args=[research.pk, "report"]),
        {
            "findings": "管网老化",
            "report_text": "调研报告正文：建议加快改造。",
            "attachment": SimpleUploadedFile("调研报告.pdf", PDF),
        },
        follow=True,
    )
    assert "调研报告已登记。" in response.content.decode()
    research.refresh_from_db()
    assert research.status == Research.Status.REPORTED
    file_response = office.get(reverse("supervision:research_attachment", args=[research.pk]))
    assert b"".join(file_response.streaming_content) == PDF
    # Not yet public.
    assert client.get(reverse("portal:supervision_research", args=[research.pk])).status_code == 404
    assert (
        client.get(reverse("portal:supervision_research_file", args=[research.pk])).status_code
        == 404
    )
    office.post(reverse("supervision:research_act", args=[research.pk, "publish"]))
    html = client.get(reverse("portal:supervision_research", args=[research.pk])).content.decode()
    assert "调研报告正文：建议加快改造。" in html and "下载调研报告文件" in html
    public_file = client.get(reverse("portal:supervision_research_file", args=[research.pk]))
    assert b"".join(public_file.streaming_content) == PDF
    assert (
        "农村饮用水安全专题调研"
        in client.get(reverse("portal:supervision_research_list")).content.decode()
    )
    response = office.post(
        reverse("supervision:research_act", args=[research.pk, "submit"]), {"body": ""}
    )
    research.refresh_from_db()
    assert response["Location"].endswith(f"/reports/{research.report_id}/")
    # Lists with two more rows: the query counts stay pinned.
    for i in range(2):
        r = services.research_create(
            actor=staff, title=f"调研{i}", team=[(members[0].person, "leader")]
        )
        services.research_start(actor=staff, research=r)
        services.research_report(actor=staff, research=r, findings="问题", report_text="报告")
        services.research_publish(actor=staff, research=r)
    # session, user, count, nav (2), rows, and the create form's plan items, bodies and three team lists.
    with django_assert_num_queries(11):
        assert office.get(reverse("supervision:research")).status_code == 200
    with django_assert_num_queries(5):
        assert client.get(reverse("portal:supervision_research_list")).status_code == 200
    assert client_for("member").get(reverse("supervision:research")).status_code == 403
