"""Filing review services with the database: filing, formal check, receipts, reviews, outcomes, suggestions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from renda.casework import services as cw
from renda.casework.models import Case
from renda.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from renda.core.models import AuditEvent, RuleSetting
from renda.filings import services as S
from renda.filings.models import Filing, Receipt, Review, ReviewItem, ReviewSuggestion
from renda.filings.selectors import correction_items, filings_visible_to
from renda.people.models import Organization

from .conftest import TEXT, docx_upload, pdf_bytes

pytestmark = pytest.mark.django_db


def _actions(obj):
    return list(
        AuditEvent.objects.filter(object_id=str(obj.pk), action__startswith="filings.filing.")
        .order_by("seq")
        .values_list("action", flat=True)
    )


def _problem(staff, item, key="legality"):
    return S.checklist_save(
        actor=staff,
        item=item,
        answers={key: {"answer": "problem", "note": "设定罚款超出权限"}},
        findings="第五条设定罚款，无上位法依据。",
    )


# -- filing -------------------------------------------------------------------------------


def test_filing_from_a_docx_extracts_the_text(filer):
    f = S.filing_create(
        actor=filer,
        title="清河市校外培训机构管理办法",
        document_number="清教发〔2026〕1号",
        published_on=dt.date.today(),
        drafting_explanation="说明",
        legal_basis="教育法",
        upload=docx_upload(),
    )
    assert f.enacting_body == filer.scope and f.status == Filing.Status.SUBMITTED
    assert "校外培训机构" in f.text and f.file_name == "办法.docx" and f.file.name
    assert not f.is_late
    assert {h["kinds"][0] for h in f.highlights} >= {"licence", "fee", "penalty", "coercive"}
    assert f.similarity_keys.count() == 32
    assert _actions(f) == ["filings.filing.created"]


def test_filing_from_a_pdf_extracts_the_text(filer):
    upload = SimpleUploadedFile("办法.pdf", pdf_bytes(), content_type="application/pdf")
    f = S.filing_create(
        actor=filer,
        title="办法",
        document_number="清教发〔2026〕2号",
        published_on=dt.date.today(),
        drafting_explanation="说明",
        legal_basis="教育法",
        upload=upload,
    )
    assert "第三条" in f.text and "许可" in f.text


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("办法.docx", b"PK\x03\x04 this is not a zip", "upload_unreadable"),
        ("办法.pdf", b"%PDF-1.4 broken", "upload_unreadable"),
        ("办法.doc", b"\xd0\xcf\x11\xe0", "upload_type"),
        ("办法.pdf", b"PK\x03\x04", "upload_type"),
        ("办法.docx", b"", "upload_empty"),
    ],
)
def test_unreadable_uploads_are_refused_and_nothing_is_written(filer, name, data, code):
    upload = SimpleUploadedFile(name, data)
    with pytest.raises(DomainError) as err:
        S.filing_create(
            actor=filer,
            title="办法",
            document_number="清教发〔2026〕3号",
            published_on=dt.date.today(),
            drafting_explanation="说明",
            legal_basis="教育法",
            upload=upload,
        )
    assert (err.value.code, err.value.field) == (code, "file")
    assert err.value.message_in("zh-hans") and err.value.message_in("en")
    assert (
        not Filing.objects.exists()
        and not AuditEvent.objects.filter(action__startswith="filings.").exists()
    )


def test_missing_document_number_is_refused(filer):
    with pytest.raises(DomainError) as err:
        S.filing_create(
            actor=filer,
            title="办法",
            document_number="  ",
            published_on=dt.date.today(),
            drafting_explanation="说明",
            legal_basis="教育法",
            text=TEXT,
        )
    assert (err.value.code, err.value.field) == ("field_required", "document_number")
    assert not Filing.objects.exists()


def test_duplicate_filing_is_refused(make_filing):
    make_filing(number="清教发〔2026〕9号")
    with pytest.raises(Conflict) as err:
        make_filing(number="清教发〔2026〕9号")
    assert err.value.code == "duplicate_filing"
    assert Filing.objects.count() == 1


def test_only_enacting_bodies_file_their_own_documents(users, make_filing, jurisdiction):
    with pytest.raises(PermissionDenied):
        make_filing(actor=users["deputy"])
    with pytest.raises(PermissionDenied) as err:
        make_filing(enacting_body=Organization.objects.get(code="court"))
    assert err.value.code == "not_own_body"
    # Office staff may enter a filing on behalf of a body in scope, never for the SC itself.
    f = make_filing(actor=users["admin"], enacting_body=Organization.objects.get(code="court"))
    assert f.enacting_body.code == "court"
    with pytest.raises(DomainError) as err:
        make_filing(
            actor=users["admin"], enacting_body=Organization.objects.get(code="standing-committee")
        )
    assert err.value.code == "not_in_scope"


def test_rule_5_2_filed_within_30_days_rolls_over_national_day(make_filing):
    """§5.2: 30 days from 2026-09-01 end on 2026-10-01, a holiday; the last day is 2026-10-08."""
    on_time = make_filing(
        published_on=dt.date(2026, 9, 1), now=dt.datetime(2026, 10, 8, 10, tzinfo=dt.UTC)
    )
    assert on_time.filing_due_on == dt.date(2026, 10, 8) and not on_time.is_late
    late = make_filing(
        published_on=dt.date(2026, 9, 1), now=dt.datetime(2026, 10, 9, 10, tzinfo=dt.UTC)
    )
    assert late.is_late


def test_rule_5_4_formal_check_and_correction_periods_across_spring_festival(make_filing, staff):
    """§5.4: 10 days for the check; returned on 2026-02-10, correction due 2026-02-20 → after the holiday, 02-24."""
    f = make_filing(published_on=dt.date(2026, 2, 1), now=dt.datetime(2026, 2, 6, 3, tzinfo=dt.UTC))
    assert f.formal_check_due_on == dt.date(2026, 2, 24)  # 02-16 falls in 春节 (02-15..23)
    receipt = S.filing_return(
        actor=staff,
        filing=f,
        reason="缺少起草说明附件",
        now=dt.datetime(2026, 2, 10, 3, tzinfo=dt.UTC),
    )
    f.refresh_from_db()
    assert f.status == Filing.Status.RETURNED and f.correction_due_on == dt.date(2026, 2, 24)
    assert receipt.kind == Receipt.Kind.RETURNED and receipt.number.startswith("BZ2026")


def test_return_correct_register_with_receipts_either_way(make_filing, staff, filer):
    f = make_filing()
    returned = S.filing_return(actor=staff, filing=f, reason="正文不完整")
    with pytest.raises(Conflict):
        S.filing_register(actor=staff, filing=f)
    S.filing_correct(
        actor=filer, filing=f, upload=docx_upload(TEXT + "\n第八条 补充条款。"), note="已补全"
    )
    f.refresh_from_db()
    assert f.status == Filing.Status.SUBMITTED and "第八条" in f.text
    registered = S.filing_register(actor=staff, filing=f)
    f.refresh_from_db()
    assert f.status == Filing.Status.REGISTERED and f.registration_number.startswith("备2026第")
    assert {returned.kind, registered.kind} == {
        "returned",
        "registered",
    } and returned.number != registered.number
    assert f.receipts.count() == 2
    review = f.reviews.get()
    assert review.kind == Review.Kind.ACTIVE
    assert _actions(f) == [
        "filings.filing.created",
        "filings.filing.returned",
        "filings.filing.corrected",
        "filings.filing.registered",
    ]


def test_another_body_cannot_correct(make_filing, staff, other_filer):
    f = make_filing()
    S.filing_return(actor=staff, filing=f, reason="正文不完整")
    with pytest.raises(PermissionDenied):
        S.filing_correct(actor=other_filer, filing=f, note="x")


def test_a_body_sees_only_its_own_filings_and_correction_requests(
    make_filing, other_filer, users, staff, registered
):
    court = S.filing_create(
        actor=other_filer,
        title="关于审判工作的规定",
        document_number="清中法〔2026〕1号",
        published_on=dt.date.today(),
        drafting_explanation="说明",
        legal_basis="法院组织法",
        text="第一条 规范审判管理工作。",
    )
    assert list(filings_visible_to(users["unit_officer"])) == [registered]
    assert list(filings_visible_to(other_filer)) == [court]
    assert set(filings_visible_to(users["leader"])) == {registered, court}
    assert not filings_visible_to(users["deputy"]).exists()
    item = registered.review_items.get()
    _problem(staff, item)
    S.outcome_record(actor=staff, item=item, outcome="correction", note="请修改第五条")
    assert list(correction_items(users["unit_officer"])) == [item]
    assert not correction_items(other_filer).exists()


# -- review -------------------------------------------------------------------------------


def test_rule_5_5_routing_and_review_periods_across_spring_festival(make_filing, staff, users):
    """§5.5: routed within 5 working days (02-14 is a 调休 Saturday), reviewed within 3 months, +3 approved."""
    f = make_filing(published_on=dt.date(2026, 2, 1), now=dt.datetime(2026, 2, 5, 3, tzinfo=dt.UTC))
    S.filing_register(actor=staff, filing=f, now=dt.datetime(2026, 2, 12, 3, tzinfo=dt.UTC))
    review = f.reviews.get()
    assert review.route_due_on == dt.date(2026, 2, 26)
    assert review.due_on == dt.date(2026, 5, 12)
    with pytest.raises(PermissionDenied):
        S.review_extend(actor=staff, review=review, reason="需要调研")
    review = S.review_extend(actor=users["leader"], review=review, reason="需要调研")
    assert review.due_on == dt.date(2026, 8, 12) and review.extended
    with pytest.raises(Conflict):
        S.review_extend(actor=users["leader"], review=review, reason="再次延长")


def test_routing_views_and_hearings(registered, staff):
    review = registered.reviews.get()
    body = Organization.objects.get(code="wc-legal-filing")
    with pytest.raises(DomainError):
        S.review_route(actor=staff, review=review, body=Organization.objects.get(code="court"))
    S.review_route(
        actor=staff,
        review=review,
        body=body,
        reviewer=staff,
        now=dt.datetime(2026, 9, 30, 3, tzinfo=dt.UTC),
    )
    view = S.committee_view_request(
        actor=staff,
        review=review,
        committee=Organization.objects.get(code="sp-legal"),
        now=dt.datetime(2026, 9, 3, 3, tzinfo=dt.UTC),
    )
    # 30 days from 2026-09-03 end on 10-03, inside National Day: the view is due 10-08.
    assert view.due_on == dt.date(2026, 10, 8)
    with pytest.raises(Conflict):
        S.committee_view_request(actor=staff, review=review, committee=view.committee)
    S.committee_view_submit(actor=staff, view=view, text="建议删除第五条罚款规定。")
    hearing = S.hearing_record(
        actor=staff,
        review=review,
        kind="argumentation",
        held_on="2026-09-20",
        participants="法学专家三人",
        summary="第五条缺乏上位法依据。",
    )
    assert hearing.get_kind_display() == "论证会"
    with pytest.raises(DomainError):
        S.hearing_record(
            actor=staff,
            review=review,
            kind="party",
            held_on="2026-09-20",
            participants="x",
            summary="y",
        )


def test_checklist_validation(registered, staff):
    item = registered.review_items.get()
    with pytest.raises(DomainError) as err:
        S.checklist_save(actor=staff, item=item, answers={"legality": "problem"})
    assert err.value.code == "field_required"
    with pytest.raises(DomainError):
        S.checklist_save(actor=staff, item=item, answers={"taste": "ok"})
    with pytest.raises(DomainError):
        S.checklist_save(actor=staff, item=item, answers={"legality": "maybe"})
    item = S.checklist_save(
        actor=staff, item=item, answers={"legality": "ok", "procedure": {"answer": "na"}}
    )
    assert item.checklist["legality"]["answer"] == "ok" and item.problems == []


def test_outcome_no_problem_concludes(registered, staff):
    item = registered.review_items.get()
    with pytest.raises(Conflict) as err:
        S.outcome_record(actor=staff, item=item, outcome="correction", note="x")
    assert err.value.code == "no_problem_found"
    S.outcome_record(actor=staff, item=item, outcome="no_problem")
    registered.refresh_from_db()
    assert registered.status == Filing.Status.CONCLUDED
    assert registered.reviews.get().status == Review.Status.CONCLUDED
    with pytest.raises(Conflict):
        S.outcome_record(actor=staff, item=item, outcome="no_problem")


def test_rule_5_8_correction_request_is_a_case_the_body_answers(registered, staff, filer):
    item = registered.review_items.get()
    _problem(staff, item)
    item = S.outcome_record(
        actor=staff,
        item=item,
        outcome="correction",
        note="请修改第五条",
        now=dt.datetime(2026, 9, 15, 3, tzinfo=dt.UTC),
    )
    case = item.correction_case
    assert case.kind.code == "filing_correction_local" and case.due_on == dt.date(
        2026, 10, 15
    )  # 30 days (§5.8)
    assert (
        case.assignments.get().unit == filer.scope
        and case.requester_body.code == "standing-committee"
    )
    cw.assignment_receive(actor=filer, case=case)
    reply = cw.reply_submit(
        actor=filer, case=case, text="已启动修改程序。", result_class="B", signed_by_name="李局长"
    )
    case.refresh_from_db()
    assert case.status == Case.Status.REPLIED
    assert S.amend_report_due(item, reply.replied_at) >= reply.replied_at.date() + dt.timedelta(
        days=30
    )


def test_rule_5_8_national_setting_gives_two_months(registered, staff):
    RuleSetting.objects.create(key="filings.correction_answer_basis", value="national")
    item = registered.review_items.get()
    _problem(staff, item)
    item = S.outcome_record(
        actor=staff,
        item=item,
        outcome="correction",
        note="请修改",
        now=dt.datetime(2026, 9, 15, 3, tzinfo=dt.UTC),
    )
    assert item.correction_case.kind.code == "filing_correction_national"
    assert item.correction_case.due_on == dt.date(2026, 11, 15)


def test_rule_5_3_revocation_becomes_an_agenda_item_and_a_decision_poll(
    registered, staff, sc_meeting
):
    item = registered.review_items.get()
    _problem(staff, item)
    with pytest.raises(DomainError) as err:
        S.outcome_record(actor=staff, item=item, outcome="revocation", note="越权设定罚款")
    assert err.value.code == "meeting_required"
    item = S.outcome_record(
        actor=staff, item=item, outcome="revocation", note="越权设定罚款", meeting=sc_meeting
    )
    assert item.agenda_item.meeting == sc_meeting and "撤销" in item.agenda_item.title
    assert item.poll.kind == "decision" and item.poll.agenda_item == item.agenda_item


def test_thematic_review_of_a_set_and_transfer(make_filing, staff):
    a, b = make_filing(), make_filing()
    for f in (a, b):
        S.filing_register(actor=staff, filing=f)
    with pytest.raises(DomainError):
        S.review_start(actor=staff, kind="thematic", filings=[a, b])
    review = S.review_start(
        actor=staff, kind="thematic", filings=[a, b], title="涉及罚款规定专项审查"
    )
    assert review.items.count() == 2
    first, second = review.items.all()
    S.outcome_record(actor=staff, item=first, outcome="no_problem")
    review.refresh_from_db()
    assert review.status == Review.Status.OPEN
    S.outcome_record(
        actor=staff,
        item=second,
        outcome="transferred",
        note="属上级机关管辖",
        transferred_to="省人大常委会",
    )
    review.refresh_from_db()
    assert review.status == Review.Status.CONCLUDED
    c = make_filing()
    c = S.filing_transfer(actor=staff, filing=c, to="某县人大常委会", note="不属本级")
    assert c.status == Filing.Status.TRANSFERRED


# -- consistency aid --------------------------------------------------------------------------


def test_registration_lists_similar_documents_and_earlier_versions(make_filing, staff, filer):
    older = make_filing(title="清河市校外培训机构管理办法（试行）")
    S.filing_register(actor=staff, filing=older)
    unrelated = make_filing(
        title="清河市学校食堂管理规定",
        text="第一条 为加强学校食堂卫生管理，保障师生饮食安全。\n第二条 食堂应当公示菜价。",
    )
    S.filing_register(actor=staff, filing=unrelated)
    new = make_filing(text=TEXT.replace("三个月", "六个月"))
    S.filing_register(actor=staff, filing=new)
    new.refresh_from_db()
    ids = [s["id"] for s in new.similar]
    assert ids[0] == older.pk and unrelated.pk not in ids
    assert new.similar[0]["earlier_version"] and new.similar[0]["score"] > 0.7
    assert new.previous_version == older


# -- review suggestions (§5.7) ------------------------------------------------------------------


def test_suggestion_without_a_document_reference_is_refused():
    with pytest.raises(DomainError) as err:
        S.review_suggestion_submit(
            proposer_name="王某",
            contact="13800000000",
            document_reference=" ",
            reasons="该文件设定罚款没有法律依据，侵害经营者权益。",
        )
    assert (err.value.code, err.value.field) == (
        "document_reference_required",
        "document_reference",
    )
    assert not ReviewSuggestion.objects.exists()


def test_rule_5_7_suggestion_periods_across_national_day(registered, staff):
    """§5.7: received 2026-09-29 — completion asked within 5 working days (10-12, with the 10-10 调休),
    the proposer told within 10 days (10-09)."""
    s = S.review_suggestion_submit(
        proposer_name="王某",
        contact="13800000000",
        document_reference="清教发〔2026〕1号",
        reasons="该文件设定罚款没有法律依据，侵害经营者权益。",
        now=dt.datetime(2026, 9, 29, 3, tzinfo=dt.UTC),
    )
    assert s.completeness_due_on == dt.date(2026, 10, 12)
    assert s.decision_due_on == dt.date(2026, 10, 9)
    assert len(s.tracking_code) == 14
    S.review_suggestion_request_completion(actor=staff, suggestion=s, note="请提供文件全文")
    s = S.review_suggestion_supplement(
        suggestion=s, text="文件全文见附件链接。", now=dt.datetime(2026, 10, 9, 3, tzinfo=dt.UTC)
    )
    assert s.status == ReviewSuggestion.Status.RECEIVED and s.decision_due_on == dt.date(
        2026, 10, 19
    )
    with pytest.raises(DomainError) as err:
        S.review_suggestion_decide(actor=staff, suggestion=s, start=True)
    assert err.value.code == "filing_required"
    s = S.review_suggestion_decide(actor=staff, suggestion=s, start=True, filing=registered)
    assert s.status == ReviewSuggestion.Status.UNDER_REVIEW
    review = s.reviews.get()
    assert review.kind == Review.Kind.ON_REQUEST
    with pytest.raises(Conflict):
        S.review_suggestion_feedback(actor=staff, suggestion=s, text="审查完毕")
    for item in ReviewItem.objects.filter(filing=registered, outcome=""):
        S.outcome_record(actor=staff, item=item, outcome="no_problem")
    s = S.review_suggestion_feedback(actor=staff, suggestion=s, text="经审查，未发现问题。")
    assert s.status == ReviewSuggestion.Status.ANSWERED
    assert S.get_suggestion_by_code(s.tracking_code.lower()) == s
    # Typed back as people do: spaces, no hyphens, full-width characters.
    raw = s.tracking_code.replace("-", "")
    assert S.get_suggestion_by_code(f" {raw[:4].lower()} {raw[4:8]} {raw[8:]} ") == s
    assert S.get_suggestion_by_code(raw) == s
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in s.tracking_code)
    assert S.get_suggestion_by_code(full_width) == s
    with pytest.raises(NotFound):
        S.get_suggestion_by_code(raw[:-1] + ("2" if raw[-1] != "2" else "3"))


def test_suggestion_not_started_needs_a_reason_and_transfer(staff):
    s = S.review_suggestion_submit(
        proposer_name="王某",
        contact="13800000000",
        document_reference="某省规定",
        reasons="该文件设定罚款没有法律依据，侵害经营者权益。",
    )
    with pytest.raises(DomainError):
        S.review_suggestion_decide(actor=staff, suggestion=s, start=False)
    t = S.review_suggestion_submit(
        proposer_name="李某",
        contact="139",
        document_reference="某县文件",
        reasons="该文件与上位法相抵触，请予审查。",
    )
    S.review_suggestion_decide(actor=staff, suggestion=s, start=False, note="不属于备案审查范围。")
    t = S.review_suggestion_transfer(actor=staff, suggestion=t, to="某县人大常委会")
    assert t.status == ReviewSuggestion.Status.TRANSFERRED
    with pytest.raises(PermissionDenied):
        S.review_suggestion_transfer(actor=None, suggestion=s, to="x")


# -- yearly ------------------------------------------------------------------------------------


def test_rule_5_9_catalogue_reminders_once_per_body(staff, unit):
    rows = S.catalogue_reminders_send(
        actor=staff, year=2025, now=dt.datetime(2026, 1, 5, 3, tzinfo=dt.UTC)
    )
    assert unit.pk in {r.body_id for r in rows} and rows[0].due_on == dt.date(2026, 1, 31)
    assert not {r.body.code for r in rows} & {"standing-committee", "congress", "office"}
    assert (
        S.catalogue_reminders_send(
            actor=staff, year=2025, now=dt.datetime(2026, 1, 6, 3, tzinfo=dt.UTC)
        )
        == []
    )
    RuleSetting.objects.create(key="filings.catalogue_due", value="03-31")
    assert S.catalogue_due_on(2025) == dt.date(2026, 3, 31)


def test_rule_5_10_annual_report(registered, staff):
    year = registered.filed_at.year
    report = S.annual_report_prepare(actor=staff, year=year)
    assert report.figures["filed"] == 1 and report.figures["reviews"]["active"] == 1
    with pytest.raises(DomainError):
        S.annual_report_publish(actor=staff, report=report)
    report = S.annual_report_prepare(actor=staff, year=year, summary="本年度共收到备案文件1件。")
    report = S.annual_report_publish(
        actor=staff, report=report, now=dt.datetime(2026, 12, 20, 3, tzinfo=dt.UTC)
    )
    assert report.upward_due_on == dt.date(2027, 1, 19)
    with pytest.raises(Conflict):
        S.annual_report_prepare(actor=staff, year=year, summary="改")


# -- the clock moves: time_machine across National Day 2026 ------------------------------------


def test_time_machine_filing_window_and_suggestion_periods_across_national_day(
    make_filing, staff, users
):
    """Published 2026-09-01: day 30 is 10-01 (holiday), so 10-08 is the last day (§5.2); a suggestion
    received 09-29 is due for completion by 10-12, the 10-10 调休 Saturday counting (§5.7)."""
    import time_machine

    from renda.core.work import work_for

    with time_machine.travel(dt.datetime(2026, 10, 8, 9, tzinfo=dt.UTC), tick=False):
        on_time = make_filing(published_on=dt.date(2026, 9, 1))
    with time_machine.travel(dt.datetime(2026, 10, 9, 9, tzinfo=dt.UTC), tick=False):
        late = make_filing(published_on=dt.date(2026, 9, 1))
    assert not on_time.is_late and late.is_late
    assert list(Filing.objects.filter(is_late=True)) == [late]
    with time_machine.travel(dt.datetime(2026, 9, 29, 9, tzinfo=dt.UTC), tick=False):
        s = S.review_suggestion_submit(
            proposer_name="王某",
            contact="1",
            document_reference="清教发",
            reasons="该文件设定罚款没有法律依据，请予审查。",
        )
    assert (s.completeness_due_on, s.decision_due_on) == (
        dt.date(2026, 10, 12),
        dt.date(2026, 10, 9),
    )
    with time_machine.travel(dt.datetime(2026, 10, 10, 9, tzinfo=dt.UTC), tick=False):
        S.filing_register(actor=staff, filing=on_time)
        review = on_time.reviews.get()
        # Registered on the 调休 Saturday 10-10: 5 working days end on 10-16.
        assert review.route_due_on == dt.date(2026, 10, 16)
        items = work_for(staff, dt.date(2026, 10, 10))
        kinds = {str(i.kind) for i in items}
        assert {"待形式审查", "待分送", "审查建议待处理"} <= kinds
        assert any(i.rule == "§5.4" and i.due == late.formal_check_due_on for i in items)


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_reading_a_file_past_the_time_budget_is_refused_with_nothing_filed(filer, settings, kind):
    from renda.filings.tests.conftest import docx_bytes, pdf_bytes

    data = docx_bytes() if kind == "docx" else pdf_bytes()
    settings.UPLOAD_MAX_EXTRACT_SECONDS = -1  # the budget is spent before the first part
    with pytest.raises(DomainError) as caught:
        S.filing_create(
            actor=filer,
            title="清河市校外培训机构管理办法",
            document_number="清教发〔2026〕9号",
            published_on=dt.date.today(),
            drafting_explanation="说明",
            legal_basis="教育法",
            upload=SimpleUploadedFile(f"办法.{kind}", data),
        )
    assert caught.value.code == "upload_extract_too_slow" and caught.value.field == "file"
    assert not Filing.objects.exists()
