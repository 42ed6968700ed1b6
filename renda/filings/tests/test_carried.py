"""Results carried onto filings: the revocation vote (rules §5.3) and the report after amending (rules §5.8)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from renda.casework import services as cw
from renda.casework.models import Notification
from renda.core.errors import Conflict, PermissionDenied
from renda.core.models import AuditEvent
from renda.filings import services as S
from renda.filings.models import Filing

from .conftest import run_poll

pytestmark = pytest.mark.django_db


def _problem(staff, item):
    return S.checklist_save(
        actor=staff,
        item=item,
        answers={"legality": {"answer": "problem", "note": "越权"}},
        findings="第五条设定罚款，无上位法依据。",
    )


def _revocation(registered, staff, sc_meeting):
    item = registered.review_items.get()
    _problem(staff, item)
    return S.outcome_record(
        actor=staff, item=item, outcome="revocation", note="越权设定罚款", meeting=sc_meeting
    )


def _recorded(item):
    return AuditEvent.objects.filter(
        action="filings.revocation.recorded", object_id=str(item.review_id)
    ).count()


def test_sealed_revocation_vote_revokes_the_filing_without_the_button(
    committee, registered, staff, sc_meeting, django_capture_on_commit_callbacks
):
    item = _revocation(registered, staff, sc_meeting)
    with django_capture_on_commit_callbacks(execute=True):
        run_poll(staff, item.poll, committee, ["yes", "yes", "no"])
    item.refresh_from_db()
    registered.refresh_from_db()
    assert item.revocation_result == "passed" and item.revocation_tally["yes"] == 2
    assert item.revocation_tally["threshold"] == 2 and item.revocation_tally["fingerprint"]
    assert registered.status == Filing.Status.REVOKED and registered.revoked_at is not None
    assert _recorded(item) == 1
    # The office's button afterwards changes nothing and does not fail.
    again = S.revocation_record(actor=staff, item=item)
    assert (
        again.revocation_result == "passed"
        and again.revocation_recorded_at == item.revocation_recorded_at
    )
    assert _recorded(item) == 1


def test_failed_revocation_vote_keeps_the_filing(
    committee, registered, staff, sc_meeting, django_capture_on_commit_callbacks
):
    item = _revocation(registered, staff, sc_meeting)
    with django_capture_on_commit_callbacks(execute=True):
        run_poll(staff, item.poll, committee, ["yes", "no", "abstain"])
    item.refresh_from_db()
    registered.refresh_from_db()
    assert item.revocation_result == "failed" and registered.status == Filing.Status.CONCLUDED


def test_button_records_a_manual_count_and_refuses_before_the_seal(
    committee, registered, staff, sc_meeting, users
):
    item = _revocation(registered, staff, sc_meeting)
    with pytest.raises(Conflict) as err:
        S.revocation_record(actor=staff, item=item)
    assert err.value.code == "poll_not_sealed"
    run_poll(
        staff, item.poll, committee, ["yes", "yes", "yes"]
    )  # no on_commit here: the receiver did not run
    with pytest.raises(PermissionDenied):
        S.revocation_record(actor=users["unit_officer"], item=item)
    item = S.revocation_record(actor=staff, item=item)
    registered.refresh_from_db()
    assert item.revocation_result == "passed" and registered.status == Filing.Status.REVOKED
    other = registered.review_items.get()
    assert other.pk == item.pk


def test_button_refuses_an_item_that_is_no_revocation(registered, staff):
    item = registered.review_items.get()
    S.outcome_record(actor=staff, item=item, outcome="no_problem")
    with pytest.raises(Conflict) as err:
        S.revocation_record(actor=staff, item=item)
    assert err.value.code == "not_revocation"


def _correction(registered, staff, filer, *, result_class, replied, commit):
    """A correction request answered by the body; ``commit`` runs the after-commit effects."""
    item = registered.review_items.get()
    _problem(staff, item)
    item = S.outcome_record(
        actor=staff,
        item=item,
        outcome="correction",
        note="请修改第五条",
        now=replied - dt.timedelta(days=10),
    )
    case = item.correction_case
    cw.assignment_receive(actor=filer, case=case, now=replied - dt.timedelta(days=9))
    with commit(execute=True):
        cw.reply_submit(
            actor=filer,
            case=case,
            text="已启动修改程序。",
            result_class=result_class,
            signed_by_name="李局长",
            now=replied,
        )
    item.refresh_from_db()
    return item


def test_rule_5_8_answer_amending_stores_the_report_deadline_across_national_day(
    registered, staff, filer, django_capture_on_commit_callbacks
):
    """Answered 2026-09-04 "amending, will report": 30 days end on 10-04, in the holiday → 10-08."""
    item = _correction(
        registered,
        staff,
        filer,
        result_class="B",
        replied=dt.datetime(2026, 9, 4, 3, tzinfo=dt.UTC),
        commit=django_capture_on_commit_callbacks,
    )
    assert item.amend_report_due_on == dt.date(2026, 10, 8)
    assert not item.amend_report_late(dt.date(2026, 10, 8)) and item.amend_report_late(
        dt.date(2026, 10, 9)
    )
    assert AuditEvent.objects.filter(action="filings.amend_report.due").count() == 1


def test_answer_refusing_to_amend_stores_no_deadline(
    registered, staff, filer, django_capture_on_commit_callbacks
):
    item = _correction(
        registered,
        staff,
        filer,
        result_class="D",
        replied=dt.datetime(2026, 9, 4, 3, tzinfo=dt.UTC),
        commit=django_capture_on_commit_callbacks,
    )
    assert item.amend_report_due_on is None
    with pytest.raises(Conflict) as err:
        S.amend_report_record(actor=filer, item=item, text="已修改。")
    assert err.value.code == "amend_report_not_expected"


def test_sweep_reminds_before_and_after_the_deadline_once(
    registered, staff, filer, django_capture_on_commit_callbacks
):
    item = _correction(
        registered,
        staff,
        filer,
        result_class="B",
        replied=dt.datetime(2026, 9, 4, 3, tzinfo=dt.UTC),
        commit=django_capture_on_commit_callbacks,
    )
    assert S.amend_report_sweep(dt.date(2026, 9, 20)) == {}
    first = S.amend_report_sweep(dt.date(2026, 10, 5))
    assert first["due_7"] >= 2  # the body's officer and the office
    assert S.amend_report_sweep(dt.date(2026, 10, 6)) == {}
    assert S.amend_report_sweep(dt.date(2026, 10, 12))["overdue"] >= 2
    assert Notification.objects.filter(
        user=filer, case=item.correction_case, kind="overdue", key_date=dt.date(2026, 10, 8)
    ).exists()
    # Once reported, no more reminders.
    S.amend_report_record(
        actor=filer,
        item=item,
        text="已于10月20日修改并重新公布。",
        now=dt.datetime(2026, 10, 20, 3, tzinfo=dt.UTC),
    )
    Notification.objects.all().delete()
    assert S.amend_report_sweep(dt.date(2026, 10, 21)) == {}


def test_follow_up_reply_through_the_queue_is_the_report(
    registered, staff, filer, django_capture_on_commit_callbacks
):
    item = _correction(
        registered,
        staff,
        filer,
        result_class="B",
        replied=dt.datetime(2026, 9, 4, 3, tzinfo=dt.UTC),
        commit=django_capture_on_commit_callbacks,
    )
    with django_capture_on_commit_callbacks(execute=True):
        cw.follow_up_reply(
            actor=filer,
            case=item.correction_case,
            text="已修改第五条并重新公布。",
            result_class="A",
            signed_by_name="李局长",
            now=dt.datetime(2026, 10, 1, 3, tzinfo=dt.UTC),
        )
    item.refresh_from_db()
    assert item.amend_report_text == "已修改第五条并重新公布。" and not item.amend_report_late(
        dt.date(2026, 12, 1)
    )
    event = AuditEvent.objects.get(action="filings.amend_report.recorded")
    assert event.changes["via"] == "casework" and event.changes["late"] is False


def test_self_amended_report_recorded_by_the_body_only(registered, staff, filer, other_filer):
    item = registered.review_items.get()
    _problem(staff, item)
    item = S.outcome_record(
        actor=staff,
        item=item,
        outcome="self_amended",
        note="经沟通，制定机关同意修改",
        now=dt.datetime(2026, 2, 1, 3, tzinfo=dt.UTC),
    )
    # 30 days from 02-01 end on 03-03 (after the Spring Festival, a working day).
    assert item.amend_report_due_on == dt.date(2026, 3, 3)
    with pytest.raises(PermissionDenied):
        S.amend_report_record(actor=other_filer, item=item, text="已修改。")
    with pytest.raises(Exception) as err:
        S.amend_report_record(actor=filer, item=item, text="  ")
    assert err.value.code == "field_required"
    item = S.amend_report_record(
        actor=filer, item=item, text="已修改第五条。", now=dt.datetime(2026, 3, 5, 3, tzinfo=dt.UTC)
    )
    assert item.amend_reported_at is not None
    event = AuditEvent.objects.get(action="filings.amend_report.recorded")
    assert event.changes["late"] is True
    with pytest.raises(Conflict) as err:
        S.amend_report_record(actor=staff, item=item, text="再次报告。")
    assert err.value.code == "amend_report_recorded"


# -- pages ------------------------------------------------------------------------------------------


def test_amend_report_shown_flagged_and_recorded_by_the_body(
    client_for, make_filing, staff, filer, django_assert_num_queries
):
    from django.urls import reverse

    items = []
    for _i in range(3):
        filing = make_filing()
        S.filing_register(actor=staff, filing=filing)
        item = filing.review_items.get()
        _problem(staff, item)
        items.append(
            S.outcome_record(
                actor=staff,
                item=item,
                outcome="self_amended",
                note="经沟通同意修改",
                now=dt.datetime(2026, 9, 4, 3, tzinfo=dt.UTC),
            )
        )
    office = client_for("staff")
    office.get(reverse("filings:amend_reports"))
    with django_assert_num_queries(6):
        page = office.get(reverse("filings:amend_reports")).content.decode()
    assert page.count("2026-10-08") == 3
    with time_machine.travel(dt.datetime(2026, 10, 8, 9, tzinfo=dt.UTC), tick=False):
        assert "逾期未报告" not in office.get(reverse("filings:amend_reports")).content.decode()
    with time_machine.travel(dt.datetime(2026, 10, 9, 2, tzinfo=dt.UTC), tick=False):
        assert (
            office.get(reverse("filings:amend_reports")).content.decode().count("逾期未报告") == 3
        )
    officer = client_for("unit_officer")
    detail = officer.get(reverse("filings:detail", args=[items[0].filing_id])).content.decode()
    assert "修改后报告期限" in detail and f'id="amend-form-{items[0].pk}"' in detail
    url = reverse("filings:amend_report_record", args=[items[0].pk])
    assert officer.post(url, {"text": ""}).status_code == 302
    items[0].refresh_from_db()
    assert items[0].amend_reported_at is None
    with time_machine.travel(dt.datetime(2026, 10, 20, 2, tzinfo=dt.UTC), tick=False):
        assert officer.post(url, {"text": "已修改第五条并重新公布。"}).status_code == 302
    items[0].refresh_from_db()
    assert items[0].amend_report_text == "已修改第五条并重新公布。"
    detail = officer.get(reverse("filings:detail", args=[items[0].filing_id])).content.decode()
    assert (
        "已报告" in detail
        and "逾期报告" in detail
        and f'id="amend-form-{items[0].pk}"' not in detail
    )
    assert client_for("leader").post(url, {"text": "x"}).status_code == 403


def test_review_page_offers_the_button_only_for_a_sealed_unrecorded_poll(
    client_for, committee, registered, staff, sc_meeting
):
    from django.urls import reverse

    item = _revocation(registered, staff, sc_meeting)
    client = client_for("staff")
    page = client.get(reverse("filings:review", args=[item.review_id])).content.decode()
    assert (
        "表决封存后自动登记结果。" in page
        and reverse("filings:revocation_record", args=[item.pk]) not in page
    )
    run_poll(staff, item.poll, committee, ["yes", "yes", "no"])
    page = client.get(reverse("filings:review", args=[item.review_id])).content.decode()
    assert reverse("filings:revocation_record", args=[item.pk]) in page
    assert client.post(reverse("filings:revocation_record", args=[item.pk])).status_code == 302
    page = client.get(reverse("filings:review", args=[item.review_id])).content.decode()
    assert "表决通过，予以撤销" in page and "赞成 2，反对 1，弃权 0" in page
    registered.refresh_from_db()
    assert registered.status == Filing.Status.REVOKED
    detail = client.get(reverse("filings:detail", args=[registered.pk])).content.decode()
    assert "已撤销" in detail


def test_reports_owed_are_in_my_work_for_the_office_and_the_body(
    registered, staff, filer, other_filer
):
    from renda.filings.work import filings_work

    item = registered.review_items.get()
    _problem(staff, item)
    S.outcome_record(
        actor=staff,
        item=item,
        outcome="self_amended",
        note="经沟通同意修改",
        now=dt.datetime(2026, 9, 4, 3, tzinfo=dt.UTC),
    )
    today = dt.date(2026, 10, 1)
    for user in (staff, filer):
        owed = [w for w in filings_work(user, today) if w.rule == "§5.8"]
        assert [(w.title, w.due) for w in owed] == [(registered.title, dt.date(2026, 10, 8))]
    assert not [w for w in filings_work(other_filer, today) if w.rule == "§5.8"]
    S.amend_report_record(actor=filer, item=item, text="已修改。")
    assert not [w for w in filings_work(staff, today) if w.rule == "§5.8"]


def test_public_list_keeps_a_revoked_document_marked_revoked(
    client_for, committee, registered, staff, sc_meeting, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    item = _revocation(registered, staff, sc_meeting)
    with django_capture_on_commit_callbacks(execute=True):
        run_poll(staff, item.poll, committee, ["yes", "yes", "yes"])
    page = client_for(None).get(reverse("portal:filings")).content.decode()
    assert registered.title in page and "已撤销" in page
    review = client_for("staff").get(f"/api/v1/filing-reviews/{item.review_id}").json()
    assert (
        review["items"][0]["revocation_result"] == "passed"
        and review["items"][0]["amend_report_due_on"] is None
    )


def test_body_reports_the_amendment_through_the_api(
    client, users, registered, staff, filer, other_filer
):
    import json

    item = registered.review_items.get()
    _problem(staff, item)
    S.outcome_record(
        actor=staff,
        item=item,
        outcome="self_amended",
        note="经沟通同意修改",
        now=dt.datetime(2026, 9, 4, 3, tzinfo=dt.UTC),
    )
    url = f"/api/v1/filings/items/{item.pk}/amend-report"

    def post(user, data):
        client.force_login(user)
        return client.post(url, json.dumps(data), content_type="application/json")

    assert post(other_filer, {"text": "已修改。"}).status_code == 404
    assert post(users["leader"], {"text": "已修改。"}).status_code == 403
    assert post(filer, {}).status_code == 422
    assert post(filer, {"text": "   "}).json()["code"] == "field_required"
    with time_machine.travel(dt.datetime(2026, 10, 9, 2, tzinfo=dt.UTC), tick=False):
        response = post(filer, {"text": "已修改第五条。"})
    assert response.status_code == 200, response.content
    assert (
        response.json()["amend_report_due_on"] == "2026-10-08" and response.json()["late"] is True
    )
    again = post(staff, {"text": "再次报告。"})
    assert again.status_code == 409 and again.json()["code"] == "amend_report_recorded"


def test_the_daily_casework_sweep_runs_the_filings_reminders_once(
    registered, staff, filer, django_capture_on_commit_callbacks
):
    import io

    from django.core.management import call_command

    _correction(
        registered,
        staff,
        filer,
        result_class="B",
        replied=dt.datetime(2026, 9, 4, 3, tzinfo=dt.UTC),
        commit=django_capture_on_commit_callbacks,
    )
    out = io.StringIO()
    call_command("casework_sweep", "--date", "2026-10-12", stdout=out)
    assert "filings.overdue=" in out.getvalue()
    assert Notification.objects.filter(
        user=filer, kind="overdue", key_date=dt.date(2026, 10, 8)
    ).exists()
    out = io.StringIO()
    call_command("casework_sweep", "--date", "2026-10-12", stdout=out)
    assert "0 new notifications" in out.getvalue()
