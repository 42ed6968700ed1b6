"""Pages through the Django test client: the list workspace, matters, overview, files, public pages."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from renda.decisions import services as S
from renda.decisions.models import AnnualList, Decision, Matter

from .conftest import run_poll

pytestmark = pytest.mark.django_db


@pytest.fixture
def gov_client(client, gov):
    client.force_login(gov)
    return client


def test_workspace_route_through_the_pages(client, users, gov, categories):
    client.force_login(gov)
    response = client.post(
        reverse("decisions:list_create"), {"year": 2027, "title": "", "explanation": ""}
    )
    lst = AnnualList.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "decisions:list_detail", args=[lst.pk]
    )
    response = client.post(
        reverse("decisions:item_add", args=[lst.pk]),
        {
            "category": categories["plans-budgets"].pk,
            "kind": "decision",
            "title": "关于预算调整的议案",
            "planned_quarter": "2",
            "description": "",
        },
    )
    assert response.status_code == 302
    item = lst.items.get()
    # Bad input: a quarter out of range changes nothing and says why.
    response = client.post(
        reverse("decisions:item_add", args=[lst.pk]),
        {
            "category": categories["plans-budgets"].pk,
            "kind": "decision",
            "title": "第二项",
            "planned_quarter": "9",
        },
        follow=True,
    )
    assert lst.items.count() == 1 and "计划提请季度" in response.content.decode()
    client.post(reverse("decisions:list_submit", args=[lst.pk]))
    lst.refresh_from_db()
    assert lst.status == "commenting"
    client.force_login(users["staff"])
    page = client.get(reverse("decisions:list_detail", args=[lst.pk])).content.decode()
    assert 'id="comment-form"' in page and 'id="item-form"' not in page
    client.post(
        reverse("decisions:list_comment", args=[lst.pk]), {"item": item.pk, "text": "建议提前。"}
    )
    client.post(reverse("decisions:list_close_comments", args=[lst.pk]))
    client.force_login(gov)
    client.post(
        reverse("decisions:item_edit", args=[lst.pk, item.pk]),
        {
            "category": categories["plans-budgets"].pk,
            "kind": "decision",
            "title": "关于预算调整的议案",
            "planned_quarter": "1",
            "description": "提前至一季度",
        },
    )
    comment = lst.comments.get()
    client.post(
        reverse("decisions:comment_respond", args=[lst.pk]),
        {"comment": comment.pk, "response": "已采纳。"},
    )
    client.post(reverse("decisions:list_submit", args=[lst.pk]))
    client.force_login(users["staff"])
    client.post(
        reverse("decisions:list_consent", args=[lst.pk]),
        {
            "consented_on": timezone.localdate().isoformat(),
            "reference": "清委〔2026〕9号",
            "note": "",
        },
    )
    client.force_login(users["leader"])
    client.post(reverse("decisions:list_adopt", args=[lst.pk]), {"meeting": ""})
    client.force_login(users["staff"])
    client.post(reverse("decisions:list_publish", args=[lst.pk]))
    lst.refresh_from_db()
    assert lst.status == "published" and lst.consent_reference == "清委〔2026〕9号"
    page = client.get(reverse("decisions:list_detail", args=[lst.pk])).content.decode()
    assert "已采纳。" in page and "<del>2</del> → <ins>1</ins>" in page


def test_files_are_real_and_formulas_escaped(client, users, gov, categories, published_list):
    from docx import Document
    from openpyxl import load_workbook

    lst = published_list(
        items=[
            ('=HYPERLINK("http://x")', "plans-budgets", "decision", 1),
            ("关于生态保护红线调整的报告", "environment-resources", "report", 2),
        ]
    )
    client.force_login(users["staff"])
    response = client.get(reverse("decisions:list_xlsx", args=[lst.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    titles = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert titles[0].startswith("'=") and titles[1] == "关于生态保护红线调整的报告"
    response = client.get(reverse("decisions:list_docx", args=[lst.pk]))
    doc = Document(io.BytesIO(response.content))
    assert lst.title in doc.paragraphs[0].text
    table = doc.tables[0]
    assert (
        table.rows[2].cells[2].text == "关于生态保护红线调整的报告"
        and table.rows[2].cells[5].text == "第二季度"
    )
    response = client.get(reverse("decisions:matters_xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 3
    # The public site serves the same list as Word.
    client.logout()
    response = client.get(reverse("portal:decision_list_docx", args=[lst.pk]))
    assert "清委〔2026〕1号" in "".join(
        p.text for p in Document(io.BytesIO(response.content)).paragraphs
    )


def test_government_sees_only_its_own(client, users, gov, published_list):
    lst = published_list()
    client.force_login(users["unit_officer"])
    assert client.get(reverse("decisions:lists")).status_code == 403
    client.force_login(gov)
    assert client.get(reverse("decisions:list_detail", args=[lst.pk])).status_code == 200
    matter = Matter.objects.first()
    assert client.get(reverse("decisions:matter_detail", args=[matter.pk])).status_code == 200
    assert client.get(reverse("decisions:overview")).status_code == 403


def test_matter_page_decision_and_public_site(
    client, users, gov, published_list, sc_meeting, committee
):
    staff = users["staff"]
    published_list()
    matter = Matter.objects.get(kind="decision")
    client.force_login(staff)
    client.post(reverse("decisions:matter_schedule", args=[matter.pk]), {"meeting": sc_meeting.pk})
    matter.refresh_from_db()
    assert matter.agenda_item.meeting_id == sc_meeting.pk
    page = client.get(reverse("decisions:matter_detail", args=[matter.pk])).content.decode()
    assert 'id="meeting-link"' in page and 'id="lead-time"' in page and "§6.3" in page
    # The matters list finds it by a word of its title (Chinese full-text search).
    found = client.get(reverse("decisions:matters") + "?q=预算").context["page_obj"].paginator.count
    assert found == 1
    assert (
        client.get(reverse("decisions:matters") + "?q=水源").context["page_obj"].paginator.count
        == 0
    )
    client.post(
        reverse("decisions:decision_propose", args=[matter.pk]),
        {"kind": "decision", "title": "关于批准预算调整方案的决定", "text": "批准。"},
    )
    decision = Decision.objects.get()
    run_poll(staff, sc_meeting, decision.poll, committee, ["yes", "yes", "abstain"])
    # The sealed poll waits in the office's "my work" until its result is recorded.
    assert (
        "登记表决结果：关于批准预算调整方案的决定"
        in client.get(reverse("core:home")).content.decode()
    )
    client.post(reverse("decisions:decision_record", args=[decision.pk]))
    client.post(reverse("decisions:decision_publish", args=[decision.pk]))
    decision.refresh_from_db()
    assert decision.status == "published"
    client.logout()
    page = client.get(reverse("portal:decisions")).content.decode()
    assert "关于批准预算调整方案的决定" in page
    page = client.get(reverse("portal:decision_detail", args=[decision.pk])).content.decode()
    assert "赞成 2，反对 0，弃权 1" in page
    assert reverse("portal:decisions") in client.get(reverse("portal:meetings")).content.decode()


def test_overview_counts_overdue_and_draws_the_chart(client, users, published_list):
    import time_machine

    published_list(
        items=[
            ("一季度事项", "plans-budgets", "decision", 1),
            ("四季度事项", "plans-budgets", "report", 4),
        ]
    )
    client.force_login(users["leader"])
    with time_machine.travel(dt.datetime(2026, 5, 1, 10, tzinfo=dt.UTC), tick=False):
        response = client.get(reverse("decisions:overview") + "?year=2026")
    page = response.content.decode()
    assert 'data-echarts="chart-categories"' in page and "echarts.min.js" in page
    rows = {r["label"]: r for r in response.context["rows"]}
    assert rows["规划计划和预算决算"]["total"] == 2 and rows["规划计划和预算决算"]["overdue"] == 1
    assert [m.title for m in response.context["overdue"]] == ["一季度事项"]


def _add_matters(staff, categories, government, n):
    for i in range(n):
        S.matter_create(
            actor=staff,
            category=categories["major-policies"],
            kind="decision",
            title=f"事项{i}",
            proposing_body=government,
        )


def test_list_pages_have_pinned_query_counts(
    client, users, categories, government, published_list, django_assert_num_queries
):
    staff = users["staff"]
    client.force_login(staff)
    _add_matters(staff, categories, government, 3)
    client.get(reverse("decisions:matters"))
    with django_assert_num_queries(7):
        client.get(reverse("decisions:matters"))
    _add_matters(staff, categories, government, 5)
    with django_assert_num_queries(7):
        assert client.get(reverse("decisions:matters")).context["page_obj"].paginator.count == 8
    published_list(year=2025)
    with django_assert_num_queries(6):
        client.get(reverse("decisions:lists"))
    published_list(year=2026)
    with django_assert_num_queries(6):
        assert client.get(reverse("decisions:lists")).context["page_obj"].paginator.count == 2
    client.logout()
    matters = list(Matter.objects.order_by("id")[:2])
    Decision.objects.create(
        matter=matters[0],
        kind="decision",
        title="决定一",
        text="正文",
        status="published",
        decided_on=dt.date(2026, 3, 1),
    )
    with django_assert_num_queries(4):
        client.get(reverse("portal:decisions"))
    Decision.objects.create(
        matter=matters[1],
        kind="resolution",
        title="决议二",
        text="正文",
        status="published",
        decided_on=dt.date(2026, 4, 1),
    )
    with django_assert_num_queries(4):
        assert client.get(reverse("portal:decisions")).context["page_obj"].paginator.count == 2


def test_my_work_shows_the_step_waiting_for_each_user(
    client, users, gov, categories, published_list
):
    import time_machine

    published_list(items=[("二季度事项", "plans-budgets", "decision", 2)])
    lst = S.annual_list_create(actor=gov, year=2027)
    client.force_login(gov)
    assert "重大事项清单" in client.get(reverse("core:home")).content.decode()
    S.list_item_add(
        actor=gov,
        annual_list=lst,
        category=categories["plans-budgets"],
        title="事项",
        planned_quarter=1,
    )
    S.annual_list_submit(actor=gov, annual_list=lst)
    client.force_login(users["staff"])
    with time_machine.travel(dt.datetime(2026, 7, 2, 10, tzinfo=dt.UTC), tick=False):
        page = client.get(reverse("core:home")).content.decode()
    assert lst.title in page and "逾期未提请：二季度事项" in page
    client.force_login(users["leader"])
    assert lst.title not in client.get(reverse("core:home")).content.decode()


def test_revocation_motion_page_refuses_bad_input_and_registers(client, users, categories):
    from renda.people.models import Organization

    council = Organization.objects.get(kind="chairpersons_council")
    client.force_login(users["staff"])
    data = {
        "title": "关于撤销某决定的议案",
        "revoked_title": "关于某事项的决定",
        "revoked_number": "清政发〔2026〕3号",
        "revoked_issued_on": "2026-05-01",
        "grounds": "",
        "category": categories["major-policies"].pk,
        "proposing_body": council.pk,
        "description": "",
    }
    response = client.post(reverse("decisions:revocation_create"), data)
    assert response.status_code == 200 and "撤销理由" in response.content.decode()
    assert not Matter.objects.exists()
    data["grounds"] = "未经合法性审查。"
    response = client.post(reverse("decisions:revocation_create"), data)
    matter = Matter.objects.get()
    assert response["Location"] == reverse("decisions:matter_detail", args=[matter.pk])
    assert (
        matter.kind == "revocation"
        and matter.proposing_body == council
        and matter.status == "registered"
    )
    page = client.get(reverse("decisions:matter_detail", args=[matter.pk])).content.decode()
    assert "清政发〔2026〕3号" in page and 'id="schedule-form"' in page
    client.force_login(users["leader"])
    assert client.get(reverse("decisions:revocation_create")).status_code == 403
