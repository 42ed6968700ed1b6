"""The compliance view (S1–S30 and the statutory rules): each rule's status for a year, with
the summary, the period and the evidence behind it; rules that cannot be evaluated say why."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Query, Router, Schema

from renda.compliance import registry as r
from renda.compliance import services
from renda.compliance.models import PartyMeeting
from renda.compliance.rules import VIEW

from .actions import expose
from .auth import OPTIONAL_AUTH, READ_AUTH, require, write_auth
from .common import InputSchema, PageQuery, Year, choice, page, text
from .errors import DETAIL_ERRORS, READ_ERRORS, not_found

router = Router(tags=["compliance"])
STATUSES = " · ".join(s.value for s in r.Status)


class ComplianceQuery(Schema):
    year: Year | None = Field(None, description="年度（缺省为本年） · year (default: this year)")


class ComplianceEvidenceOut(Schema):
    label: str
    url: str
    status: str


class PublicComplianceRuleOut(Schema):
    code: str
    title: str
    source: str
    area: str
    status: str = Field(description=STATUSES)
    summary: str
    period: str


class ComplianceRuleOut(PublicComplianceRuleOut):
    evaluated: bool = Field(description="能否由数据评估 · whether the data can decide it")
    evidence: list[ComplianceEvidenceOut]


class ComplianceOut(Schema):
    year: int
    counts: dict[str, int] = Field(description=f"按状态计数 · rules by status ({STATUSES})")
    items: list[ComplianceRuleOut]
    not_registered: list[str] = Field(
        description="尚未纳入评估的规则编号 · rule codes not yet evaluated"
    )


def _out(result: r.Result) -> dict:
    v = result.verdict
    return {
        "code": result.code, "title": str(result.check.rule.title), "source": result.check.rule.source,
        "area": result.check.area, "status": v.status, "summary": str(v.summary), "period": str(v.period),
        "evaluated": result.check.evaluate is not None,
        "evidence": [{"label": str(e.label), "url": e.url, "status": e.status} for e in v.evidence],
    }  # fmt: skip


def _year(query: ComplianceQuery):
    from django.utils import timezone

    today = timezone.localdate()
    return query.year or today.year, today


@router.get(
    "/compliance", response={200: ComplianceOut, **READ_ERRORS}, auth=write_auth(VIEW),
    operation_id="compliance_list", summary="规则落实情况 · Every rule evaluated for a year",
)  # fmt: skip
def compliance_list(request, query: Query[ComplianceQuery]):
    require(request, VIEW)
    year, today = _year(query)
    results = r.evaluate_all_reused(year, today)
    data = r.summary(results)
    return {
        "year": year, "counts": data["counts"], "items": [_out(x) for x in results],
        "not_registered": [rule.code for rule in data["missing"]],
    }  # fmt: skip


@router.get(
    "/compliance/rules/{code}", response={200: ComplianceRuleOut, **DETAIL_ERRORS}, auth=write_auth(VIEW),
    operation_id="compliance_rule", summary="一条规则的落实情况 · One rule with its evidence",
)  # fmt: skip
def compliance_rule(request, code: str, query: Query[ComplianceQuery]):
    require(request, VIEW)
    if code not in r.REGISTRY:
        raise not_found()
    year, today = _year(query)
    return _out(r.evaluate(code, year, today))


class PartyMeetingQuery(PageQuery):
    year: Year | None = None


class PartyMeetingOut(Schema):
    id: int
    kind: str = Field(description="conference · group_report")
    held_on: dt.date
    title: str
    note: str


class PartyMeetingListOut(Schema):
    count: int
    items: list[PartyMeetingOut]


def party_out(m) -> dict:
    return {"id": m.pk, "kind": m.kind, "held_on": m.held_on, "title": m.title, "note": m.note}


@router.get(
    "/compliance/party-meetings", response={200: PartyMeetingListOut, **READ_ERRORS}, auth=write_auth(VIEW),
    operation_id="compliance_party_meetings", summary="党委有关会议 · The party committee's meetings on the congress's work (S1)",
)  # fmt: skip
def compliance_party_meetings(request, query: Query[PartyMeetingQuery]):
    require(request, VIEW)
    qs = PartyMeeting.objects.all()
    if query.year:
        qs = qs.filter(held_on__year=query.year)
    return page(qs.order_by("-held_on", "-id"), query, party_out)


class PartyMeetingRecordIn(InputSchema):
    kind: choice(PartyMeeting.Kind)
    held_on: dt.date
    title: text(200)
    note: text(5000) = ""


expose(router, services.party_meeting_record, "/compliance/party-meetings", schema=PartyMeetingRecordIn, status=201,
       response=PartyMeetingOut, out=party_out,
       summary="登记党委有关会议 · Record a party committee meeting · compliance.party_meeting.record")  # fmt: skip


class PublicComplianceOut(Schema):
    year: int
    counts: dict[str, int] = Field(
        description=f"按状态计数 · published rules by status ({STATUSES})"
    )
    items: list[PublicComplianceRuleOut]


class PublicComplianceQuery(Schema):
    year: Year | None = Field(None, description="年度（缺省为本年，不晚于本年） · year (default: this year; not after it)")  # fmt: skip


@router.get(
    "/compliance/public", response={200: PublicComplianceOut, **READ_ERRORS}, auth=READ_AUTH,
    operation_id="compliance_public", openapi_extra=OPTIONAL_AUTH,
    summary="公开的规则落实情况 · The rules the office publishes, with their status for a year",
    description="Only the rules the office chose to publish; no evidence links (they lead to office pages).",
)  # fmt: skip
def compliance_public(request, query: Query[PublicComplianceQuery]):
    from django.utils import timezone

    from renda.compliance import public

    today = timezone.localdate()
    year = public.public_year(query.year, today)
    results = public.public_results(year, today)
    items = [{k: v for k, v in _out(x).items() if k in PublicComplianceRuleOut.model_fields} for x in results]  # fmt: skip
    return {"year": year, "counts": r.summary(results)["counts"], "items": items}


class RulePublishIn(InputSchema):
    code: text(12)
    publish: bool


class PublishedRuleOut(Schema):
    code: str
    published: bool
    changed_at: dt.datetime


expose(router, services.rule_publish, "/compliance/published", schema=RulePublishIn,
       response=PublishedRuleOut, out=lambda row: {"code": row.code, "published": row.published, "changed_at": row.changed_at},
       summary="公开或取消公开规则落实情况 · Publish a rule's status on the public site, or take it off · compliance.rule.publish")  # fmt: skip
