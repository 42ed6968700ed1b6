"""Route and API walker expectations for filings (see tests/walkers/__init__.py).

The walker's filings are the unit officer's body's (the education bureau): one
waiting for the formal check, one registered with its active review, a review
suggestion, a catalogue reminder to the bureau and a published annual report.
"""

from __future__ import annotations

from tests.walkers import ANON, EVERYONE, OFFICE_STAFF, SIGNED_IN, STAFF_SIDE  # noqa: F401

FILERS = frozenset({"admin", "unit_officer"})
VIEWERS = STAFF_SIDE | {"unit_officer"}

ROUTES: dict = {
    # Back office.
    "filings:list": ("GET", STAFF_SIDE, None),
    "filings:export": ("GET", OFFICE_STAFF, None),
    "filings:mine": ("GET", FILERS, None),
    "filings:create": ("GET", FILERS, None),
    "filings:late": ("GET", VIEWERS, None),
    "filings:intake": ("GET", OFFICE_STAFF, None),
    "filings:detail": ("GET", VIEWERS, "filings_filing"),
    "filings:register": ("POST", OFFICE_STAFF, "filings_filing"),
    "filings:return": ("POST", OFFICE_STAFF, "filings_filing"),
    "filings:transfer": ("POST", OFFICE_STAFF, "filings_filing"),
    "filings:correct": ("GET", FILERS, "filings_filing"),
    "filings:receipt": ("GET", VIEWERS, "filings_receipt"),
    "filings:reviews": ("GET", OFFICE_STAFF, None),
    "filings:review_create": ("GET", OFFICE_STAFF, None),
    "filings:review": ("GET", OFFICE_STAFF, "filings_review"),
    "filings:review_action": ("POST", OFFICE_STAFF, "filings_review_action"),
    "filings:checklist": ("POST", OFFICE_STAFF, "filings_item"),
    "filings:outcome": ("POST", OFFICE_STAFF, "filings_item"),
    "filings:revocation_record": ("POST", OFFICE_STAFF, "filings_item"),
    # The office, or the enacting body's own officer (the walker's item is the officer's body's).
    "filings:amend_report_record": ("POST", FILERS | OFFICE_STAFF, "filings_item"),
    "filings:amend_reports": ("GET", VIEWERS, None),
    "filings:suggestions": ("GET", OFFICE_STAFF, None),
    "filings:suggestion": ("GET", OFFICE_STAFF, "filings_suggestion"),
    "filings:suggestion_action": ("POST", OFFICE_STAFF, "filings_suggestion_action"),
    "filings:annual": ("GET", OFFICE_STAFF, None),
    "filings:reminders_send": ("POST", OFFICE_STAFF, None),
    "filings:reminder": ("GET", VIEWERS, "filings_reminder"),
    "filings:report_prepare": ("POST", OFFICE_STAFF, None),
    "filings:report_publish": ("POST", OFFICE_STAFF, "filings_report"),
    "filings:report": ("GET", STAFF_SIDE, "filings_report"),
    # Public website.
    "portal:filings": ("GET", EVERYONE, None),
    "portal:filing_detail": ("GET", EVERYONE, "filings_public"),
    "portal:filing_suggest": ("GET", EVERYONE, None),
    "portal:filing_track": ("GET", EVERYONE, None),
    "portal:filing_report": ("GET", EVERYONE, "filings_report_year"),
}

OPERATIONS: dict = {
    "filings_list": EVERYONE,
    "filings_detail": EVERYONE,
    # The administrator holds every permission and gets 422 for the empty body.
    "filings_create": FILERS,
    # The same with the file as multipart (the empty JSON body is refused with 422).
    "filings_create_upload": FILERS,
    "filings_register": OFFICE_STAFF,
    "filings_return": OFFICE_STAFF,
    "filings_similar": OFFICE_STAFF,
    "filings_reviews_list": OFFICE_STAFF,
    "filings_reviews_detail": OFFICE_STAFF,
    "filings_reviews_checklist": OFFICE_STAFF,
    "filings_reviews_outcome": OFFICE_STAFF,
    "filings_suggestions_create": SIGNED_IN,
    # The proposer adds material with the tracking code; the walker's suggestion is not
    # waiting for completion, so signed-in callers get the domain's refusal (409).
    "filings_suggestion_supplement": SIGNED_IN,
    # The office or the enacting body's officer (the walker's item is the officer's body's).
    "filings_amend_reports_create": FILERS | OFFICE_STAFF,
    "filings_suggestions_status": EVERYONE,
    # The declared actions exposed one operation each (renda.api.actions.expose).
    "filings_filing_transfer": OFFICE_STAFF,
    "filings_filing_correct": FILERS,
    "filings_review_start": OFFICE_STAFF,
    "filings_review_route": OFFICE_STAFF,
    # A leader approves extending a review (filings.approve).
    "filings_review_extend": frozenset({"admin", "leader"}),
    "filings_review_request_view": OFFICE_STAFF,
    "filings_committee_view_submit": OFFICE_STAFF,
    "filings_review_record_hearing": OFFICE_STAFF,
    "filings_review_item_record_revocation": OFFICE_STAFF,
    "filings_suggestion_request_completion": OFFICE_STAFF,
    "filings_suggestion_start_review": OFFICE_STAFF,
    "filings_suggestion_not_start": OFFICE_STAFF,
    "filings_suggestion_transfer": OFFICE_STAFF,
    "filings_suggestion_feedback": OFFICE_STAFF,
    "filings_catalogue_remind": OFFICE_STAFF,
    "filings_report_prepare": OFFICE_STAFF,
    "filings_report_publish": OFFICE_STAFF,
}
#: filings_create, register, return, checklist, outcome, suggestions_create, amend_reports_create,
#: review_start, and the 16 exposed actions (each has its own input schema, empty or not).
REQUEST_BODIES = 25
PRIVATE_READS: tuple[str, ...] = ("/api/v1/filing-reviews",)


def _data(users):
    import datetime as dt

    from renda.filings import services

    staff, officer = users["staff"], users["unit_officer"]

    def make(number):
        return services.filing_create(
            actor=officer,
            title=f"清河市教育收费管理办法{number}",
            document_number=f"清教发〔2026〕{number}号",
            published_on=dt.date.today(),
            drafting_explanation="起草说明",
            legal_basis="教育法",
            text="第一条 为规范教育收费，制定本办法。\n第二条 违反规定收费的，处以罚款。",
        )

    pending = make(1)
    registered = make(2)
    receipt = services.filing_register(actor=staff, filing=registered)
    review = registered.reviews.get()
    item = review.items.get()
    suggestion = services.review_suggestion_submit(
        proposer_name="王某",
        contact="13800000000",
        document_reference="清教发〔2026〕2号",
        reasons="该文件设定罚款没有法律依据，请予审查。",
    )
    year = dt.date.today().year
    reminders = services.catalogue_reminders_send(actor=staff, year=year - 1)
    reminder = next(r for r in reminders if r.body_id == officer.scope_id)
    report = services.annual_report_prepare(actor=staff, year=year, summary="年度工作概述。")
    services.annual_report_publish(actor=staff, report=report)
    return pending, registered, receipt, review, item, suggestion, reminder, report


def _committee_view(users, review):
    from renda.filings import services
    from renda.people.models import Organization

    committee = Organization.objects.filter(kind__in=["special_committee", "working_body"]).first()
    if committee is None:
        committee = Organization.objects.create(
            code="walker-legal", name="法制工作委员会", kind="working_body"
        )
    return services.committee_view_request(actor=users["staff"], review=review, committee=committee)


def objects(users, term) -> dict:
    pending, registered, receipt, review, item, suggestion, reminder, report = _data(users)
    return {
        "filings_filing": {"pk": pending.pk},
        "filings_receipt": {"pk": registered.pk, "receipt_id": receipt.pk},
        "filings_review": {"pk": review.pk},
        "filings_review_action": {"pk": review.pk, "action": "route"},
        "filings_item": {"pk": item.pk},
        "filings_suggestion": {"pk": suggestion.pk},
        "filings_suggestion_action": {"pk": suggestion.pk, "action": "complete"},
        "filings_reminder": {"pk": reminder.pk},
        "filings_report": {"pk": report.pk},
        "filings_public": {"pk": registered.pk},
        "filings_report_year": {"year": report.year},
    }


def ids(users, term) -> dict:
    _pending, registered, _receipt, review, item, suggestion, _reminder, report = _data(users)
    return {
        "filing_id": registered.pk,
        "review_id": review.pk,
        "item_id": item.pk,
        "tracking_code": suggestion.tracking_code,
        "review_suggestion_id": suggestion.pk,
        "committee_view_id": _committee_view(users, review).pk,
        "filing_report_id": report.pk,
    }
