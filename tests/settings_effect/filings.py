"""Filing review (§5.2–§5.11): the periods a filing, a review, a suggestion and a report get."""

from __future__ import annotations

from renda.filings import services as F
from renda.people.models import Organization

from .cases import Case, D, Scenario, at, registry

CASES: dict[str, Case] = {}
case = registry(CASES)

PUBLISHED, FILED = D(2026, 6, 1), D(2026, 6, 2)
TEXT = "第一条 为了规范校外培训机构管理，制定本办法。\n第二条 本办法自公布之日起施行。"


def filing(s: Scenario, *, published_on=PUBLISHED, now=FILED):
    """A new filing of the education bureau, filed at ``now``."""
    n = s.serial()
    return F.filing_create(
        actor=s.users["unit_officer"],
        title=f"清河市校外培训机构管理办法{n}",
        document_number=f"清教发〔2026〕{n}号",
        published_on=published_on,
        drafting_explanation="为规范校外培训机构管理起草本办法。",
        legal_basis="《中华人民共和国教育法》",
        text=TEXT,
        now=at(now),
    )


def registered(s: Scenario, day=FILED):
    f = filing(s, now=day)
    F.filing_register(actor=s.staff, filing=f, now=at(day))
    f.refresh_from_db()
    return f


def suggestion(s: Scenario):
    return F.review_suggestion_submit(
        proposer_name="王某",
        contact="13800000000",
        document_reference="清教发〔2026〕1号",
        reasons="该文件设定罚款没有法律依据，侵害经营者权益。",
        now=at(D(2026, 6, 2)),
    )


def correction_case(s: Scenario):
    """A registered filing found wanting and sent back for correction on 2 June."""
    item = registered(s).review_items.get()
    F.checklist_save(
        actor=s.staff,
        item=item,
        answers={"legality": {"answer": "problem", "note": "设定罚款超出权限"}},
        findings="第五条设定罚款，无上位法依据。",
    )
    item = F.outcome_record(
        actor=s.staff, item=item, outcome="correction", note="请修改", now=at(D(2026, 6, 2))
    )
    return item.correction_case


@case("filings.filing_days", value="20", default=D(2026, 7, 1), changed=D(2026, 6, 22))
def filing_days(s: Scenario):
    """§5.2: a document published on 1 June is filed within the days of the setting."""
    return filing(s).filing_due_on


@case("filings.formal_check_days", value="5", default=D(2026, 6, 12), changed=D(2026, 6, 8))
def formal_check(s: Scenario):
    """§5.4: the office checks a filing's form within the days of the setting."""
    return filing(s).formal_check_due_on


@case("filings.correction_days", value="5", default=D(2026, 6, 12), changed=D(2026, 6, 8))
def correction(s: Scenario):
    """§5.4: a filing returned on 2 June is corrected within the days of the setting."""
    f = filing(s)
    F.filing_return(actor=s.staff, filing=f, reason="正文不完整", now=at(D(2026, 6, 2)))
    f.refresh_from_db()
    return f.correction_due_on


@case("filings.review_months", value="2", default=D(2026, 9, 2), changed=D(2026, 8, 2))
def review_months(s: Scenario):
    """§5.5: a review opened on registration ends within the months of the setting."""
    return registered(s).reviews.get().due_on


@case("filings.routing_workdays", value="3", default=D(2026, 6, 9), changed=D(2026, 6, 5))
def routing(s: Scenario):
    """§5.5: the review is routed to its working body within the working days."""
    return registered(s).reviews.get().route_due_on


@case("filings.review_extension_months", value="2", default=D(2026, 12, 2), changed=D(2026, 11, 2))  # fmt: skip
def review_extension(s: Scenario):
    """§5.5: a leader extends a review by the months of the setting."""
    review = registered(s).reviews.get()
    return F.review_extend(actor=s.users["leader"], review=review, reason="需要调研").due_on


@case("filings.committee_view_days", value="20", default=D(2026, 7, 2), changed=D(2026, 6, 22))
def committee_view(s: Scenario):
    """§5.5: a committee asked on 2 June gives its view within the days of the setting."""
    review = registered(s).reviews.get()
    view = F.committee_view_request(
        actor=s.staff,
        review=review,
        committee=Organization.objects.get(code="sp-legal"),
        now=at(D(2026, 6, 2)),
    )
    return view.due_on


@case("filings.suggestion_completeness_workdays", value="3", default=D(2026, 6, 9), changed=D(2026, 6, 5))  # fmt: skip
def suggestion_completeness(s: Scenario):
    """§5.7: a suggestion's completeness is checked within the working days of the setting."""
    return suggestion(s).completeness_due_on


@case("filings.suggestion_decision_days", value="5", default=D(2026, 6, 12), changed=D(2026, 6, 8))  # fmt: skip
def suggestion_decision(s: Scenario):
    """§5.7: whether to review on a suggestion is decided within the days of the setting."""
    return suggestion(s).decision_due_on


@case("filings.transfer_days", value="5", default=D(2026, 6, 12), changed=D(2026, 6, 8))
def transfer(s: Scenario):
    """§5.11: a suggestion on another body's document is transferred within the days."""
    return suggestion(s).transfer_due_on


@case("filings.correction_answer_basis", value="national", default="filing_correction_local", changed="filing_correction_national")  # fmt: skip
def correction_basis(s: Scenario):
    """§5.8: which period the body answering a correction request is given."""
    return correction_case(s).kind.code


@case("filings.correction_answer_days_local", value="20", default=D(2026, 7, 2), changed=D(2026, 6, 22))  # fmt: skip
def correction_answer(s: Scenario):
    """§5.8: the body answers a correction request within the local days of the setting."""
    return correction_case(s).due_on


@case("filings.amend_report_days", value="20", default=D(2026, 7, 2), changed=D(2026, 6, 22))
def amend_report(s: Scenario):
    """§5.8: a body that answered "amending" on 2 June reports the amendment within the days."""
    item = s.once("item", lambda: registered(s).review_items.get())
    return F.amend_report_due(item, at(D(2026, 6, 2)))


@case("filings.catalogue_due", value="03-31", default=D(2026, 1, 31), changed=D(2026, 3, 31))
def catalogue(s: Scenario):
    """§5.9: the catalogue of 2025's documents is due on the day of the setting."""
    return F.catalogue_due_on(2025)


@case("filings.report_upward_days", value="20", default=D(2027, 1, 19), changed=D(2027, 1, 11))
def report_upward(s: Scenario):
    """§5.10: the annual report published on 20 December goes upward within the days."""
    year = 2024 + s.serial()
    report = F.annual_report_prepare(actor=s.staff, year=year, summary="本年度共收到备案文件。")
    report = F.annual_report_publish(actor=s.staff, report=report, now=at(D(2026, 12, 20)))
    return report.upward_due_on
