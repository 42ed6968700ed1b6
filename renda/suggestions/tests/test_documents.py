"""Reply letters, the handling report and the list export, opened back and read."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    doc = Document(io.BytesIO(response.content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [" | ".join(c.text for c in row.cells) for row in table.rows]
    return "\n".join(parts)


def test_reply_letter_for_staff_unit_and_deputy(client_for, handled, users, units):
    s = handled(result="A")
    reply = s.case.replies.get()
    url = reverse("suggestions:reply_letter", args=[s.pk, reply.pk])
    for role in ("staff", "deputy", "unit_officer"):
        response = client_for(role).get(url)
        assert response.status_code == 200, role
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    text = _text(response)
    assert f"{users['deputy'].person.name}代表：" in text
    assert s.number in text and f"《{s.title}》" in text
    assert "经研究，已经落实。" in text and "A类（已解决或采纳）" in text
    assert "签发人：张局长" in text and units["education"].name in text and "2026年3月12日" in text
    assert client_for("member").get(url).status_code == 403
    # A unit that does not handle it cannot read it.
    other = handled(unit="transport", result="B")
    other_url = reverse("suggestions:reply_letter", args=[other.pk, other.case.replies.get().pk])
    assert client_for("unit_officer").get(other_url).status_code == 404
    # A reply of another suggestion is not this one's.
    assert (
        client_for("staff")
        .get(reverse("suggestions:reply_letter", args=[s.pk, other.case.replies.get().pk]))
        .status_code
        == 404
    )
    page = client_for("deputy").get(reverse("suggestions:detail", args=[s.pk])).content.decode()
    assert url in page


def test_handling_report_holds_the_tables(client_for, handled, units):
    handled(result="A", rating="satisfied")
    handled(unit="transport")
    response = client_for("leader").get(reverse("suggestions:handling_report"))
    assert response.status_code == 200
    text = _text(response)
    assert "关于代表建议办理情况的报告" in text
    assert "共收到代表建议2件，已交办2件，已答复1件，办复率50.0%" in text
    assert f"1 | {units['education'].name} | 1 | 1 | 1 | 100.0% | 100.0% | 100.0% | 0" in text
    assert "第17届闭会期间 | 2" in text


def test_export_writes_exactly_the_filtered_rows_escaped(client_for, make_suggestion):
    make_suggestion(title='=HYPERLINK("http://x")关于公交的建议')
    make_suggestion(title="关于教育的建议")
    make_suggestion(title="草稿建议", status="draft")
    client = client_for("staff")
    response = client.get(reverse("suggestions:export"), {"q": "公交"})
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:2] == ("编号", "标题")
    assert len(rows) == 2 and rows[1][1].startswith("'=HYPERLINK")
    response = client.get(reverse("suggestions:export"))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) == 3  # the header and the two submitted; others' drafts are never shown
    assert client_for("leader").get(reverse("suggestions:export")).status_code == 403
    assert "export.xlsx" in client_for("staff").get(reverse("suggestions:list")).content.decode()


@pytest.fixture
def cosigned_reply(users, deputy, other_deputies, units):
    """A suggestion of the deputy with two confirmed co-signers, assigned and replied."""
    import datetime as dt

    from renda.accounts.models import User
    from renda.casework import services as cw
    from renda.core.workdays import load_package_calendar
    from renda.suggestions import services as S
    from renda.suggestions.assignment import UnitProposal, suggestion_assign

    load_package_calendar()
    s = S.suggestion_create(
        actor=users["deputy"],
        title="关于建设城市绿道的建议",
        content="建议连通滨河绿道。",
        category="construction",
    )
    for d in other_deputies:
        S.cosigner_invite(actor=users["deputy"], suggestion=s, deputy=d)
        S.cosigner_confirm(actor=User.objects.get(person=d.person), suggestion=s)
    S.suggestion_submit(actor=users["deputy"], suggestion=s)
    S.suggestion_accept(actor=users["staff"], suggestion=s)
    start = dt.datetime(2026, 3, 2, 2, tzinfo=dt.UTC)
    suggestion_assign(
        actor=users["staff"],
        suggestion=s,
        lead=units["education"],
        now=start,
        proposal=UnitProposal([], []),
    )
    s.refresh_from_db()
    officer = users["unit_officer"]
    cw.assignment_receive(actor=officer, case=s.case, now=start + dt.timedelta(days=1))
    cw.contact_log(
        actor=officer,
        case=s.case,
        contacted_on=dt.date(2026, 3, 4),
        method="meeting",
        note="座谈",
        now=start + dt.timedelta(days=2),
    )
    cw.reply_submit(
        actor=officer,
        case=s.case,
        text="绿道一期已列入年度计划。",
        result_class="B",
        signed_by_name="张局长",
        publishable=True,
        now=start + dt.timedelta(days=10),
    )
    return s, s.case.replies.get()


def test_one_reply_letter_per_deputy_rule_1_11(client_for, users, other_deputies, cosigned_reply):
    s, reply = cosigned_reply
    url = reverse("suggestions:reply_letters", args=[s.pk, reply.pk])
    page = client_for("deputy").get(reverse("suggestions:detail", args=[s.pk])).content.decode()
    assert url in page
    for role in ("staff", "unit_officer", "deputy"):
        assert client_for(role).get(url).status_code == 200, role
    response = client_for("staff").get(url)
    doc = Document(io.BytesIO(response.content))
    names = [users["deputy"].person.name] + [d.person.name for d in other_deputies]
    greetings = [p.text for p in doc.paragraphs if p.text.endswith("代表：")]
    assert greetings == [f"{n}代表：" for n in names]  # one letter each, lead deputy first
    assert sum("w:br" in p._p.xml and 'w:type="page"' in p._p.xml for p in doc.paragraphs) == 2
    text = _text(response)
    assert text.count("绿道一期已列入年度计划。") == 3 and text.count("签发人：张局长") == 3
    assert f"同时答复：{names[1]}、{names[2]}" in text  # the lead deputy's letter names the others

    one = client_for("staff").get(url, {"deputy": other_deputies[1].pk})
    text = _text(one)
    assert f"{names[2]}代表：" in text and f"{names[0]}代表：" not in text
    assert f"同时答复：{names[0]}、{names[1]}" in text
    assert client_for("staff").get(url, {"deputy": 999999}).status_code == 404
    assert client_for("member").get(url).status_code == 403
