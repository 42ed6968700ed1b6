"""The public website: home, the congress and its bodies, deputies, open data."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from renda.core.navigation import portal_links
from renda.deputies.duty_record import FIGURE_KEYS, FIGURE_LABELS, duty_record, public_lines
from renda.people.models import Organization
from renda.people.selectors import current_term

from . import news, selectors
from .forms import DeputySearchForm

DEPUTIES_PER_PAGE = 48

#: What each home-page tile says about its section, by URL name.
TILE_TEXT = {
    "portal:news": _("常委会和机关发布的工作新闻与公告。"),
    "portal:about": _("本级人民代表大会及其常务委员会、专门委员会和工作机构。"),
    "portal:deputies": _("本届人民代表大会代表名录，可按姓名、代表团和选区查找。"),
    "portal:stations": _("代表之家、联络站的地址、开放时间和接待选民日安排。"),
    "portal:meetings": _("公开举行的会议、议程和处理结果，可登记旁听。"),
    "portal:suggestions": _(
        "代表建议的内容、承办单位、办理答复和代表的评价，可按届次、类别和单位查找。"
    ),
    "portal:supervision": _(
        "年度监督工作计划、听取审议的报告、审议意见及其研究处理情况和满意度测评结果。"
    ),
    "portal:filings": _("报送备案的规范性文件及其审查情况；公民和组织可以提出审查建议。"),
    "portal:legislation": _("正在征求意见的法规草案，可以逐条提出意见；立法规划计划和现行法规。"),
    "portal:budget": _("依法公开的预算、决算和调整方案，人大的审查和审计查出问题整改情况。"),
    "portal:open_data": _("以开放格式提供的代表、机构和任职数据接口。"),
}

#: The public API endpoints explained on the open-data page (paths under /api/v1/).
OPEN_DATA_ENDPOINTS = (
    ("/api/v1/openapi.json", _("接口说明（OpenAPI 3.1），列出全部接口、参数和返回格式。")),
    ("/api/v1/popolo/persons", _("人员：代表和常委会组成人员的公开信息（Popolo Person）。")),
    (
        "/api/v1/popolo/organizations",
        _("机构：人民代表大会、常务委员会、专门委员会、代表团等（Popolo Organization）。"),
    ),
    ("/api/v1/popolo/memberships", _("任职：人员在机构中的职务和起止日期（Popolo Membership）。")),
    ("/api/v1/popolo/posts", _("职务：各机构设置的职务（Popolo Post）。")),
    (
        "/api/v1/budget/public?year=",
        _("预决算：已公开的文件、人大审查情况、已公开的分类和部门数字。"),
    ),
    (
        "/api/v1/compliance/public?year=",
        _("规则落实情况：常务委员会公开的各项要求的状态和情况说明。"),
    ),
)


@require_safe
def home(request):
    term = current_term()
    tiles = [{"item": item, "text": TILE_TEXT.get(item.url_name, "")} for item in portal_links()]
    return render(
        request,
        "portal/home.html",
        {
            "term": term,
            "figures": selectors.home_figures(term),
            "tiles": tiles,
            "news": news.latest(5),
        },
    )


@require_safe
def about(request):
    today = timezone.localdate()
    bodies = list(selectors.public_bodies(today))
    return render(
        request,
        "portal/about.html",
        {
            "tree": selectors.body_tree(bodies),
            "leaders": selectors.sc_leadership(today),
            "special_committees": [
                b for b in bodies if b.kind == Organization.Kind.SPECIAL_COMMITTEE
            ],
            "working_bodies": [b for b in bodies if b.kind in selectors.WORKING_BODY_KINDS],
            "updated": max((b.updated_at for b in bodies), default=None),
        },
    )


@require_safe
def body_detail(request, code: str):
    today = timezone.localdate()
    body = selectors.public_body(code, today)
    if body is None:
        raise Http404
    is_congress = body.kind == Organization.Kind.CONGRESS
    roster = [] if is_congress else selectors.body_roster(body, today)
    leader_roles = set(selectors.LEADER_ROLES)
    return render(
        request,
        "portal/body_detail.html",
        {
            "body": body,
            "is_congress": is_congress,
            "leaders": [m for m in roster if m.role in leader_roles],
            "members": [m for m in roster if m.role not in leader_roles],
            "children": list(selectors.public_bodies(today).filter(parent=body)),
        },
    )


@require_safe
def deputies(request):
    today = timezone.localdate()
    term = current_term(today)
    form = DeputySearchForm(
        request.GET,
        delegations=selectors.delegations(term, today),
        constituencies=selectors.constituencies(term),
    )
    filters = form.filters()
    page = Paginator(
        selectors.deputy_directory(term, today=today, **filters), DEPUTIES_PER_PAGE
    ).get_page(request.GET.get("page"))
    for deputy in page.object_list:
        deputy.delegation = selectors.delegation_of(deputy)
    query = request.GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    return render(
        request,
        "portal/deputies.html",
        {
            "term": term,
            "form": form,
            "page_obj": page,
            "filtered": any(filters.values()),
            "querystring_without_page": f"{encoded}&" if encoded else "",
        },
    )


@require_safe
def deputy_detail(request, pk: int):
    term = current_term()
    deputy = selectors.deputy_public(pk, term)
    if deputy is None:
        raise Http404
    deputy.delegation = selectors.delegation_of(deputy)
    updated = max(deputy.updated_at, deputy.person.updated_at)
    record = public_lines(duty_record(deputy))
    return render(
        request,
        "portal/deputy_detail.html",
        {
            "deputy": deputy,
            "person": deputy.person,
            "term": term,
            "updated": updated,
            "record": record,
            "figures": [(FIGURE_LABELS[k], record["figures"][k]) for k in FIGURE_KEYS],
        },
    )


@require_safe
def open_data(request):
    return render(
        request,
        "portal/open_data.html",
        {"endpoints": [{"path": path, "text": text} for path, text in OPEN_DATA_ENDPOINTS]},
    )
